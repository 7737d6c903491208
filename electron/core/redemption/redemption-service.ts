import { randomUUID } from 'node:crypto'
import type { RedemptionReceipt } from '../../../shared/contract/receipt-data'
import type {
  CustomerProof,
  RedemptionCheckRequest,
  RedemptionCheckResponse,
  RedemptionCompleteRequest,
  RedemptionCompleteResponse,
} from '../../../shared/contract/redemption'
import {
  checkRedemption,
  isRefusal,
  newPhonePriceLimit,
  redemptionInspectionRefusal,
  upgradeCredit,
  validateImei,
} from '../../../shared/domain'
import type { Catalog } from '../../../shared/domain/catalog'
import { appendAudit } from '../audit/audit-log'
import type { Actor, CoreDeps } from '../context'
import { nextDocumentNumber } from '../document-numbers'
import { once } from '../idempotency'
import { appendEvent, eventOrigin } from '../outbox/outbox'
import { requirePlan } from '../plans/lookup'
import type { OnlinePlans } from '../sync/online-plans'
import { KioskError } from '../../../shared/errors'
import { planKey } from '../../../shared/domain/plan-number'
import { findPlanByKey, toPlanView, type PlanRecord } from '../plans/plan-view'
import { Reasons } from '../reasons'
import { buildReceiptData } from '../receipt-data/build'
import { createReceiptRecord } from '../receipt-data/receipt-records'
import {
  DeviceIntakeEntity,
  PaymentEntity,
  PlanEntity,
  PlanImeiEntity,
  RedemptionEntity,
} from '../storage/entities'
import type { Sql } from '../storage/store'

function eligibility(
  deps: CoreDeps,
  sql: Sql,
  plan: PlanRecord,
  onDate: string,
  customer?: CustomerProof,
) {
  const recorded = sql.get<{ mobile: string; id_last4: string }>(
    'SELECT mobile, id_last4 FROM customers WHERE id = ?',
    plan.customer_id,
  )!
  return checkRedemption({
    plan: {
      status: plan.status,
      purchaseDate: plan.purchase_date,
      srpPaise: plan.srp_paise,
      mobile: recorded.mobile,
      idLast4: recorded.id_last4,
    },
    onDate,
    schedule: deps.catalogs.byVersion(plan.catalog_version).schedule,
    ...(customer ? { customer } : {}),
  })
}

function latestInspection(sql: Sql, planId: string) {
  const row = sql.get<{ id: string; verdict: 'eligible' | 'ineligible'; submitted_at: string }>(
    `SELECT id, verdict, submitted_at FROM inspections
     WHERE plan_id = ? AND submitted_at IS NOT NULL ORDER BY submitted_at DESC LIMIT 1`,
    planId,
  )
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
  const result = eligibility(deps, sql, plan, onDate, req.customer)
  return {
    plan: toPlanView(plan, onDate),
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
): Promise<RedemptionCompleteResponse> {
  const hold = online ? await holdAtHeadOffice(deps, online, req) : null
  try {
    return await write(deps, actor, req, hold !== null)
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
    if (sql.get('SELECT 1 AS x FROM requests WHERE request_id = ?', req.requestId)) return null
    const r = findPlanByKey(sql, planKey(req.planNumber))
    return r && r.status === 'active' && !r.training ? r : null
  })
  if (!plan) return null
  const outcome = await online.reserve(plan.plan_number, deps.businessDate())
  if (outcome.kind === 'elsewhere') {
    throw new KioskError(
      'REDEEMED_ELSEWHERE',
      `Head office says this plan cannot be redeemed here: ${outcome.message}`,
    )
  }
  return outcome.kind === 'reserved'
    ? { planNumber: plan.plan_number, reservationId: outcome.reservationId }
    : null
}

