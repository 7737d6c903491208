import { type Db, inList, rows } from '../sql'

/**
 * The part of the network a console view looks at: one GST state (region), one store, or both;
 * empty is the whole network.
 */
export interface ReportScope {
  region?: string
  store?: string
}

/** ` AND …` conditions limiting `column` (a store code) to the scope, with their parameters. */
function scoped(column: string, scope: ReportScope): { sql: string; params: unknown[] } {
  let sql = ''
  const params: unknown[] = []
  if (scope.store) {
    sql += ` AND ${column} = ?`
    params.push(scope.store)
  }
  if (scope.region) {
    sql += ` AND ${column} IN (SELECT code FROM ho_store WHERE state_code = ?)`
    params.push(scope.region)
  }
  return { sql, params }
}

/** A store as the console's filters list it. */
export interface StoreScopeRow {
  code: string
  name: string
  state_code: string | null
}

export function storesForFilters(db: Db): Promise<StoreScopeRow[]> {
  return rows<StoreScopeRow>(db, `SELECT code, name, state_code FROM ho_store ORDER BY code`)
}

/** A count and a sum of paise for one business day (and store, when asked by store). */
export interface DayFigure {
  day: string
  store_code?: string
  n: number | string
  paise: number | string | null
}

type Activity = 'enrollments' | 'redemptions' | 'cancellations' | 'tradeIns' | 'vouchersUsed'

// Each activity: its table, the column holding its business day and store, what counts, the money.
const ACTIVITY: Record<Activity, { from: string; day: string; store: string; money: string }> = {
  // Enrollments and the plan fee collected with each (docs/program-rules.md#plan-fee).
  enrollments: {
    from: `ho_plan p WHERE 1 = 1`,
    day: 'p.business_date',
    store: 'p.store_code',
    money: 'p.fee_paise',
  },
  // Upgrades: credited redemptions only; a conflicting (second) redemption never counts.
  redemptions: {
    from: `ho_redemption r WHERE r.status = 'credited'`,
    day: 'r.business_date',
    store: 'r.store_code',
    money: 'r.credit_paise',
  },
  // Applied cancellations, on the business day of the kiosk's event, with the refund paid.
  cancellations: {
    from: `ho_cancellation c JOIN ho_sync_event e ON e.id = c.event_id WHERE c.status = 'applied'`,
    day: 'e.business_date',
    store: 'c.store_code',
    money: 'c.refund_paise',
  },
  // Trade-ins accepted (issue 22), at the amount head office recognised on its own re-check
  // (the kiosk's figure only while the partner's check is still pending).
  tradeIns: {
    from: `ho_trade_in t WHERE 1 = 1`,
    day: 't.accepted_on',
    store: 't.store_code',
    money: 'COALESCE(t.recognised_paise, t.kiosk_paise)',
  },
  // Trade-in vouchers spent on a new phone, where and when, with the credit given.
  vouchersUsed: {
    from: `ho_trade_in t WHERE t.used_on IS NOT NULL`,
    day: 't.used_on',
    store: 't.used_store_code',
    money: 't.credit_paise',
  },
}

/**
 * One activity per business day `from`..`to` inclusive within the scope, summed in SQL; by store
 * too when `byStore` (the activity report), else for the whole scope (the dashboard).
 */
export function activityByDay(
  db: Db,
  activity: Activity,
  range: { from: string; to: string },
  scope: ReportScope,
  byStore: boolean,
): Promise<DayFigure[]> {
  const a = ACTIVITY[activity]
  const s = scoped(a.store, scope)
  const keys = byStore ? `${a.day}, ${a.store}` : a.day
  return rows<DayFigure>(
    db,
    `SELECT ${a.day} AS day${byStore ? `, ${a.store} AS store_code` : ''},
       COUNT(*) AS n, SUM(${a.money}) AS paise
     FROM ${a.from} AND ${a.day} BETWEEN ? AND ?${s.sql}
     GROUP BY ${keys} ORDER BY ${keys}`,
    [range.from, range.to, ...s.params],
  )
}

/** Live plans that share everything their assured value depends on, counted together. */
export interface LiabilityGroup {
  purchase_date: string
  catalog_version: string
  srp_paise: number | string
  n: number | string
}

/**
 * The live plans grouped by purchase date, catalog version (which fixes the schedule) and SRP:
 * every plan of a group has the same assured value on any day, so the value rules run once per
 * group instead of once per plan. Reads only the partial index `ho_plan_liability`
 * (migration 0017), in its order.
 */
export function liabilityGroups(db: Db, scope: ReportScope): Promise<LiabilityGroup[]> {
  const s = scoped('store_code', scope)
  return rows<LiabilityGroup>(
    db,
    `SELECT purchase_date, catalog_version, srp_paise, COUNT(*) AS n
     FROM ho_plan WHERE status = 'active'${s.sql}
     GROUP BY purchase_date, catalog_version, srp_paise`,
    s.params,
  )
}

/** The published catalogs' bodies (for their value schedules). */
export function catalogBodies(
  db: Db,
  versions: string[],
): Promise<{ version: string; body: string }[]> {
  if (versions.length === 0) return Promise.resolve([])
  return rows(
    db,
    `SELECT version, body FROM ho_catalog WHERE version IN ${inList(versions.length)}`,
    versions,
  )
}

/** A plan of a person who holds several (the person is the key, never shown). */
export interface PersonPlanRow {
  person: string
  plan_number: string
  store_code: string
  enrolled_on: string
  status: string
}

/**
 * Plans of every person with at least `min` plans enrolled `from`..`to` in the scope, at most
 * `limit` people (most plans first). Head office knows a person across stores by the mobile
 * (docs/privacy.md); it keeps no ID hash. Anonymised plans share a placeholder and are left out.
 */
