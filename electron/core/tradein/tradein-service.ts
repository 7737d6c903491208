import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto'
import type { z } from 'zod'
import type { ChecklistItem } from '../../../shared/catalog'
import type { Catalog } from '../../../shared/domain/catalog'
import type {
  TradeInAcceptRequest,
  TradeInAcceptResponseSchema,
  TradeInChecklistRequest,
  TradeInChecklistResponseSchema,
  TradeInQuoteResponseSchema,
  TradeInStartRequest,
  TradeInStartResponseSchema,
  TradeInView,
  TradeInViewResponseSchema,
  TradeInVoucherView,
  VoucherCheckRequest,
  VoucherCheckResponse,
  VoucherCompleteRequest,
  VoucherCompleteResponse,
} from '../../../shared/contract/tradein'
import { checkRedemption, upgradeCredit, validateImei } from '../../../shared/domain'
import {
  conditionGrade,
  gridPrice,
  gridQuoteValidUntil,
  voucherState,
  voucherValidTo,
  type ChecklistAnswer,
  type TradeInSection,
} from '../../../shared/domain/trade-in'
import { KioskError } from '../../../shared/errors'
import type { Payment } from '../../../shared/sync/events'
import { appendAudit } from '../audit/audit-log'
import type { Actor, CoreDeps } from '../context'
import { nextDocumentNumber } from '../document-numbers'
import { auditListed, screenImeis, screeningReasons } from '../fraud/imei-screening'
import { once } from '../idempotency'
import type { OnlinePlans } from '../sync/online-plans'
import { appendEvent as appendOutboxEvent, eventOrigin } from '../outbox/outbox'
import { Reasons } from '../reasons'
import { recordFact } from '../record-fact'
import { checkHandover } from '../redemption/handover'
import { checkNewDevice, checkPayment } from '../redemption/redemption-service'
import {
  DeviceIntakeEntity,
  InspectionEntity,
  PaymentEntity,
  TradeInEntity,
} from '../storage/entities'
import type { TradeInRow } from '../storage/entities'
import { deviceIdOfTradeIn } from '../storage/repos/devices'
import { inspectionById, latestSubmittedInspection } from '../storage/repos/inspections'
import { planNumberById, plansByImei, type PlanRecord } from '../storage/repos/plans'
import { requestAnswered } from '../storage/repos/requests'
import {
  pendingConfirmations,
  tradeInById,
  tradeInByVoucher,
  acceptedTradeInOfImei,
  type RawTradeIn,
} from '../storage/repos/tradeins'
import type { Sql, Tx } from '../storage/store'
import type { PartnerQuote, TradeInPartner } from './partner'
import { quoteTradeIn } from './quote'

type StartResponse = z.infer<typeof TradeInStartResponseSchema>
type ChecklistResponse = z.infer<typeof TradeInChecklistResponseSchema>
type QuoteResponse = z.infer<typeof TradeInQuoteResponseSchema>
type AcceptResponse = z.infer<typeof TradeInAcceptResponseSchema>
type ViewResponse = z.infer<typeof TradeInViewResponseSchema>

/** The kiosk's trade-in flow (docs/program-rules.md#trade-in). */
export interface TradeInService {
  start(actor: Actor, req: TradeInStartRequest): Promise<StartResponse>
  checklist(actor: Actor, req: TradeInChecklistRequest): Promise<ChecklistResponse>
  quote(actor: Actor, tradeInId: string): Promise<QuoteResponse>
  accept(actor: Actor, req: TradeInAcceptRequest): Promise<AcceptResponse>
  decline(actor: Actor, req: { requestId: string; tradeInId: string }): Promise<ViewResponse>
  get(tradeInId: string): Promise<ViewResponse>
  voucherCheck(req: VoucherCheckRequest): Promise<VoucherCheckResponse>
  voucherComplete(actor: Actor, req: VoucherCompleteRequest): Promise<VoucherCompleteResponse>
  /**
   * Asks the partner to confirm every trade-in accepted while it was pending (grid price, or the
   * partner unreachable at accept), when the partner answers (docs/program-rules.md#trade-in).
   * Run by the sync; returns how many were settled.
   */
  confirmPending(): Promise<{ confirmed: number; priceChanged: number; stillPending: number }>
}

/** Where the trade-in service finds its partner (null: none configured) and head office. */
export interface TradeInServiceOptions {
  partner?: TradeInPartner | null
  /** Head office when reachable: the lost/stolen register is asked about the phone taken in. */
  online?: () => OnlinePlans | null
}

const notFound = (id: string) => new KioskError('TRADE_IN_NOT_FOUND', `No trade-in ${id}.`)

function requireRow(sql: Sql, id: string): RawTradeIn {
  const row = tradeInById(sql, id)
  if (!row) throw notFound(id)
  return row
}

function stateInvalid(row: RawTradeIn, step: string): KioskError {
  return new KioskError(
    'TRADE_IN_STATE_INVALID',
    `Trade-in ${row.id} is ${row.status}: it cannot ${step}.`,
    undefined,
    { status: row.status },
  )
}

function sectionOf(catalog: Catalog): TradeInSection {
  const section = catalog.tradeIn
  if (!section) throw new KioskError('TRADE_IN_NOT_OFFERED', 'This catalog offers no trade-in.')
  return section
}