/** The sale itself, in one transaction; `confirmed` = head office holds the plan for us. */
function write(
  deps: CoreDeps,
  actor: Actor,
  req: RedemptionCompleteRequest,
  confirmed: boolean,
): Promise<RedemptionCompleteResponse> {
  const { requestId, ...body } = req
  return deps.store.write((tx) =>
    once(tx, deps, { channel: 'redemption.complete', requestId, body }, async () => {
      const today = deps.businessDate()
      const at = deps.nowIso()
      const plan = requirePlan(tx.sql, req.planNumber)
      const catalog = deps.catalogs.inForce(today)
      const r = new Reasons()
      if (!req.customer.mobile && !req.customer.idLast4) {
        r.add('CUSTOMER_MISMATCH', 'customer', 'The customer must show the mobile or the ID.')
      }
      const check = eligibility(deps, tx.sql, plan, today, req.customer)
      for (const reason of check.reasons) r.add(reason.code, reason.path, reason.message)
      inspectionReasons(tx.sql, plan.id, req.inspectionId, today, r)
      const norm = (s: string) => s.replace(/\s/g, '').toLowerCase()
      const ofBrand = norm(req.newDevice.brand) === norm(catalog.brand)
      if (!ofBrand) {
        r.add(
          'NEW_DEVICE_NOT_BRAND',
          'newDevice.brand',
          `The new phone must be a ${catalog.brand}.`,
        )
      }
      // A phone of another brand is refused as such; one of the brand must be a catalog model.
      const newPhone = ofBrand ? newPhoneOf(catalog, req.newDevice, r) : null
      const newImei = r.check('newDevice.imei', validateImei(req.newDevice.imei))
      if (newImei && (JSON.parse(plan.imeis) as string[]).includes(newImei)) {
        r.add('IMEI_DUPLICATE', 'newDevice.imei', 'That is the old phone’s IMEI.')
      }
      const limit = catalog.offlineRedemptionLimitPaise
      // The risk limit (docs/program-rules.md#offline-redemption-limit) covers what head office did
      // not confirm: a plan enrolled at another kiosk, redeemed while head office is unreachable
      // (or sync is off).
      if (!confirmed && plan.origin !== 'local' && limit > 0 && check.quote.valuePaise > limit) {
        r.add(
          'OFFLINE_LIMIT_EXCEEDED',
          '',
          `Head office could not confirm this plan (offline?), and as a plan from another kiosk ` +
            `it is worth more than the offline limit of ${limit / 100} rupees.`,
        )
      }
      const { creditPaise, duePaise } = upgradeCredit(
        check.quote.valuePaise,
        req.newDevice.pricePaise,
      )
      const pay = req.payment ?? null
      if (duePaise > 0 && !pay) {
        r.add('AMOUNT_INVALID', 'payment', `${duePaise / 100} rupees are to be paid.`)
      } else if (pay && pay.amountPaise !== duePaise) {
        r.add(
          'AMOUNT_INVALID',
          'payment.amountPaise',
          `The amount due is ${duePaise / 100} rupees.`,
        )
      }
      if (pay && duePaise > 0 && pay.method !== 'cash' && !pay.reference) {
        r.add(
          'PAYMENT_REFERENCE_REQUIRED',
          'payment.reference',
          'UPI and card payments need their reference.',
        )
      }
      r.throwIfAny('The plan cannot be redeemed.')

      let paymentId: string | null = null
      const payment =
        duePaise > 0 && pay
          ? {
              method: pay.method,
              reference: pay.method === 'cash' ? null : (pay.reference ?? null),
              amountPaise: duePaise,
            }
          : null
      if (payment) {
        paymentId = randomUUID()
        await tx.insert(PaymentEntity, {
          id: paymentId,
          planId: plan.id,
          kind: 'upgrade',
          ...payment,
          documentNumber: null,
          gst: null,
          businessDate: today,
          takenAt: at,
          staffId: actor.staffId,
        })
      }
      const creditNoteNumber = await nextDocumentNumber(tx, deps, 'credit-note', today)
      const redemptionId = randomUUID()
      await tx.insert(RedemptionEntity, {
        id: redemptionId,
        planId: plan.id,
        inspectionId: req.inspectionId,
        onDate: today,
        ageMonth: check.quote.ageMonth,
        percent: check.quote.percent,
        assuredValuePaise: check.quote.valuePaise,
        creditPaise,
        newBrand: req.newDevice.brand,
        newModelName: req.newDevice.modelName,
        newImei: newImei!,
        newPricePaise: req.newDevice.pricePaise,
        amountPaidPaise: duePaise,
        paymentId,
        creditNoteNumber,
        staffId: actor.staffId,
        createdAt: at,
      })
      const deviceIntakeId = randomUUID()
      const oldImei = tx.sql.get<{ imei: string }>(
        'SELECT imei FROM inspections WHERE id = ?',
        req.inspectionId,
      )!.imei
      await tx.insert(DeviceIntakeEntity, {
        id: deviceIntakeId,
        planId: plan.id,
        redemptionId,
        imei: oldImei,
        modelName: `${plan.model_name} ${plan.variant_name}`,
        status: 'received',
        receivedOn: today,
        collectedOn: null,
        reference: null,
        collectedBy: null,
      })
      await tx.update(PlanEntity, { id: plan.id }, { status: 'redeemed', closedOn: today })
      await tx.update(PlanImeiEntity, { planId: plan.id }, { active: false })
      await createReceiptRecord(tx, 'redemption', plan.plan_number, plan.id, creditNoteNumber, at)
      await appendAudit(tx, {
        at,
        businessDate: today,
        staff: actor,
        action: 'redemption.complete',
        entity: 'plan',
        entityId: plan.plan_number,
        details: {
          assuredValuePaise: check.quote.valuePaise,
          creditPaise,
          duePaise,
          creditNoteNumber,
        },
      })
      await appendEvent(tx, eventOrigin(deps, at, today), 'plan.redeemed', {
        planNumber: plan.plan_number,
        redemptionId,
        onDate: today,
        ageMonth: check.quote.ageMonth,
        percent: check.quote.percent,
        srpPaise: plan.srp_paise,
        assuredValuePaise: check.quote.valuePaise,
        creditPaise,
        newDevice: {
          modelName: req.newDevice.modelName,
          ...(newPhone ? { modelId: newPhone.modelId } : {}),
          ...(newPhone?.variantId ? { variantId: newPhone.variantId } : {}),
          imei: newImei!,
          pricePaise: req.newDevice.pricePaise,
        },
        amountPaidPaise: duePaise,
        payment,
        inspectionId: req.inspectionId,
        creditNoteNumber,
        deviceIntakeId,
        staffCode: actor.code,
      })
      return {
        plan: toPlanView(findPlanByKey(tx.sql, planKey(plan.plan_number))!, today),
        redemptionId,
        assuredValuePaise: check.quote.valuePaise,
        creditPaise,
        amountPaidPaise: duePaise,
        deviceIntakeId,
        receipt: buildReceiptData(
          tx.sql,
          deps,
          'redemption',
          plan.plan_number,
        ) as RedemptionReceipt,
      }
    }),
  )
}

