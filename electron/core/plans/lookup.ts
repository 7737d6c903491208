import type {
  PlanDetail,
  PlanLookupRequest,
  PlanLookupResponse,
} from '../../../shared/contract/plan-queries'
import { assuredValue, validateImei, validateMobile, valueTimeline } from '../../../shared/domain'
import { KioskError } from '../../../shared/errors'
import type { CoreDeps } from '../context'
import { planKey, validatePlanNumber } from '../../../shared/domain/plan-number'
import { toPlanView } from './plan-view'
import type { Sql } from '../storage/store'
import { cancellationOfPlan, redemptionOfPlan } from '../storage/repos/closings'
import { deviceOfPlan } from '../storage/repos/devices'
import { inspectionsOfPlan } from '../storage/repos/inspections'
import { paymentsOfPlan } from '../storage/repos/payments'
import {
  findPlanById,
  findPlanByKey,
  plansByImei,
  plansByMobile,
  type PlanRecord,
} from '../storage/repos/plans'
import { receiptsOfPlan } from '../storage/repos/receipts'
import type { OnlinePlans } from '../sync/online-plans'

/** The most plans a mobile number lookup returns (newest first). */
const MAX_BY_MOBILE = 50

/** Guesses what the clerk typed or scanned. */
function detect(query: string): 'planNumber' | 'imei' | 'mobile' {
  const digits = query.replace(/[\s-]/g, '')
  if (/^\d{15}$/.test(digits)) return 'imei'
  if (/^(\+?91)?[6-9]\d{9}$/.test(digits)) return 'mobile'
  return 'planNumber'
}

/** The live quote of a plan: its FROZEN SRP and the schedule of its catalog version. */
export function quotePlan(deps: CoreDeps, r: PlanRecord, onDate: string) {
  return assuredValue({
    srpPaise: r.srpPaise,
    purchaseDate: r.purchaseDate,
    onDate,
    schedule: deps.catalogs.byVersion(r.catalogVersion).schedule,
  })
}

function find(sql: Sql, by: PlanLookupResponse['by'], query: string): PlanRecord[] {
  switch (by) {
    case 'planNumber': {
      const checked = validatePlanNumber(query)
      if (!checked.ok)
        throw new KioskError(checked.code, checked.message, [
          { path: 'query', code: checked.code, message: checked.message },
        ])
      const r = findPlanByKey(sql, checked.value)
      return r ? [r] : []
    }
    case 'imei': {
      const imei = validateImei(query)
      if (!imei.ok)
        throw new KioskError(imei.code, imei.message, [
          { path: 'query', code: imei.code, message: imei.message },
        ])
      return plansByImei(sql, imei.value)
    }
    case 'planId': {
      // A scanned certificate link's plan (issue 22): a plan this kiosk holds, by its random id.
      const id = query.trim().toLowerCase()
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return []
      const r = findPlanById(sql, id)
      return r ? [r] : []
    }
    case 'mobile': {
      const mobile = validateMobile(query)
      if (!mobile.ok)
        throw new KioskError(mobile.code, mobile.message, [
          { path: 'query', code: mobile.code, message: mobile.message },
        ])
      return plansByMobile(sql, mobile.value, MAX_BY_MOBILE)
    }
  }
}

/** Finds plans by plan number, IMEI or mobile, each with its live quote. */
export function lookupPlans(deps: CoreDeps, sql: Sql, req: PlanLookupRequest): PlanLookupResponse {
  const by = req.by ?? detect(req.query)
  const onDate = req.onDate ?? deps.businessDate()
  return {
    by,
    onDate,
    plans: find(sql, by, req.query).map((r) => ({
      plan: toPlanView(r, onDate),
      quote: quotePlan(deps, r, onDate),
    })),
  }
}

/**
 * What to ask head office for: the plan's key (upper case, no dashes or spaces). Head office
 * finds a plan by its key however the number was typed, and the key needs no URL escaping.
 */
const headOfficeNumber = (typed: string) => planKey(typed)

/**
 * `plans.lookup`: answered from this kiosk's database; a plan number it does not hold is asked of
 * head office when sync is configured (docs/program-rules.md#plans-of-other-stores: "online, B asks
 * head office") and stored as a synced plan (`origin = 'synced'` in the answer says where it came
 * from), so inspection and redemption find it and it stays known offline. Head office unreachable
 * or slow (a few seconds at most) → the local answer, i.e. no plans.
 */
