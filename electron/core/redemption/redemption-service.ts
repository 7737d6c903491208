import { randomUUID } from 'node:crypto'
import type {
  CustomerProof,
  RedemptionCheckRequest,
  RedemptionCheckResponse,
  RedemptionCompleteRequest,
  RedemptionCompleteResponse,
} from '../../../shared/contract/redemption'
import type { Catalog } from '../../../shared/catalog'
import {
  checkRedemption,
  isRefusal,
  newPhonePriceLimit,
  redemptionInspectionRefusal,
  upgradeCredit,
  validateImei,
  validateSalesInvoiceNumber,
} from '../../../shared/domain'
import type { Payment } from '../../../shared/sync/events'
import type { Actor, CoreDeps } from '../context'
import { nextDocumentNumber } from '../document-numbers'
import { once } from '../idempotency'
import { requirePlan } from '../plans/lookup'
import type { OnlinePlans } from '../sync/online-plans'
import { KioskError } from '../../../shared/errors'
import { planKey } from '../../../shared/domain/plan-number'
import { toPlanView } from '../plans/plan-view'
import { Reasons } from '../reasons'
import { redemptionReceiptData } from '../receipts/kinds/redemption'
import { recordFact } from '../record-fact'
import { DeviceIntakeEntity, PaymentEntity, RedemptionEntity } from '../storage/entities'
import {
  inspectionById,
  latestSubmittedInspection,
  submittedInspectionsOf,
} from '../storage/repos/inspections'
import { findPlanByKey, type PlanRecord } from '../storage/repos/plans'
import { requestAnswered } from '../storage/repos/requests'
import type { Sql, Tx } from '../storage/store'
import {
  auditListed,
  screenImeis,
  screeningReasons,
  type RegisterCheck,
} from '../fraud/imei-screening'
import {
  checkCustomerCheck,
  checkHandover,
  recordHandover,
  type SignedHandover,
  type VerifiedOtps,
} from './handover'

function eligibility(deps: CoreDeps, plan: PlanRecord, onDate: string, customer?: CustomerProof) {
  return checkRedemption({
    plan: {
      status: plan.status,
      purchaseDate: plan.purchaseDate,
      srpPaise: plan.srpPaise,
      mobile: plan.customer.mobile,
      idLast4: plan.customer.idLast4,
    },
    onDate,
    schedule: deps.catalogs.byVersion(plan.catalogVersion).schedule,
    ...(customer ? { customer } : {}),
  })
}

function latestInspection(sql: Sql, planId: string) {
  const row = latestSubmittedInspection(sql, planId)
  return row ? { id: row.id, verdict: row.verdict, submittedAt: row.submitted_at } : null
}

/**
 * Says whether (and why not) a plan can be redeemed on a day, before any inspection; given the new
 * phone's price, also the credit and the amount due as redemption.complete would record them.
 */
export function checkPlanRedemption(
  deps: CoreDeps,
  sql: Sql,
  req: RedemptionCheckRequest,
): RedemptionCheckResponse {
  const plan = requirePlan(sql, req.planNumber)
  const onDate = req.onDate ?? deps.businessDate()
  const result = eligibility(deps, plan, onDate, req.customer)
  const view = toPlanView(plan, onDate)
  // Neither the mobile nor the ID matched: whoever is at the counter does not get the name
  // (issue 14). Without proof asked for (`customer` absent) the caller is staff looking it up.
  const mismatch = result.reasons.some((r) => r.code === 'CUSTOMER_MISMATCH')
  return {
    plan: mismatch ? { ...view, customer: { ...view.customer, name: '' } } : view,
    onDate,
    ok: result.ok,
    reasons: result.reasons,
    quote: result.quote,
    inspection: latestInspection(sql, plan.id),
    ...(req.newPricePaise !== undefined
      ? upgradeCredit(result.quote.valuePaise, req.newPricePaise)
      : {}),
  }
}