export function plansOfManyPlanPeople(
  db: Db,
  q: { min: number; from: string; to: string; anonymisedMobile: string; limit: number },
  scope: ReportScope,
): Promise<PersonPlanRow[]> {
  const s = scoped('store_code', scope)
  const t = scoped('p.store_code', scope)
  return rows<PersonPlanRow>(
    db,
    `WITH many AS (
       SELECT mobile, COUNT(*) AS n FROM ho_plan
       WHERE mobile <> ? AND business_date BETWEEN ? AND ?${s.sql}
       GROUP BY mobile HAVING COUNT(*) >= ? ORDER BY COUNT(*) DESC, MIN(plan_number) LIMIT ?)
     SELECT p.mobile AS person, p.plan_number, p.store_code, p.enrolled_on, p.status
     FROM ho_plan p JOIN many m ON m.mobile = p.mobile
     WHERE p.business_date BETWEEN ? AND ?${t.sql}
     ORDER BY m.n DESC, p.mobile, p.enrolled_on, p.plan_number`,
    [q.anonymisedMobile, q.from, q.to, ...s.params, q.min, q.limit, q.from, q.to, ...t.params],
  )
}

/** A credited redemption with what its plan's value depended on. */
export interface RedemptionValueRow {
  plan_number: string
  store_code: string
  on_date: string
  percent: number | string
  credit_paise: number | string
  purchase_date: string
  catalog_version: string
  srp_paise: number | string
}

/** Credited redemptions of business days `from`..`to` in the scope, with their plans' terms. */
export function creditedRedemptions(
  db: Db,
  range: { from: string; to: string },
  scope: ReportScope,
): Promise<RedemptionValueRow[]> {
  const s = scoped('r.store_code', scope)
  return rows<RedemptionValueRow>(
    db,
    `SELECT r.plan_number, r.store_code, r.on_date, r.percent, r.credit_paise,
       p.purchase_date, p.catalog_version, p.srp_paise
     FROM ho_redemption r JOIN ho_plan p ON p.plan_number = r.plan_number
     WHERE r.status = 'credited' AND r.business_date BETWEEN ? AND ?${s.sql}
     ORDER BY r.store_code, r.on_date, r.plan_number`,
    [range.from, range.to, ...s.params],
  )
}

/** Per store: inspections and failed ones, enrollments and applied cancellations in a period. */
export interface StoreRateRow {
  store_code: string
  n: number | string
  flagged: number | string
}

/** Inspections (and the ineligible ones) submitted on days `from`..`to`, by store. */
export function inspectionsByStore(
  db: Db,
  range: { from: string; to: string },
  scope: ReportScope,
): Promise<StoreRateRow[]> {
  const s = scoped('store_code', scope)
  return rows<StoreRateRow>(
    db,
    `SELECT store_code, COUNT(*) AS n,
       SUM(CASE WHEN verdict = 'eligible' THEN 0 ELSE 1 END) AS flagged
     FROM ho_inspection WHERE submitted_at >= ? AND submitted_at < ?${s.sql}
     GROUP BY store_code`,
    [range.from, `${range.to}~`, ...s.params],
  )
}

/** Plans enrolled on business days `from`..`to` by store, and how many were cancelled since. */
export function cancellationsByStore(
  db: Db,
  range: { from: string; to: string },
  scope: ReportScope,
): Promise<StoreRateRow[]> {
  const s = scoped('store_code', scope)
  return rows<StoreRateRow>(
    db,
    `SELECT store_code, COUNT(*) AS n,
       SUM(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END) AS flagged
     FROM ho_plan WHERE business_date BETWEEN ? AND ?${s.sql}
     GROUP BY store_code`,
    [range.from, range.to, ...s.params],
  )
}

/** The plan numbers behind a flagged store's rate: its failed inspections or its cancellations. */
export function flaggedPlansOfStores(
  db: Db,
  kind: 'inspections' | 'cancellations',
  range: { from: string; to: string },
  stores: string[],
): Promise<{ store_code: string; plan_number: string }[]> {
  if (stores.length === 0) return Promise.resolve([])
  const sql =
    kind === 'inspections'
      ? `SELECT DISTINCT store_code, plan_number FROM ho_inspection
         WHERE verdict <> 'eligible' AND submitted_at >= ? AND submitted_at < ?
           AND store_code IN ${inList(stores.length)} ORDER BY store_code, plan_number`
      : `SELECT store_code, plan_number FROM ho_plan
         WHERE status = 'cancelled' AND business_date >= ? AND business_date <= ?
           AND store_code IN ${inList(stores.length)} ORDER BY store_code, plan_number`
  const to = kind === 'inspections' ? `${range.to}~` : range.to
  return rows(db, sql, [range.from, to, ...stores])
}

/** Trade-in vouchers outstanding on `asOf` in the scope, by the month they expire. */
export function openVoucherMonths(
  db: Db,
  asOf: string,
  scope: ReportScope,
): Promise<Array<{ month: string; n: number | string; paise: number | string | null }>> {
  const s = scoped('t.store_code', scope)
  return rows(
    db,
    `SELECT SUBSTR(t.voucher_valid_to, 1, 7) AS month, COUNT(*) AS n,
       SUM(COALESCE(t.recognised_paise, t.kiosk_paise)) AS paise
     FROM ho_trade_in t
     WHERE t.accepted_on <= ? AND (t.used_on IS NULL OR t.used_on > ?) AND t.voucher_valid_to >= ?${s.sql}
     GROUP BY SUBSTR(t.voucher_valid_to, 1, 7) ORDER BY month`,
    [asOf, asOf, asOf, ...s.params],
  )
}