const VOUCHER_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/**
 * Six characters from an alphabet without look-alikes (0/O, 1/I), asked when the voucher is used:
 * a keyed hash of the voucher's number under the kiosk's own key (idempotency.ts), so nobody
 * without the kiosk can work one out from the (consecutive) number, and a reprint shows the same.
 */
function voucherCode(key: Buffer, voucherNumber: string): string {
  const mac = createHmac('sha256', key).update(`trade-in-voucher:${voucherNumber}`).digest()
  let code = ''
  for (let i = 0; i < 6; i++) code += VOUCHER_ALPHABET[mac[i]! % VOUCHER_ALPHABET.length]
  return code
}

function sameCode(a: string, b: string): boolean {
  const x = createHash('sha256').update(a.trim().toUpperCase()).digest()
  const y = createHash('sha256').update(b).digest()
  return timingSafeEqual(x, y)
}

/**
 * The plan this IMEI has at this kiosk that the customer could redeem today instead: active, in
 * its redemption window, and its phone not failed at its latest inspection
 * (docs/program-rules.md#trade-in). A plan that is too early, expired, cancelled, redeemed or whose
 * phone failed does not stand in the way.
 */
function redeemablePlan(deps: CoreDeps, sql: Sql, plans: PlanRecord[]): PlanRecord | null {
  const today = deps.businessDate()
  for (const plan of plans) {
    if (plan.status !== 'active') continue
    const check = checkRedemption({
      plan: {
        status: plan.status,
        purchaseDate: plan.purchaseDate,
        srpPaise: plan.srpPaise,
        mobile: plan.customer.mobile,
        idLast4: plan.customer.idLast4,
      },
      onDate: today,
      schedule: deps.catalogs.byVersion(plan.catalogVersion).schedule,
    })
    if (!check.ok) continue
    const latest = latestSubmittedInspection(sql, plan.id)
    if (latest?.verdict === 'ineligible') continue
    return plan
  }
  return null
}

function checklistOf(row: RawTradeIn, sql: Sql): ChecklistItem[] {
  const insp = row.inspection_id ? inspectionById(sql, row.inspection_id) : undefined
  return insp ? (JSON.parse(insp.checklist) as ChecklistItem[]) : []
}

function answersOf(row: RawTradeIn, sql: Sql): ChecklistAnswer[] {
  const insp = row.inspection_id ? inspectionById(sql, row.inspection_id) : undefined
  const list = insp?.answers
    ? (JSON.parse(insp.answers) as { itemId: string; result: string }[])
    : []
  return list.map((a) => ({ itemId: a.itemId, pass: a.result === 'pass' }))
}

/** A stored trade-in as every answer shows it. */
export function toTradeInView(deps: CoreDeps, sql: Sql, row: RawTradeIn): TradeInView {
  const catalog = deps.catalogs.byVersion(row.catalog_version)
  const section = catalog.tradeIn
  const checklist = checklistOf(row, sql)
  const labelOf = (itemId: string) =>
    checklist.find((c) => c.id === itemId)?.label ?? { en: itemId, hi: itemId }
  const gradeLabel = section?.grades.find((g) => g.grade === row.grade)?.label ?? null
  const partnerName =
    section && row.partner_id === section.partner.id ? section.partner.name : (row.partner_id ?? '')
  const planNumber = row.plan_id ? planNumberById(sql, row.plan_id) : undefined
  const deviceIntakeId = deviceIdOfTradeIn(sql, row.id)
  const today = deps.businessDate()
  const voucher = voucherView(row, today)
  const status = row.status === 'accepted' && voucher?.status === 'expired' ? 'expired' : row.status
  return {
    tradeInId: row.id,
    status,
    imei: row.imei,
    modelId: row.model_id,
    modelName: row.model_name,
    variantId: row.variant_id,
    variantName: row.variant_name,
    planNumber: planNumber ?? null,
    inspectionId: row.inspection_id,
    grade: row.grade,
    gradeLabel,
    notAcceptable: row.not_acceptable
      ? (JSON.parse(row.not_acceptable) as string[]).map((itemId) => ({
          itemId,
          label: labelOf(itemId),
        }))
      : [],
    quote:
      row.quote_source && row.amount_paise !== null && row.quote_valid_until
        ? {
            source: row.quote_source,
            partnerId: row.partner_id ?? '',
            partnerName,
            quoteId: row.quote_id,
            amountPaise: row.amount_paise,
            validUntil: row.quote_valid_until,
            provisional: row.provisional === 1,
          }
        : null,
    voucher,
    partnerReference: row.partner_reference,
    confirmation: row.confirmation,
    deviceIntakeId: deviceIntakeId ?? null,
    businessDate: row.business_date,
    createdAt: row.created_at,
  }
}

function voucherView(row: RawTradeIn, today: string): TradeInVoucherView | null {
  if (!row.voucher_number || !row.voucher_code || !row.voucher_valid_to || !row.accepted_on)
    return null
  return {
    number: row.voucher_number,
    code: row.voucher_code,
    amountPaise: row.amount_paise ?? 0,
    issuedOn: row.accepted_on,
    validTo: row.voucher_valid_to,
    status: voucherState({ usedOn: row.used_on, validTo: row.voucher_valid_to }, today),
    usedOn: row.used_on,
  }
}