/**
 * The redemption rests on the latest finished inspection of the plan's phone, passed, on today's
 * business day (docs/program-rules.md#inspection): the rule of shared/domain, over every
 * inspection of the plan this kiosk holds.
 */
function inspectionReasons(
  sql: Sql,
  planId: string,
  inspectionId: string,
  today: string,
  r: Reasons,
): void {
  const named = sql.get<{ plan_id: string; submitted_at: string | null }>(
    'SELECT plan_id, submitted_at FROM inspections WHERE id = ?',
    inspectionId,
  )
  if (!named || named.plan_id !== planId) {
    r.add('INSPECTION_NOT_FOUND', 'inspectionId', 'No such inspection of this plan.')
    return
  }
  if (!named.submitted_at) {
    r.add('INSPECTION_REQUIRED', 'inspectionId', 'The inspection is not finished.')
    return
  }
  const done = sql.all<{
    id: string
    verdict: string
    submitted_at: string
    business_date: string
  }>(
    `SELECT id, verdict, submitted_at, business_date FROM inspections
     WHERE plan_id = ? AND submitted_at IS NOT NULL`,
    planId,
  )
  const refusal = redemptionInspectionRefusal(
    done.map((i) => ({
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

/**
 * The new phone as a model of the catalog in force (docs/program-rules.md#the-new-phone): by its
 * catalog ids when the screen sends them, else by the name the phone list shows (`Model Variant`)
 * or the model's name; priced at most its SRP. Null (with the reason added) when it is not one.
 */
function newPhoneOf(
  catalog: Catalog,
  device: RedemptionCompleteRequest['newDevice'],
  r: Reasons,
): { modelId: string; variantId?: string } | null {
  const norm = (s: string) => s.replace(/\s/g, '').toLowerCase()
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
  return { modelId: limit.modelId, ...(variantId ? { variantId } : {}) }
}