export async function lookupPlansOnline(
  deps: CoreDeps,
  online: OnlinePlans | null,
  req: PlanLookupRequest,
): Promise<PlanLookupResponse> {
  const local = await deps.store.read((sql) => lookupPlans(deps, sql, req))
  if (!online || local.by !== 'planNumber' || local.plans.length > 0) return local
  if ((await online.fetch(headOfficeNumber(req.query), local.onDate)) !== 'imported') return local
  return deps.store.read((sql) => lookupPlans(deps, sql, req))
}

/** `plans.get` (and any "this plan, by number"): as above, fetching an unknown plan online. */
export async function withPlanFromHeadOffice<T>(
  deps: CoreDeps,
  online: OnlinePlans | null,
  planNumber: string,
  read: (sql: Sql) => T,
): Promise<T> {
  try {
    return await deps.store.read(read)
  } catch (error) {
    if (!online || !(error instanceof KioskError) || error.code !== 'PLAN_NOT_FOUND') throw error
    if (!validatePlanNumber(planNumber).ok) throw error
    const fetched = await online.fetch(headOfficeNumber(planNumber), deps.businessDate())
    if (fetched !== 'imported') throw error
    return deps.store.read(read)
  }
}

/** A plan by its number, or PLAN_NOT_FOUND. */
export function requirePlan(sql: Sql, planNumber: string): PlanRecord {
  const r = findPlanByKey(sql, planKey(planNumber))
  if (!r) throw new KioskError('PLAN_NOT_FOUND', `No plan ${planNumber} at this kiosk.`)
  return r
}

const parseList = (s: string | null) => (s ? (JSON.parse(s) as string[]) : [])

function planPayments(sql: Sql, planId: string): PlanDetail['payments'] {
  return paymentsOfPlan(sql, planId).map((p) => ({
    id: p.id,
    kind: p.kind,
    method: p.method,
    reference: p.reference,
    amountPaise: p.amount_paise,
    documentNumber: p.document_number,
    businessDate: p.business_date,
    takenAt: p.taken_at,
  }))
}

function planInspections(sql: Sql, planId: string): PlanDetail['inspections'] {
  return inspectionsOfPlan(sql, planId).map((i) => ({
    id: i.id,
    imei: i.imei,
    technicianCode: i.code,
    verdict: i.verdict,
    failedRequired: parseList(i.failed_required),
    failedOptional: parseList(i.failed_optional),
    startedAt: i.started_at,
    submittedAt: i.submitted_at,
  }))
}

function planRedemption(sql: Sql, planId: string): PlanDetail['redemption'] {
  const r = redemptionOfPlan(sql, planId)
  if (!r) return null
  return {
    id: r.id,
    onDate: r.on_date,
    ageMonth: r.age_month,
    percent: r.percent,
    assuredValuePaise: r.assured_value_paise,
    creditPaise: r.credit_paise,
    newModelName: r.new_model_name,
    newImei: r.new_imei,
    newPricePaise: r.new_price_paise,
    amountPaidPaise: r.amount_paid_paise,
    exchangeVoucherNumber: r.exchange_voucher_number,
    inspectionId: r.inspection_id,
  }
}

function planCancellation(sql: Sql, planId: string): PlanDetail['cancellation'] {
  const c = cancellationOfPlan(sql, planId)
  if (!c) return null
  return {
    id: c.id,
    cancelledOn: c.cancelled_on,
    reason: c.reason,
    refundPaise: c.refund_paise,
    withinWindow: c.within_window === 1,
  }
}

function planDevice(sql: Sql, planId: string): PlanDetail['device'] {
  const d = deviceOfPlan(sql, planId)
  if (!d) return null
  return { id: d.id, status: d.status, receivedOn: d.received_on, collectedOn: d.collected_on }
}

function planReceipts(sql: Sql, planId: string): PlanDetail['receipts'] {
  return receiptsOfPlan(sql, planId).map((x) => ({
    kind: x.kind,
    ref: x.ref,
    documentNumber: x.document_number,
    copiesPrinted: x.copies_printed,
    reprintCount: x.reprint_count,
  }))
}

/** One plan with everything that happened to it. */
export function getPlan(deps: CoreDeps, sql: Sql, planNumber: string): PlanDetail {
  const r = requirePlan(sql, planNumber)
  const onDate = deps.businessDate()
  const catalog = deps.catalogs.byVersion(r.catalogVersion)
  return {
    plan: toPlanView(r, onDate),
    onDate,
    quote: quotePlan(deps, r, onDate),
    timeline: valueTimeline(r.srpPaise, r.purchaseDate, catalog.schedule),
    payments: planPayments(sql, r.id),
    inspections: planInspections(sql, r.id),
    redemption: planRedemption(sql, r.id),
    cancellation: planCancellation(sql, r.id),
    device: planDevice(sql, r.id),
    receipts: planReceipts(sql, r.id),
  }
}