/** The checklist's answers: every required item answered, no item the checklist lacks. */
function checkAnswers(checklist: ChecklistItem[], req: TradeInChecklistRequest): void {
  const r = new Reasons()
  const known = new Set(checklist.map((c) => c.id))
  const seen = new Set<string>()
  req.answers.forEach((a, i) => {
    if (!known.has(a.itemId)) {
      r.add(
        'TRADE_IN_CHECKLIST_INCOMPLETE',
        `answers.${i}.itemId`,
        `No checklist item ${a.itemId}.`,
      )
    } else if (seen.has(a.itemId)) {
      r.add('TRADE_IN_CHECKLIST_INCOMPLETE', `answers.${i}.itemId`, `${a.itemId} answered twice.`)
    }
    seen.add(a.itemId)
  })
  for (const item of checklist) {
    if (item.required && !seen.has(item.id)) {
      r.add('TRADE_IN_CHECKLIST_INCOMPLETE', `answers`, `Answer ${item.label.en}.`, {
        itemId: item.id,
      })
    }
  }
  r.throwIfAny('Answer every required check of the checklist.')
}

/** The trade-in service over the kiosk's storage and its partner (if any). */
export function createTradeInService(
  deps: CoreDeps,
  options: TradeInServiceOptions = {},
): TradeInService {
  const partner = options.partner ?? null
  const view = (sql: Sql, id: string) => toTradeInView(deps, sql, requireRow(sql, id))

  /**
   * The phone taken in is asked about at head office's lost/stolen register when online (as at an
   * upgrade, issue 17), before anything is written: listed refuses the trade-in and is audited;
   * no answer lets it go on. A request already answered is not asked again.
   */
  async function screenPhone(actor: Actor, requestId: string, imei: string): Promise<void> {
    const online = options.online?.() ?? null
    if (!online || deps.training) return
    if (await deps.store.read((sql) => requestAnswered(sql, requestId))) return
    const screening = await screenImeis(online, [imei], 'redemption')
    await auditListed(deps, actor, screening, 'redemption', null)
    const r = new Reasons()
    screeningReasons(r, screening, 'imei', { enrolledRefuses: false })
    r.throwIfAny('The phone cannot be taken in.')
  }

  async function start(actor: Actor, req: TradeInStartRequest): Promise<StartResponse> {
    const imei = validateImei(req.imei)
    if (!imei.ok) {
      throw new KioskError(imei.code, imei.message, [
        { path: 'imei', code: imei.code, message: imei.message },
      ])
    }
    await screenPhone(actor, req.requestId, imei.value)
    return deps.store.write((tx) =>
      once(
        tx,
        deps,
        { channel: 'tradein.start', requestId: req.requestId, body: req },
        async () => {
          const today = deps.businessDate()
          const catalog = deps.catalogs.inForce(today)
          sectionOf(catalog)
          const plans = plansByImei(tx.sql, imei.value)
          const redeemable = redeemablePlan(deps, tx.sql, plans)
          if (redeemable) {
            throw new KioskError(
              'TRADE_IN_PLAN_REDEEMABLE',
              `This phone has plan ${redeemable.planNumber}, which can be redeemed today: upgrade with the plan instead.`,
              undefined,
              { planNumber: redeemable.planNumber },
            )
          }
          if (acceptedTradeInOfImei(tx.sql, imei.value)) {
            throw new KioskError('TRADE_IN_IMEI_TRADED', 'This phone has already been traded in.')
          }
          const plan = plans[0] ?? null
          const modelId = req.modelId ?? plan?.modelId
          const variantId = req.variantId ?? plan?.variantId
          const model = catalog.models.find((m) => m.id === modelId)
          const variant = model?.variants.find((v) => v.id === variantId)
          if (!model || !variant) {
            throw new KioskError(
              'TRADE_IN_MODEL_UNKNOWN',
              'Choose the phone’s model and variant from the catalog.',
              [{ path: 'modelId', code: 'TRADE_IN_MODEL_UNKNOWN', message: 'not a catalog model' }],
            )
          }
          const id = randomUUID()
          const inspectionId = randomUUID()
          const at = deps.nowIso()
          await tx.insert(InspectionEntity, {
            id: inspectionId,
            planId: null,
            imei: imei.value,
            technicianId: actor.staffId,
            catalogVersion: catalog.version,
            checklist: JSON.stringify(catalog.checklist),
            answers: null,
            notes: null,
            verdict: null,
            failedRequired: null,
            failedOptional: null,
            startedAt: at,
            submittedAt: null,
            businessDate: today,
            reference: await nextDocumentNumber(tx, deps, 'inspection', today),
          })
          await tx.insert(TradeInEntity, {
            ...emptyTradeIn(),
            id,
            imei: imei.value,
            modelId: model.id,
            modelName: model.name,
            variantId: variant.id,
            variantName: variant.name,
            planId: plan?.id ?? null,
            catalogVersion: catalog.version,
            inspectionId,
            status: 'open',
            createdBy: actor.staffId,
            businessDate: today,
            createdAt: at,
          })
          await appendAudit(tx, {
            at,
            businessDate: today,
            staff: actor,
            action: 'tradein.start',
            entity: 'trade-in',
            entityId: id,
            details: {
              modelId: model.id,
              variantId: variant.id,
              planNumber: plan?.planNumber ?? null,
            },
          })
          return { tradeIn: view(tx.sql, id), checklist: catalog.checklist }
        },
      ),
    )
  }

  async function checklist(actor: Actor, req: TradeInChecklistRequest): Promise<ChecklistResponse> {
    return deps.store.write(async (tx) => {
      const row = requireRow(tx.sql, req.tradeInId)
      if (!['open', 'graded', 'not-acceptable', 'quoted'].includes(row.status)) {
        throw stateInvalid(row, 'take a checklist')
      }
      const list = checklistOf(row, tx.sql)
      checkAnswers(list, req)
      const section = sectionOf(deps.catalogs.byVersion(row.catalog_version))
      const answers = req.answers.map((a) => ({
        itemId: a.itemId,
        result: a.result,
        note: a.note ?? null,
        photoHash: null,
      }))
      const graded = conditionGrade(
        section,
        answers.map((a) => ({ itemId: a.itemId, pass: a.result === 'pass' })),
      )
      const failed = answers.filter((a) => a.result === 'fail').map((a) => a.itemId)
      const required = new Set(list.filter((c) => c.required).map((c) => c.id))
      const at = deps.nowIso()
      await tx.update(
        InspectionEntity,
        { id: row.inspection_id! },
        {
          answers: JSON.stringify(answers),
          notes: req.notes ?? null,
          verdict: graded.acceptable ? 'eligible' : 'ineligible',
          failedRequired: JSON.stringify(failed.filter((f) => required.has(f))),
          failedOptional: JSON.stringify(failed.filter((f) => !required.has(f))),
          submittedAt: at,
          technicianId: actor.staffId,
        },
      )
      // A new checklist replaces the grade and any quote made on the old one.
      await tx.update(
        TradeInEntity,
        { id: row.id },
        {
          grade: graded.acceptable ? graded.grade : null,
          notAcceptable: graded.acceptable ? null : JSON.stringify(graded.reasons),
          status: graded.acceptable ? 'graded' : 'not-acceptable',
          ...clearedQuote(),
        },
      )
      await appendAudit(tx, {
        at,
        businessDate: deps.businessDate(),
        staff: actor,
        action: 'tradein.checklist',
        entity: 'trade-in',
        entityId: row.id,
        details: graded.acceptable ? { grade: graded.grade } : { notAcceptable: graded.reasons },
      })
      return { tradeIn: view(tx.sql, row.id), acceptable: graded.acceptable }
    })
  }

  async function quote(actor: Actor, tradeInId: string): Promise<QuoteResponse> {
    const row = await deps.store.read((sql) => requireRow(sql, tradeInId))
    if (row.status === 'not-acceptable') {
      throw new KioskError(
        'TRADE_IN_NOT_ACCEPTABLE',
        'This phone failed a check that makes it not acceptable for trade-in.',
      )
    }
    if (row.status !== 'graded' && row.status !== 'quoted') throw stateInvalid(row, 'be quoted')
    const catalog = deps.catalogs.byVersion(row.catalog_version)
    const answers = await deps.store.read((sql) => answersOf(row, sql))
    const today = deps.businessDate()
    // The partner is asked outside any transaction: a network wait never holds the database.
    const offer = await quoteTradeIn(
      catalog,
      partner,
      { modelId: row.model_id, variantId: row.variant_id, imei: row.imei, answers },
      today,
    )
    const partnerError = offer.source === 'grid' && partner ? 'TRADE_IN_PARTNER_UNAVAILABLE' : null
    if (offer.source === 'grid') {
      // A grid price is the catalog's, the same all day: nothing to store until it is accepted
      // (accept prices it again). Only a partner quote stored before is cleared, so accept
      // cannot confirm a quote the customer was not shown.
      if (row.status === 'quoted') {
        await deps.store.write(async (tx) => {
          await tx.update(TradeInEntity, { id: tradeInId }, { status: 'graded', ...clearedQuote() })
        })
      }
      const quoted = {
        source: 'grid' as const,
        partnerId: offer.partnerId,
        partnerName: catalog.tradeIn?.partner.name ?? offer.partnerId,
        quoteId: null,
        amountPaise: offer.amountPaise,
        validUntil: gridQuoteValidUntil(today),
        provisional: true,
      }
      const tradeIn = await deps.store.read((sql) => view(sql, tradeInId))
      return {
        tradeIn: { ...tradeIn, status: 'quoted', quote: quoted },
        quote: quoted,
        partnerError,
      }
    }
    return deps.store.write(async (tx) => {
      const now = requireRow(tx.sql, tradeInId)
      if (now.status !== 'graded' && now.status !== 'quoted') throw stateInvalid(now, 'be quoted')
      const at = deps.nowIso()
      await tx.update(
        TradeInEntity,
        { id: tradeInId },
        {
          status: 'quoted',
          quoteSource: 'partner',
          partnerId: offer.partnerId,
          quoteId: offer.quoteId,
          amountPaise: offer.amountPaise,
          quoteValidUntil: offer.validUntil,
          provisional: false,
          quotedAt: at,
          partnerError: null,
          priceChangedFromPaise: null,
        },
      )
      await appendAudit(tx, {
        at,
        businessDate: today,
        staff: actor,
        action: 'tradein.quote',
        entity: 'trade-in',
        entityId: tradeInId,
        details: { source: offer.source, amountPaise: offer.amountPaise },
      })
      const tradeIn = view(tx.sql, tradeInId)
      return { tradeIn, quote: tradeIn.quote!, partnerError }
    })
  }

  async function accept(actor: Actor, req: TradeInAcceptRequest): Promise<AcceptResponse> {
    const signed = checkHandover(req, { customerCheck: false })
    const pre = await deps.store.read((sql) =>
      requestAnswered(sql, req.requestId) ? null : requireRow(sql, req.tradeInId),
    )
    let confirmed: { reference: string; amountPaise: number } | null = null
    if (pre) {
      const priced = checkAccept(deps, pre, req)
      if (priced.quote_source === 'partner' && partner) {
        confirmed = await confirmAtCounter(priced)
      }
    }
    return deps.store.write((tx) =>
      once(
        tx,
        deps,
        { channel: 'tradein.accept', requestId: req.requestId, body: req },
        async () => {
          const row = checkAccept(deps, requireRow(tx.sql, req.tradeInId), req)
          return issueVoucher(tx, actor, row, signed, confirmed)
        },
      ),
    )
  }

  /**
   * The partner confirms a partner quote before the voucher is issued: a changed price is stored
   * (the customer sees it and accepts again), an expired quote sends the clerk back to quote; an
   * unreachable partner leaves the trade-in pending, confirmed on sync.
   */
  async function confirmAtCounter(
    row: RawTradeIn,
  ): Promise<{ reference: string; amountPaise: number } | null> {
    try {
      const c = await partner!.confirm(partnerQuoteOf(row))
      if (c.amountPaise !== row.amount_paise) {
        await recordPriceChange(row, c.amountPaise)
        throw priceChanged(row, c.amountPaise)
      }
      return c
    } catch (error) {
      if (!(error instanceof KioskError)) throw error
      if (error.code === 'TRADE_IN_PARTNER_UNAVAILABLE') return null
      if (error.code === 'TRADE_IN_PRICE_CHANGED' && typeof error.params?.newPaise === 'number') {
        await recordPriceChange(row, error.params.newPaise)
        throw priceChanged(row, error.params.newPaise)
      }
      if (error.code === 'TRADE_IN_QUOTE_EXPIRED') {
        await deps.store.write(async (tx) => {
          await tx.update(TradeInEntity, { id: row.id }, { status: 'graded', ...clearedQuote() })
        })
      }
      throw error
    }
  }

  async function recordPriceChange(row: RawTradeIn, newPaise: number): Promise<void> {
    await deps.store.write(async (tx) => {
      await tx.update(
        TradeInEntity,
        { id: row.id },
        { amountPaise: newPaise, priceChangedFromPaise: row.amount_paise },
      )
    })
  }

  async function issueVoucher(
    tx: Tx,
    actor: Actor,
    row: RawTradeIn,
    signed: { png: Buffer; sha256: string },
    confirmed: { reference: string; amountPaise: number } | null,
  ): Promise<AcceptResponse> {
    const today = deps.businessDate()
    const at = deps.nowIso()
    const section = sectionOf(deps.catalogs.byVersion(row.catalog_version))
    const number = await nextDocumentNumber(tx, deps, 'trade-in-voucher', today)
    const validTo = voucherValidTo(section, today)
    const confirmation = confirmed ? 'confirmed' : 'pending'
    await tx.update(
      TradeInEntity,
      { id: row.id },
      {
        status: 'accepted',
        // The price accepted (a grid price is stored only now).
        quoteSource: row.quote_source,
        partnerId: row.partner_id,
        quoteId: row.quote_id,
        amountPaise: row.amount_paise,
        quoteValidUntil: row.quote_valid_until,
        provisional: row.provisional === 1,
        quotedAt: row.quoted_at ?? at,
        voucherNumber: number,
        voucherCode: voucherCode(deps.fingerprintKey, number),
        voucherValidTo: validTo,
        acceptedAt: at,
        acceptedOn: today,
        acceptedBy: actor.staffId,
        signaturePng: signed.png,
        signatureSha256: signed.sha256,
        confirmation,
        partnerReference: confirmed?.reference ?? null,
        confirmedAmountPaise: confirmed?.amountPaise ?? null,
        confirmedAt: confirmed ? at : null,
      },
    )
    const deviceIntakeId = await takeInDevice(tx, row, today)
    const answers = answersOf(row, tx.sql).map((a) => ({
      itemId: a.itemId,
      result: a.pass ? ('pass' as const) : ('fail' as const),
    }))
    await recordFact(tx, deps, {
      actor,
      at,
      businessDate: today,
      document: { kind: 'trade-in-voucher', ref: row.id, planId: null, number },
      audit: {
        action: 'tradein.accept',
        entity: 'trade-in',
        entityId: row.id,
        details: { voucherNumber: number, amountPaise: row.amount_paise, confirmation },
      },
      event: {
        type: 'tradein.accepted',
        payload: {
          tradeInId: row.id,
          voucherNumber: number,
          imei: row.imei,
          modelId: row.model_id,
          variantId: row.variant_id,
          catalogVersion: row.catalog_version,
          answers,
          grade: row.grade!,
          source: row.quote_source!,
          partnerId: row.partner_id!,
          quoteId: row.quote_id,
          amountPaise: row.amount_paise!,
          provisional: row.provisional === 1,
          confirmation,
          partnerReference: confirmed?.reference ?? null,
          acceptedOn: today,
          voucherValidTo: validTo,
          deviceIntakeId,
          staffCode: actor.code,
        },
      },
    })
    const tradeIn = view(tx.sql, row.id)
    return { tradeIn, voucher: tradeIn.voucher!, deviceIntakeId }
  }

  async function decline(
    actor: Actor,
    req: { requestId: string; tradeInId: string },
  ): Promise<ViewResponse> {
    return deps.store.write((tx) =>
      once(
        tx,
        deps,
        { channel: 'tradein.decline', requestId: req.requestId, body: req },
        async () => {
          const row = requireRow(tx.sql, req.tradeInId)
          if (!['open', 'graded', 'not-acceptable', 'quoted'].includes(row.status)) {
            throw stateInvalid(row, 'be declined')
          }
          const at = deps.nowIso()
          await tx.update(TradeInEntity, { id: row.id }, { status: 'declined', declinedAt: at })
          await appendAudit(tx, {
            at,
            businessDate: deps.businessDate(),
            staff: actor,
            action: 'tradein.decline',
            entity: 'trade-in',
            entityId: row.id,
            details: { amountPaise: row.amount_paise },
          })
          return { tradeIn: view(tx.sql, row.id) }
        },
      ),
    )
  }

  async function voucherCheck(req: VoucherCheckRequest): Promise<VoucherCheckResponse> {
    return deps.store.read((sql) => {
      const row = findVoucher(sql, req)
      const r = new Reasons()
      voucherReasons(r, row, deps.businessDate())
      return {
        tradeIn: toTradeInView(deps, sql, row),
        ok: r.issues.length === 0,
        reasons: r.issues.map((i) => ({ code: i.code, message: i.message, path: i.path })),
        ...(req.newPricePaise !== undefined
          ? upgradeCredit(row.amount_paise ?? 0, req.newPricePaise)
          : {}),
      }
    })
  }

  async function voucherComplete(
    actor: Actor,
    req: VoucherCompleteRequest,
  ): Promise<VoucherCompleteResponse> {
    return deps.store.write((tx) =>
      once(
        tx,
        deps,
        { channel: 'redemption.voucherComplete', requestId: req.requestId, body: req },
        async () => {
          const row = findVoucher(tx.sql, req)
          const today = deps.businessDate()
          const { newImei, newPhone, salesInvoice, creditPaise, duePaise, payment } =
            checkVoucherUse(deps, row, req, today)
          const at = deps.nowIso()
          const paymentId = payment ? await takePayment(tx, actor, payment, today, at) : null
          await tx.update(
            TradeInEntity,
            { id: row.id },
            {
              status: 'used',
              usedAt: at,
              usedOn: today,
              usedBy: actor.staffId,
              newBrand: req.newDevice.brand,
              newModelName: req.newDevice.modelName,
              newVariantName: newPhone?.variantName ?? null,
              newImei: newImei!,
              newPricePaise: req.newDevice.pricePaise,
              newSalesInvoice: salesInvoice!,
              creditPaise,
              amountPaidPaise: duePaise,
              paymentId,
            },
          )
          await recordFact(tx, deps, {
            actor,
            at,
            businessDate: today,
            audit: {
              action: 'redemption.voucherComplete',
              entity: 'trade-in',
              entityId: row.id,
              details: {
                voucherNumber: row.voucher_number,
                creditPaise,
                amountPaidPaise: duePaise,
              },
            },
            event: {
              type: 'tradein.voucher-used',
              payload: {
                tradeInId: row.id,
                voucherNumber: row.voucher_number!,
                usedOn: today,
                newDevice: {
                  brand: req.newDevice.brand,
                  modelName: req.newDevice.modelName,
                  modelId: newPhone?.modelId ?? null,
                  variantId: newPhone?.variantId ?? null,
                  imei: newImei!,
                  pricePaise: req.newDevice.pricePaise,
                  salesInvoiceNumber: salesInvoice!,
                },
                creditPaise,
                amountPaidPaise: duePaise,
                payment,
                staffCode: actor.code,
              },
            },
          })
          return {
            tradeIn: view(tx.sql, row.id),
            voucherNumber: row.voucher_number!,
            creditPaise,
            amountPaidPaise: duePaise,
          }
        },
      ),
    )
  }

  async function confirmPending(): Promise<{
    confirmed: number
    priceChanged: number
    stillPending: number
  }> {
    const tally = { confirmed: 0, priceChanged: 0, stillPending: 0 }
    if (!partner) return tally
    const rows = await deps.store.read((sql) => pendingConfirmations(sql))
    for (const [i, row] of rows.entries()) {
      let settled: { quoteId: string; reference: string; amountPaise: number } | null = null
      let unreachable = false
      try {
        settled = await partnerConfirmation(deps, partner, row)
        unreachable = settled === null
      } catch (error) {
        if (!(error instanceof KioskError)) throw error
        deps.config.logger.warn('trade-in confirmation failed', { id: row.id, code: error.code })
      }
      if (unreachable) {
        // The partner does not answer: the rest wait for the next cycle instead of each
        // waiting out the timeout now.
        tally.stillPending += rows.length - i
        break
      }
      if (!settled) {
        tally.stillPending++
        continue
      }
      const outcome = settled.amountPaise === row.amount_paise ? 'confirmed' : 'price-changed'
      tally[outcome === 'confirmed' ? 'confirmed' : 'priceChanged']++
      const s = settled
      await deps.store.write(async (tx) => {
        const now = requireRow(tx.sql, row.id)
        if (now.confirmation !== 'pending') return
        const at = deps.nowIso()
        await tx.update(
          TradeInEntity,
          { id: row.id },
          {
            confirmation: outcome,
            partnerReference: s.reference,
            confirmedAmountPaise: s.amountPaise,
            confirmedAt: at,
            quoteId: now.quote_id ?? s.quoteId,
          },
        )
        await appendConfirmedEvent(deps, tx, at, {
          tradeInId: row.id,
          voucherNumber: row.voucher_number!,
          quoteId: s.quoteId,
          partnerReference: s.reference,
          confirmedAmountPaise: s.amountPaise,
          outcome,
          confirmedAt: at,
        })
      })
    }
    return tally
  }

  return {
    start,
    checklist,
    quote,
    accept,
    decline,
    get: (id) => deps.store.read((sql) => ({ tradeIn: view(sql, id) })),
    voucherCheck,
    voucherComplete,
    confirmPending,
  }
}