/**
 * The upgrade sale (docs/program-rules.md#redemption-checks): eligible plan + passed inspection + a
 * new phone of the brand; credit = min(assured value, price), the rest is paid; the plan is
 * redeemed and the old phone taken in — one transaction, idempotent by requestId.
 */
export async function completeRedemption(
  deps: CoreDeps,
  actor: Actor,
  req: RedemptionCompleteRequest,
  online: OnlinePlans | null = null,
  otps: VerifiedOtps = new Map(),
): Promise<RedemptionCompleteResponse> {
  // The declaration first: without it nothing is asked of head office and nothing is written.
  const signed = checkHandover(req)
  const registerCheck = await screenOldPhone(deps, actor, req, online)
  const hold = online ? await holdAtHeadOffice(deps, online, req) : null
  try {
    return await write(deps, actor, req, hold !== null, { signed, registerCheck, otps })
  } catch (error) {
    // Refused here (inspection, payment, …) after head office held the plan: give it back so
    // the customer can try again at another counter at once, not after the hold expires.
    if (hold && online) await online.release(hold.planNumber, hold.reservationId)
    throw error
  }
}

/**
 * Asks head office to hold the plan for this kiosk, OUTSIDE the SQLite transaction (a network
 * wait must never keep the database locked).
 *
 * Every plan is reserved when sync is configured, not only plans from other stores: a plan
 * enrolled here can have been redeemed at another store since this kiosk last pulled (the
 * customer walks to store B, then back to us), and only head office knows. The cost is one
 * short request per upgrade sale, bounded by ONLINE_TIMEOUT_MS. A plan enrolled here and not yet
 * pushed is unknown to head office: unconfirmed, and as a local plan it needs no confirmation.
 *
 * No reservation for a request already answered (same requestId → the recorded result, no
 * second side effect) or for a plan not active here (the local checks refuse it anyway).
 * Returns the hold, or null when head office could not confirm (offline rules apply); throws
 * REDEEMED_ELSEWHERE, before anything is written, when head office says it is gone.
 */
async function holdAtHeadOffice(
  deps: CoreDeps,
  online: OnlinePlans,
  req: RedemptionCompleteRequest,
): Promise<{ planNumber: string; reservationId: string } | null> {
  const plan = await deps.store.read((sql) => {
    if (requestAnswered(sql, req.requestId)) return null
    const r = findPlanByKey(sql, planKey(req.planNumber))
    return r && r.status === 'active' && !r.training ? r : null
  })
  if (!plan) return null
  const outcome = await online.reserve(plan.planNumber, deps.businessDate())
  if (outcome.kind === 'elsewhere') {
    throw new KioskError(
      'REDEEMED_ELSEWHERE',
      `Head office says this plan cannot be redeemed here: ${outcome.message}`,
    )
  }
  return outcome.kind === 'reserved'
    ? { planNumber: plan.planNumber, reservationId: outcome.reservationId }
    : null
}

/** What the sale carries beyond the request: the signed declaration and the counter's checks. */
interface CounterChecks {
  signed: SignedHandover
  registerCheck: RegisterCheck
  otps: VerifiedOtps
}

/**
 * The phone taken in is asked about at head office's lost/stolen register when online (issue
 * 17), outside the transaction: listed refuses the sale (and is audited); no answer records
 * that the register was not asked. A request already answered is not asked again.
 */
async function screenOldPhone(
  deps: CoreDeps,
  actor: Actor,
  req: RedemptionCompleteRequest,
  online: OnlinePlans | null,
): Promise<RegisterCheck> {
  const plan = await deps.store.read((sql) => {
    if (requestAnswered(sql, req.requestId)) return null
    const r = findPlanByKey(sql, planKey(req.planNumber))
    return r && r.status === 'active' && !r.training ? r : null
  })
  if (!plan) return 'offline'
  const screening = await screenImeis(online, plan.imeis, 'redemption')
  await auditListed(deps, actor, screening, 'redemption', plan.planNumber)
  const r = new Reasons()
  screeningReasons(r, screening, 'plan.imeis', { enrolledRefuses: false })
  r.throwIfAny('The phone cannot be taken in.')
  return screening.registerCheck
}

