import type { IdType } from '../../../../shared/domain/vocabulary'
import { PlanEntity, PlanImeiEntity, type CustomerRow, type PlanRow } from '../entities'
import type { Sql, Tx } from '../store'

/** The customer fields a plan is shown and checked with. */
export type PlanCustomer = Pick<
  CustomerRow,
  'name' | 'mobile' | 'email' | 'idMasked' | 'idLast4' | 'anonymisedAt'
> & { idType: IdType }

/**
 * THE shape of a plan in the core: the entity's row, with its customer and its IMEIs (in slot
 * order). Every plan read returns it; nothing reads a plan row by hand.
 */
export interface PlanRecord extends PlanRow {
  customer: PlanCustomer
  imeis: string[]
}

interface RawPlan {
  id: string
  plan_number: string
  plan_key: string
  customer_id: string
  model_id: string
  model_name: string
  variant_id: string
  variant_name: string
  srp_paise: number
  fee_paise: number
  catalog_version: string
  purchase_date: string
  invoice_number: string
  invoice_date: string
  purchase_store_code: string
  price_paid_paise: number
  enrolled_on: string
  enrolled_at: string
  expires_on: string
  status: PlanRow['status']
  closed_on: string | null
  staff_id: string | null
  origin: PlanRow['origin']
  training: number
  c_name: string
  c_mobile: string
  c_email: string | null
  c_id_type: IdType
  c_id_masked: string
  c_id_last4: string
  c_anonymised_at: string | null
  imeis: string
}

/** SELECT … FROM plans p JOIN customers c; append a WHERE. */
const PLAN_SELECT = `SELECT p.*, c.name AS c_name, c.mobile AS c_mobile, c.email AS c_email,
  c.id_type AS c_id_type, c.id_masked AS c_id_masked, c.id_last4 AS c_id_last4,
  c.anonymised_at AS c_anonymised_at,
  (SELECT json_group_array(imei) FROM
    (SELECT imei FROM plan_imeis WHERE plan_id = p.id ORDER BY slot)) AS imeis
  FROM plans p JOIN customers c ON c.id = p.customer_id`

function toRecord(r: RawPlan): PlanRecord {
  return {
    id: r.id,
    planNumber: r.plan_number,
    planKey: r.plan_key,
    customerId: r.customer_id,
    modelId: r.model_id,
    modelName: r.model_name,
    variantId: r.variant_id,
    variantName: r.variant_name,
    srpPaise: r.srp_paise,
    feePaise: r.fee_paise,
    catalogVersion: r.catalog_version,
    purchaseDate: r.purchase_date,
    invoiceNumber: r.invoice_number,
    invoiceDate: r.invoice_date,
    purchaseStoreCode: r.purchase_store_code,
    pricePaidPaise: r.price_paid_paise,
    enrolledOn: r.enrolled_on,
    enrolledAt: r.enrolled_at,
    expiresOn: r.expires_on,
    status: r.status,
    closedOn: r.closed_on,
    staffId: r.staff_id,
    origin: r.origin,
    training: r.training === 1,
    customer: {
      name: r.c_name,
      mobile: r.c_mobile,
      email: r.c_email,
      idType: r.c_id_type,
      idMasked: r.c_id_masked,
      idLast4: r.c_id_last4,
      anonymisedAt: r.c_anonymised_at,
    },
    imeis: JSON.parse(r.imeis) as string[],
  }
}

/** One plan by its lookup key (upper case, no separators). */
export function findPlanByKey(sql: Sql, key: string): PlanRecord | undefined {
  const r = sql.get<RawPlan>(`${PLAN_SELECT} WHERE p.plan_key = ?`, key)
  return r && toRecord(r)
}

/** One plan by its row id. */
export function findPlanById(sql: Sql, id: string): PlanRecord | undefined {
  const r = sql.get<RawPlan>(`${PLAN_SELECT} WHERE p.id = ?`, id)
  return r && toRecord(r)
}

/** Plans that ever carried an IMEI, newest first. */
export function plansByImei(sql: Sql, imei: string): PlanRecord[] {
  return sql
    .all<RawPlan>(
      `${PLAN_SELECT} WHERE p.id IN (SELECT plan_id FROM plan_imeis WHERE imei = ?)
       ORDER BY p.enrolled_at DESC`,
      imei,
    )
    .map(toRecord)
}

/** Plans of a mobile number, newest first, at most `limit`. */
export function plansByMobile(sql: Sql, mobile: string, limit: number): PlanRecord[] {
  return sql
    .all<RawPlan>(
      `${PLAN_SELECT} WHERE p.customer_id IN (SELECT id FROM customers WHERE mobile = ?)
       ORDER BY p.enrolled_at DESC LIMIT ?`,
      mobile,
      limit,
    )
    .map(toRecord)
}

/** A plan's number by its id. */
export function planNumberById(sql: Sql, id: string): string | undefined {
  return sql.get<{ plan_number: string }>('SELECT plan_number FROM plans WHERE id = ?', id)
    ?.plan_number
}

/** Whether this kiosk holds a plan with this key. */
export function planExists(sql: Sql, key: string): boolean {
  return sql.get('SELECT 1 AS x FROM plans WHERE plan_key = ?', key) !== undefined
}

/** Which of these IMEIs are on an active plan. */
export function activeImeisAmong(sql: Sql, imeis: string[]): Set<string> {
  if (imeis.length === 0) return new Set()
  return new Set(
    sql
      .all<{ imei: string }>(
        `SELECT imei FROM plan_imeis WHERE active = 1 AND imei IN (${imeis.map(() => '?').join(',')})`,
        ...imeis,
      )
      .map((x) => x.imei),
  )
}

/** How many customers were recorded with this Aadhaar's keyed hash (earlier plans of the ID). */
export function countCustomersWithAadhaar(sql: Sql, hmac: string): number {
  return sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM customers WHERE aadhaar_hmac = ?', hmac)!
    .n
}

/** The consent a customer gave at enrollment. */
export function customerConsent(
  sql: Sql,
  customerId: string,
): { notifications: boolean; marketing: boolean; version: string } {
  const c = sql.get<{
    consent_notifications: number
    consent_marketing: number
    consent_version: string
  }>(
    'SELECT consent_notifications, consent_marketing, consent_version FROM customers WHERE id = ?',
    customerId,
  )!
  return {
    notifications: c.consent_notifications === 1,
    marketing: c.consent_marketing === 1,
    version: c.consent_version,
  }
}

/** Closes a plan (redeemed or cancelled) and frees its IMEIs for a new plan. */
export async function closePlan(
  tx: Tx,
  planId: string,
  status: 'redeemed' | 'cancelled',
  closedOn: string,
): Promise<void> {
  await tx.update(PlanEntity, { id: planId }, { status, closedOn })
  await tx.update(PlanImeiEntity, { planId }, { active: false })
}

/**
 * Closes the active copy of a plan that head office says was closed at another kiosk; returns
 * false when there is no active copy here.
 */
export function closeActivePlanFromHeadOffice(
  sql: Sql,
  key: string,
  status: string,
  closedOn: string,
): boolean {
  const plan = sql.get<{ id: string }>(
    "SELECT id FROM plans WHERE plan_key = ? AND status = 'active'",
    key,
  )
  if (!plan) return false
  sql.run('UPDATE plans SET status = ?, closed_on = ? WHERE id = ?', status, closedOn, plan.id)
  sql.run('UPDATE plan_imeis SET active = 0 WHERE plan_id = ?', plan.id)
  return true
}