/**
 * A graded phone priced from the catalog's grid today (a grid price is not stored when it is
 * quoted): the quote fields accept stores with the voucher.
 */
function gridQuoteOf(deps: CoreDeps, row: RawTradeIn): RawTradeIn {
  const section = sectionOf(deps.catalogs.byVersion(row.catalog_version))
  const today = deps.businessDate()
  const price = gridPrice(section, {
    modelId: row.model_id,
    variantId: row.variant_id,
    grade: row.grade ?? '',
    onDate: today,
  })
  if (!price.ok) throw new KioskError(price.code, price.message)
  return {
    ...row,
    quote_source: 'grid',
    partner_id: section.partner.id,
    quote_id: null,
    amount_paise: price.amountPaise,
    quote_valid_until: gridQuoteValidUntil(today),
    provisional: 1,
  }
}

/** The stored quote as the partner adapter knows it. */
const partnerQuoteOf = (row: RawTradeIn): PartnerQuote => ({
  partnerId: row.partner_id ?? '',
  quoteId: row.quote_id ?? '',
  amountPaise: row.amount_paise ?? 0,
  validUntil: row.quote_valid_until ?? '',
})

/** Everything accept checks before the partner is asked or anything is written. */
function checkAccept(deps: CoreDeps, stored: RawTradeIn, req: TradeInAcceptRequest): RawTradeIn {
  if (stored.status !== 'quoted' && stored.status !== 'graded') {
    throw stateInvalid(stored, 'be accepted')
  }
  const row = stored.status === 'graded' ? gridQuoteOf(deps, stored) : stored
  if (row.amount_paise !== req.amountPaise) {
    throw new KioskError(
      'TRADE_IN_PRICE_CHANGED',
      `The quote is ${row.amount_paise} paise, not the ${req.amountPaise} shown.`,
      undefined,
      { quotedPaise: req.amountPaise, newPaise: row.amount_paise ?? 0 },
    )
  }
  if (!row.quote_valid_until || Date.parse(row.quote_valid_until) <= deps.config.clock()) {
    throw new KioskError('TRADE_IN_QUOTE_EXPIRED', 'The quote has expired: quote again.')
  }
  return row
}