/**
 * The plan step's answer with head office's lost/stolen register (issue 17): a listed phone is
 * said at once, before the inspection and the new phone (redemption.complete asks again).
 */
export async function screenCheckedPlan(
  deps: CoreDeps,
  actor: Actor | null,
  checked: RedemptionCheckResponse,
  online: OnlinePlans | null,
): Promise<RedemptionCheckResponse> {
  if (checked.plan.status !== 'active' || !online) return checked
  const screening = await screenImeis(online, checked.plan.imeis, 'redemption')
  if (screening.listed.length === 0) return checked
  await auditListed(deps, actor, screening, 'redemption', checked.plan.planNumber)
  const r = new Reasons()
  screeningReasons(r, screening, 'plan.imeis', { enrolledRefuses: false })
  return { ...checked, ok: false, reasons: [...checked.reasons, ...r.issues] }
}

/** What the checks settle: the quote, the new phone's IMEI and the money. */
interface Settled {
  quote: ReturnType<typeof checkRedemption>['quote']
  newImei: string
  /** The new phone's POS tax invoice number. */
  salesInvoice: string
  /** The new phone's catalog ids, when it is a model of the catalog in force. */
  newPhone: NewPhone | null
  creditPaise: number
  duePaise: number
  payment: Payment | null
}

/**
 * The redemption rests on the latest finished inspection of the plan's phone, passed, on today's
 * business day (docs/program-rules.md#inspection): the rule of shared/domain, over every
 * inspection of the plan this kiosk holds.
 */
function checkInspection(
  r: Reasons,
  sql: Sql,
  plan: PlanRecord,
  inspectionId: string,
  today: string,
): void {
  const named = inspectionById(sql, inspectionId)
  if (!named || named.plan_id !== plan.id) {
    r.add('INSPECTION_NOT_FOUND', 'inspectionId', 'No such inspection of this plan.')
    return
  }
  if (!named.submitted_at) {
    r.add('INSPECTION_REQUIRED', 'inspectionId', 'The inspection is not finished.')
    return
  }
  const refusal = redemptionInspectionRefusal(
    submittedInspectionsOf(sql, plan.id).map((i) => ({
      id: i.id,
      verdict: i.verdict,
      submittedAt: i.submitted_at,
      onDate: i.business_date,
    })),
    inspectionId,
    today,
  )
  if (refusal) r.add(refusal.code, 'inspectionId', refusal.message)
}

const norm = (s: string) => s.replace(/\s/g, '').toLowerCase()

/** A new phone of the catalog: its model and, when known, its variant. */
export interface NewPhone {
  modelId: string
  variantId?: string
  variantName?: string
}

/**
 * The new phone as a model of the catalog in force (docs/program-rules.md#the-new-phone): by its
 * catalog ids when the screen sends them, else by the name the phone list shows (`Model Variant`)
 * or the model's name; priced at most its SRP. Null (with the reason added) when it is not one.
 */
