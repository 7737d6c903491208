import type {
  PlanDetail,
  PlanLookupRequest,
  PlanLookupResponse,
} from '../../../shared/contract/plan-queries'
import { assuredValue, validateImei, validateMobile, valueTimeline } from '../../../shared/domain'
import type { PaymentMethod } from '../../../shared/domain/vocabulary'
import { KioskError } from '../../../shared/errors'
import type { CoreDeps } from '../context'
import { planKey, validatePlanNumber } from '../../../shared/domain/plan-number'
import { PLAN_SELECT, findPlanByKey, toPlanView, type PlanRecord } from './plan-view'
import type { Sql } from '../storage/store'
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
    srpPaise: r.srp_paise,
    purchaseDate: r.purchase_date,
    onDate,
    schedule: deps.catalogs.byVersion(r.catalog_version).schedule,
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
      return sql.all<PlanRecord>(
        `${PLAN_SELECT} WHERE p.id IN (SELECT plan_id FROM plan_imeis WHERE imei = ?)
         ORDER BY p.enrolled_at DESC`,
        imei.value,
      )
    }
    case 'mobile': {
      const mobile = validateMobile(query)
      if (!mobile.ok)
        throw new KioskError(mobile.code, mobile.message, [
          { path: 'query', code: mobile.code, message: mobile.message },
        ])
      return sql.all<PlanRecord>(
        `${PLAN_SELECT} WHERE p.customer_id IN (SELECT id FROM customers WHERE mobile = ?)
         ORDER BY p.enrolled_at DESC LIMIT ${MAX_BY_MOBILE}`,
        mobile.value,
      )
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

/** One plan with everything that happened to it. */
export function getPlan(deps: CoreDeps, sql: Sql, planNumber: string): PlanDetail {
  const r = requirePlan(sql, planNumber)
  const onDate = deps.businessDate()
  const catalog = deps.catalogs.byVersion(r.catalog_version)
  const parseList = (s: string | null) => (s ? (JSON.parse(s) as string[]) : [])
  const redemption = sql.get<
    Record<string, never> & {
      id: string
      on_date: string
      age_month: number
      percent: number
      assured_value_paise: number
      credit_paise: number
      new_model_name: string
      new_imei: string
      new_price_paise: number
      amount_paid_paise: number
      credit_note_number: string
      inspection_id: string
    }
  >('SELECT * FROM redemptions WHERE plan_id = ?', r.id)
  const cancellation = sql.get<{
    id: string
    cancelled_on: string
    reason: string
    refund_paise: number
    within_window: number
  }>('SELECT * FROM cancellations WHERE plan_id = ?', r.id)
  const device = sql.get<{
    id: string
    status: 'received' | 'collected'
    received_on: string
    collected_on: string | null
  }>('SELECT * FROM device_intakes WHERE plan_id = ?', r.id)
  return {
    plan: toPlanView(r, onDate),
    onDate,
    quote: quotePlan(deps, r, onDate),
    timeline: valueTimeline(r.srp_paise, r.purchase_date, catalog.schedule),
    payments: sql
      .all<{
        id: string
        kind: 'fee' | 'upgrade' | 'refund'
        method: PaymentMethod
        reference: string | null
        amount_paise: number
        document_number: string | null
        business_date: string
        taken_at: string
      }>('SELECT * FROM payments WHERE plan_id = ? ORDER BY taken_at', r.id)
      .map((p) => ({
        id: p.id,
        kind: p.kind,
        method: p.method,
        reference: p.reference,
        amountPaise: p.amount_paise,
        documentNumber: p.document_number,
        businessDate: p.business_date,
        takenAt: p.taken_at,
      })),
    inspections: sql
      .all<{
        id: string
        imei: string
        code: string
        verdict: 'eligible' | 'ineligible' | null
        failed_required: string | null
        failed_optional: string | null
        started_at: string
        submitted_at: string | null
      }>(
        `SELECT i.*, s.code FROM inspections i JOIN staff s ON s.id = i.technician_id
         WHERE i.plan_id = ? ORDER BY i.started_at`,
        r.id,
      )
      .map((i) => ({
        id: i.id,
        imei: i.imei,
        technicianCode: i.code,
        verdict: i.verdict,
        failedRequired: parseList(i.failed_required),
        failedOptional: parseList(i.failed_optional),
        startedAt: i.started_at,
        submittedAt: i.submitted_at,
      })),
    redemption: redemption
      ? {
          id: redemption.id,
          onDate: redemption.on_date,
          ageMonth: redemption.age_month,
          percent: redemption.percent,
          assuredValuePaise: redemption.assured_value_paise,
          creditPaise: redemption.credit_paise,
          newModelName: redemption.new_model_name,
          newImei: redemption.new_imei,
          newPricePaise: redemption.new_price_paise,
          amountPaidPaise: redemption.amount_paid_paise,
          creditNoteNumber: redemption.credit_note_number,
          inspectionId: redemption.inspection_id,
        }
      : null,
    cancellation: cancellation
      ? {
          id: cancellation.id,
          cancelledOn: cancellation.cancelled_on,
          reason: cancellation.reason,
          refundPaise: cancellation.refund_paise,
          withinWindow: cancellation.within_window === 1,
        }
      : null,
    device: device
      ? {
          id: device.id,
          status: device.status,
          receivedOn: device.received_on,
          collectedOn: device.collected_on,
        }
      : null,
    receipts: sql
      .all<{
        kind: 'enrollment' | 'inspection' | 'redemption' | 'cancellation'
        ref: string
        document_number: string | null
        copies_printed: number
        reprint_count: number
      }>('SELECT * FROM receipts WHERE plan_id = ? ORDER BY created_at', r.id)
      .map((x) => ({
        kind: x.kind,
        ref: x.ref,
        documentNumber: x.document_number,
        copiesPrinted: x.copies_printed,
        reprintCount: x.reprint_count,
      })),
  }
}