const priceChanged = (row: RawTradeIn, newPaise: number) =>
  new KioskError(
    'TRADE_IN_PRICE_CHANGED',
    `The partner now pays ${newPaise} paise, not ${row.amount_paise}: show the customer the new price.`,
    undefined,
    { quotedPaise: row.amount_paise ?? 0, newPaise },
  )

/** The voucher by number and code; NOT_FOUND and CODE_INVALID are errors, the rest reasons. */
function findVoucher(sql: Sql, req: { voucherNumber: string; code: string }): RawTradeIn {
  const row = tradeInByVoucher(sql, req.voucherNumber.trim().toUpperCase())
  if (!row || !row.voucher_code) {
    throw new KioskError('TRADE_IN_VOUCHER_NOT_FOUND', `No trade-in voucher ${req.voucherNumber}.`)
  }
  if (!sameCode(req.code, row.voucher_code)) {
    throw new KioskError(
      'TRADE_IN_VOUCHER_CODE_INVALID',
      'The code does not match the one printed on the voucher.',
      [{ path: 'code', code: 'TRADE_IN_VOUCHER_CODE_INVALID', message: 'wrong code' }],
    )
  }
  return row
}

/** Why a found voucher cannot be used today (none: it can). */
function voucherReasons(r: Reasons, row: RawTradeIn, today: string): void {
  const v = voucherView(row, today)
  if (!v) {
    r.add('TRADE_IN_VOUCHER_NOT_FOUND', 'voucherNumber', 'This trade-in has no voucher.')
  } else if (v.status === 'used') {
    r.add('TRADE_IN_VOUCHER_USED', 'voucherNumber', `Voucher ${v.number} was used on ${v.usedOn}.`)
  } else if (v.status === 'expired') {
    r.add(
      'TRADE_IN_VOUCHER_EXPIRED',
      'voucherNumber',
      `Voucher ${v.number} ran out on ${v.validTo}.`,
    )
  }
}