function newPhoneOf(
  catalog: Catalog,
  device: RedemptionCompleteRequest['newDevice'],
  r: Reasons,
): NewPhone | null {
  let { modelId, variantId } = device
  if (modelId === undefined && variantId === undefined) {
    for (const m of catalog.models) {
      const v = m.variants.find((x) => norm(`${m.name}${x.name}`) === norm(device.modelName))
      if (v) ({ modelId, variantId } = { modelId: m.id, variantId: v.id })
      else if (norm(m.name) === norm(device.modelName)) modelId = m.id
      if (modelId !== undefined) break
    }
  }
  const limit =
    modelId === undefined && variantId === undefined
      ? ({
          code: 'NEW_DEVICE_NOT_IN_CATALOG',
          message: 'The new phone is not in the catalog.',
        } as const)
      : newPhonePriceLimit(catalog, modelId, variantId)
  if (isRefusal(limit)) {
    r.add(limit.code, 'newDevice.modelName', limit.message)
    return null
  }
  if (device.pricePaise > limit.maxPricePaise) {
    r.add(
      'NEW_DEVICE_PRICE_ABOVE_SRP',
      'newDevice.pricePaise',
      `The price is above the catalog's ${limit.maxPricePaise / 100} rupees for this phone.`,
    )
  }
  const variantName = catalog.models
    .find((m) => m.id === limit.modelId)
    ?.variants.find((v) => v.id === variantId)?.name
  return {
    modelId: limit.modelId,
    ...(variantId ? { variantId } : {}),
    ...(variantName ? { variantName } : {}),
  }
}

/** The new phone: of the brand, a model of the catalog at most its SRP, not the old phone. */
export function checkNewDevice(
  r: Reasons,
  catalog: Catalog,
  /** The phone taken in: the plan's IMEIs (or a trade-in's). */
  plan: Pick<PlanRecord, 'imeis'>,
  req: Pick<RedemptionCompleteRequest, 'newDevice'>,
): { newImei: string | null; newPhone: NewPhone | null; salesInvoice: string | null } {
  const ofBrand = norm(req.newDevice.brand) === norm(catalog.brand)
  if (!ofBrand) {
    r.add('NEW_DEVICE_NOT_BRAND', 'newDevice.brand', `The new phone must be a ${catalog.brand}.`)
  }
  // A phone of another brand is refused as such; one of the brand must be a catalog model.
  const newPhone = ofBrand ? newPhoneOf(catalog, req.newDevice, r) : null
  const newImei = r.check('newDevice.imei', validateImei(req.newDevice.imei))
  const salesInvoice = r.check(
    'newDevice.salesInvoiceNumber',
    validateSalesInvoiceNumber(req.newDevice.salesInvoiceNumber),
  )
  if (newImei && plan.imeis.includes(newImei)) {
    r.add('IMEI_DUPLICATE', 'newDevice.imei', 'That is the old phone’s IMEI.')
  }
  return { newImei, newPhone, salesInvoice }
}

/** The risk limit on what head office did not confirm. */
function checkOfflineLimit(
  r: Reasons,
  catalog: Catalog,
  plan: PlanRecord,
  valuePaise: number,
  confirmed: boolean,
): void {
  const limit = catalog.offlineRedemptionLimitPaise
  // The risk limit (docs/program-rules.md#offline-redemption-limit) covers what head office did
  // not confirm: a plan enrolled at another kiosk, redeemed while head office is unreachable
  // (or sync is off).
  if (!confirmed && plan.origin !== 'local' && limit > 0 && valuePaise > limit) {
    r.add(
      'OFFLINE_LIMIT_EXCEEDED',
      '',
      `Head office could not confirm this plan (offline?), and as a plan from another kiosk ` +
        `it is worth more than the offline limit of ${limit / 100} rupees.`,
    )
  }
}

/** The balance to pay after the credit, and the payment that covers it. */
export function checkPayment(
  r: Reasons,
  req: Pick<RedemptionCompleteRequest, 'payment'>,
  duePaise: number,
): Payment | null {
  const pay = req.payment ?? null
  if (duePaise > 0 && !pay) {
    r.add('AMOUNT_INVALID', 'payment', `${duePaise / 100} rupees are to be paid.`)
  } else if (pay && pay.amountPaise !== duePaise) {
    r.add('AMOUNT_INVALID', 'payment.amountPaise', `The amount due is ${duePaise / 100} rupees.`)
  }
  if (pay && duePaise > 0 && pay.method !== 'cash' && !pay.reference) {
    r.add(
      'PAYMENT_REFERENCE_REQUIRED',
      'payment.reference',
      'UPI and card payments need their reference.',
    )
  }
  return duePaise > 0 && pay
    ? {
        method: pay.method,
        reference: pay.method === 'cash' ? null : (pay.reference ?? null),
        amountPaise: duePaise,
      }
    : null
}

