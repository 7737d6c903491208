import { type Db, rows } from '../sql'

/** A count and a sum of paise for one store and business day. */
export interface DayTotal {
  store_code: string
  day: string
  n: number
  paise: number
}

/** Enrollments (count, fees) by store and business day, days `from`..`to`. */
export function enrollmentsByDay(db: Db, from: string, to: string): Promise<DayTotal[]> {
  return rows<DayTotal>(
    db,
    `SELECT store_code, business_date AS day, COUNT(*) AS n, SUM(fee_paise) AS paise
     FROM ho_plan WHERE business_date BETWEEN ? AND ? GROUP BY store_code, business_date`,
    [from, to],
  )
}

/** Credited redemptions (count, credit) by store and business day; conflicts never count. */
export function creditedRedemptionsByDay(db: Db, from: string, to: string): Promise<DayTotal[]> {
  return rows<DayTotal>(
    db,
    `SELECT store_code, business_date AS day, COUNT(*) AS n, SUM(credit_paise) AS paise
     FROM ho_redemption WHERE status = 'credited' AND business_date BETWEEN ? AND ?
     GROUP BY store_code, business_date`,
    [from, to],
  )
}

/** Applied cancellations (count, refunds) by store and the business day of their event. */
export function cancellationsByDay(db: Db, from: string, to: string): Promise<DayTotal[]> {
  return rows<DayTotal>(
    db,
    `SELECT c.store_code, e.business_date AS day, COUNT(*) AS n, SUM(c.refund_paise) AS paise
     FROM ho_cancellation c JOIN ho_sync_event e ON e.id = c.event_id
     WHERE c.status = 'applied' AND e.business_date BETWEEN ? AND ?
     GROUP BY c.store_code, e.business_date`,
    [from, to],
  )
}

/** An IMEI held by more than one active plan, with the plans (store, number, enrollment day). */
export interface DuplicateImeiRow {
  imei: string
  plan_number: string
  store_code: string
  enrolled_on: string
}

/**
 * Every active plan whose IMEI another active plan also holds
 * (docs/program-rules.md#imei-and-one-active-plan-per-imei), by IMEI and enrollment day.
 */
export function duplicateImeiPlans(db: Db): Promise<DuplicateImeiRow[]> {
  return rows<DuplicateImeiRow>(
    db,
    `WITH held AS (
       SELECT imei1 AS imei, plan_number, store_code, enrolled_on FROM ho_plan WHERE status = 'active'
       UNION ALL
       SELECT imei2, plan_number, store_code, enrolled_on FROM ho_plan
       WHERE status = 'active' AND imei2 IS NOT NULL)
     SELECT imei, plan_number, store_code, enrolled_on FROM held
     WHERE imei IN (SELECT imei FROM held GROUP BY imei HAVING COUNT(*) > 1)
     ORDER BY imei, enrolled_on, plan_number`,
  )
}