/**
 * What the partner says of a pending trade-in: a partner quote is confirmed as quoted (a price
 * change is recorded, not refused — the customer already holds the voucher); a grid price is
 * first quoted by the partner for the same phone, grade and answers, then confirmed. Null when
 * the partner does not answer (it stays pending).
 */
async function partnerConfirmation(
  deps: CoreDeps,
  p: TradeInPartner,
  row: RawTradeIn,
): Promise<{ quoteId: string; reference: string; amountPaise: number } | null> {
  const settle = async (q: PartnerQuote) => {
    try {
      const c = await p.confirm(q)
      return { quoteId: q.quoteId, ...c }
    } catch (error) {
      if (
        error instanceof KioskError &&
        error.code === 'TRADE_IN_PRICE_CHANGED' &&
        typeof error.params?.newPaise === 'number'
      ) {
        // Confirm at the partner's price: the difference is recorded and flagged.
        const c = await p.confirm({ ...q, amountPaise: error.params.newPaise })
        return { quoteId: q.quoteId, ...c }
      }
      throw error
    }
  }
  try {
    if (row.quote_source === 'partner' && row.quote_id) {
      try {
        return await settle(partnerQuoteOf(row))
      } catch (error) {
        if (!(error instanceof KioskError) || error.code !== 'TRADE_IN_QUOTE_EXPIRED') throw error
      }
    }
    const answers = await deps.store.read((sql) => answersOf(row, sql))
    const q = await p.quote({
      modelId: row.model_id,
      modelName: row.model_name,
      variantId: row.variant_id,
      variantName: row.variant_name,
      imei: row.imei,
      grade: row.grade!,
      answers,
    })
    return await settle(q)
  } catch (error) {
    if (error instanceof KioskError && error.code === 'TRADE_IN_PARTNER_UNAVAILABLE') return null
    throw error
  }
}