/** Every redemption rule at once (docs/program-rules.md#redemption-checks); throws the refusals. */
function settle(
  deps: CoreDeps,
  sql: Sql,
  plan: PlanRecord,
  req: RedemptionCompleteRequest,
  confirmed: boolean,
  otps: VerifiedOtps,
): Settled {
  const today = deps.businessDate()
  const catalog = deps.catalogs.inForce(today)
  const r = new Reasons()
  checkCustomerCheck(r, req, plan.planNumber, otps)
  if (!req.customer.mobile && !req.customer.idLast4) {
    r.add('CUSTOMER_MISMATCH', 'customer', 'The customer must show the mobile or the ID.')
  }
  const check = eligibility(deps, plan, today, req.customer)
  for (const reason of check.reasons) r.add(reason.code, reason.path, reason.message)
  checkInspection(r, sql, plan, req.inspectionId, today)
  const { newImei, newPhone, salesInvoice } = checkNewDevice(r, catalog, plan, req)
  checkOfflineLimit(r, catalog, plan, check.quote.valuePaise, confirmed)
  const { creditPaise, duePaise } = upgradeCredit(check.quote.valuePaise, req.newDevice.pricePaise)
  const payment = checkPayment(r, req, duePaise)
  r.throwIfAny('The plan cannot be redeemed.')
  return {
    quote: check.quote,
    newImei: newImei!,
    salesInvoice: salesInvoice!,
    newPhone,
    creditPaise,
    duePaise,
    payment,
  }
}

/** The redemption's rows: the balance paid, the redemption with its credit note, the old phone. */
async function writeRedemptionRows(
  deps: CoreDeps,
  tx: Tx,
  actor: Actor,
  plan: PlanRecord,
  req: RedemptionCompleteRequest,
  s: Settled,
  at: string,
): Promise<{ redemptionId: string; exchangeVoucherNumber: string; deviceIntakeId: string }> {
  const today = deps.businessDate()
  let paymentId: string | null = null
  if (s.payment) {
    paymentId = randomUUID()
    await tx.insert(PaymentEntity, {
      id: paymentId,
      planId: plan.id,
      kind: 'upgrade',
      ...s.payment,
      documentNumber: null,
      gst: null,
      businessDate: today,
      takenAt: at,
      staffId: actor.staffId,
    })
  }
  const exchangeVoucherNumber = await nextDocumentNumber(tx, deps, 'exchange-voucher', today)
  const redemptionId = randomUUID()
  await tx.insert(RedemptionEntity, {
    id: redemptionId,
    planId: plan.id,
    inspectionId: req.inspectionId,
    onDate: today,
    ageMonth: s.quote.ageMonth,
    percent: s.quote.percent,
    assuredValuePaise: s.quote.valuePaise,
    creditPaise: s.creditPaise,
    newBrand: req.newDevice.brand,
    newModelName: req.newDevice.modelName,
    newImei: s.newImei,
    newPricePaise: req.newDevice.pricePaise,
    newSalesInvoice: s.salesInvoice,
    newVariantName: s.newPhone?.variantName ?? null,
    amountPaidPaise: s.duePaise,
    paymentId,
    exchangeVoucherNumber,
    staffId: actor.staffId,
    createdAt: at,
  })
  const deviceIntakeId = randomUUID()
  await tx.insert(DeviceIntakeEntity, {
    id: deviceIntakeId,
    planId: plan.id,
    redemptionId,
    imei: inspectionById(tx.sql, req.inspectionId)!.imei,
    modelName: `${plan.modelName} ${plan.variantName}`,
    status: 'received',
    receivedOn: today,
    collectedOn: null,
    reference: null,
    collectedBy: null,
  })
  return { redemptionId, exchangeVoucherNumber, deviceIntakeId }
}