/** What a settled confirmation tells head office. */
interface ConfirmedPayload {
  tradeInId: string
  voucherNumber: string
  quoteId: string
  partnerReference: string
  confirmedAmountPaise: number
  outcome: 'confirmed' | 'price-changed'
  confirmedAt: string
}

async function appendConfirmedEvent(
  deps: CoreDeps,
  tx: Tx,
  at: string,
  payload: ConfirmedPayload,
): Promise<void> {
  await appendOutboxEvent(
    tx,
    eventOrigin(deps, at, deps.businessDate()),
    'tradein.confirmed',
    payload,
  )
}

/** The phone a trade-in accepts, received into the kiosk's stock for the partner's pickup. */
async function takeInDevice(tx: Tx, row: RawTradeIn, today: string): Promise<string> {
  const deviceIntakeId = randomUUID()
  await tx.insert(DeviceIntakeEntity, {
    id: deviceIntakeId,
    planId: null,
    redemptionId: null,
    tradeInId: row.id,
    imei: row.imei,
    modelName: `${row.model_name} ${row.variant_name}`,
    status: 'received',
    receivedOn: today,
    collectedOn: null,
    reference: null,
    collectedBy: null,
  })
  return deviceIntakeId
}

/** Every rule of using a voucher at once, before anything is written (as redemption.complete does). */
function checkVoucherUse(
  deps: CoreDeps,
  row: RawTradeIn,
  req: VoucherCompleteRequest,
  today: string,
) {
  const catalog = deps.catalogs.inForce(today)
  const r = new Reasons()
  voucherReasons(r, row, deps.businessDate())
  const { newImei, newPhone, salesInvoice } = checkNewDevice(r, catalog, { imeis: [row.imei] }, req)
  const { creditPaise, duePaise } = upgradeCredit(row.amount_paise ?? 0, req.newDevice.pricePaise)
  const payment = checkPayment(r, req, duePaise)
  r.throwIfAny('The voucher cannot be used.')
  return { newImei, newPhone, salesInvoice, creditPaise, duePaise, payment }
}

/** What the customer pays on top of a voucher, stored as a trade-in payment; its id. */
async function takePayment(
  tx: Tx,
  actor: Actor,
  payment: Payment,
  today: string,
  at: string,
): Promise<string> {
  const paymentId = randomUUID()
  await tx.insert(PaymentEntity, {
    id: paymentId,
    planId: null,
    kind: 'trade-in',
    ...payment,
    documentNumber: null,
    gst: null,
    businessDate: today,
    takenAt: at,
    staffId: actor.staffId,
  })
  return paymentId
}

function clearedQuote(): Partial<TradeInRow> {
  return {
    quoteSource: null,
    partnerId: null,
    quoteId: null,
    amountPaise: null,
    quoteValidUntil: null,
    provisional: false,
    quotedAt: null,
    partnerError: null,
    priceChangedFromPaise: null,
  }
}

function emptyTradeIn(): Omit<
  TradeInRow,
  | 'id'
  | 'imei'
  | 'modelId'
  | 'modelName'
  | 'variantId'
  | 'variantName'
  | 'planId'
  | 'catalogVersion'
  | 'inspectionId'
  | 'status'
  | 'createdBy'
  | 'businessDate'
  | 'createdAt'
> {
  return {
    grade: null,
    notAcceptable: null,
    quoteSource: null,
    partnerId: null,
    quoteId: null,
    amountPaise: null,
    quoteValidUntil: null,
    provisional: false,
    quotedAt: null,
    partnerError: null,
    priceChangedFromPaise: null,
    voucherNumber: null,
    voucherCode: null,
    voucherValidTo: null,
    acceptedAt: null,
    acceptedOn: null,
    acceptedBy: null,
    signaturePng: null,
    signatureSha256: null,
    confirmation: null,
    partnerReference: null,
    confirmedAmountPaise: null,
    confirmedAt: null,
    declinedAt: null,
    usedAt: null,
    usedOn: null,
    usedBy: null,
    newBrand: null,
    newModelName: null,
    newVariantName: null,
    newImei: null,
    newPricePaise: null,
    newSalesInvoice: null,
    creditPaise: null,
    amountPaidPaise: null,
    paymentId: null,
  }
}