/** The sale in the caller's transaction: checks, rows, fact, answer. */
async function redeemIn(
  deps: CoreDeps,
  tx: Tx,
  actor: Actor,
  req: RedemptionCompleteRequest,
  confirmed: boolean,
  checks: CounterChecks,
): Promise<RedemptionCompleteResponse> {
  const today = deps.businessDate()
  const at = deps.nowIso()
  const plan = requirePlan(tx.sql, req.planNumber)
  const s = settle(deps, tx.sql, plan, req, confirmed, checks.otps)
  const rows = await writeRedemptionRows(deps, tx, actor, plan, req, s, at)
  const { redemptionId, exchangeVoucherNumber, deviceIntakeId } = rows
  recordHandover(tx.sql, deps, req, redemptionId, checks.signed, checks.registerCheck)
  await recordFact(tx, deps, {
    actor,
    at,
    businessDate: today,
    closesPlan: { planId: plan.id, status: 'redeemed' },
    document: {
      kind: 'redemption',
      ref: plan.planNumber,
      planId: plan.id,
      number: exchangeVoucherNumber,
    },
    audit: {
      action: 'redemption.complete',
      entity: 'plan',
      entityId: plan.planNumber,
      details: {
        assuredValuePaise: s.quote.valuePaise,
        creditPaise: s.creditPaise,
        duePaise: s.duePaise,
        exchangeVoucherNumber,
        customerCheck: req.customerCheck?.method,
        handoverSha256: checks.signed.sha256,
        registerCheck: checks.registerCheck,
      },
    },
    event: {
      type: 'plan.redeemed',
      payload: {
        planNumber: plan.planNumber,
        redemptionId,
        onDate: today,
        ageMonth: s.quote.ageMonth,
        percent: s.quote.percent,
        srpPaise: plan.srpPaise,
        assuredValuePaise: s.quote.valuePaise,
        creditPaise: s.creditPaise,
        newDevice: {
          modelName: req.newDevice.modelName,
          ...(s.newPhone ? { modelId: s.newPhone.modelId } : {}),
          ...(s.newPhone?.variantId ? { variantId: s.newPhone.variantId } : {}),
          imei: s.newImei,
          pricePaise: req.newDevice.pricePaise,
          salesInvoiceNumber: s.salesInvoice,
          ...(s.newPhone?.variantName ? { variantName: s.newPhone.variantName } : {}),
        },
        amountPaidPaise: s.duePaise,
        payment: s.payment,
        inspectionId: req.inspectionId,
        exchangeVoucherNumber,
        deviceIntakeId,
        staffCode: actor.code,
        ...(req.customerCheck ? { customerCheck: req.customerCheck } : {}),
        handover: { signatureSha256: checks.signed.sha256 },
      },
    },
  })
  return {
    plan: toPlanView(requirePlan(tx.sql, plan.planNumber), today),
    redemptionId,
    assuredValuePaise: s.quote.valuePaise,
    creditPaise: s.creditPaise,
    amountPaidPaise: s.duePaise,
    deviceIntakeId,
    receipt: redemptionReceiptData(tx.sql, deps, plan.planNumber),
  }
}

/** The sale itself, in one transaction; `confirmed` = head office holds the plan for us. */
function write(
  deps: CoreDeps,
  actor: Actor,
  req: RedemptionCompleteRequest,
  confirmed: boolean,
  checks: CounterChecks,
): Promise<RedemptionCompleteResponse> {
  const { requestId, ...body } = req
  return deps.store.write((tx) =>
    once(tx, deps, { channel: 'redemption.complete', requestId, body }, () =>
      redeemIn(deps, tx, actor, req, confirmed, checks),
    ),
  )
}
