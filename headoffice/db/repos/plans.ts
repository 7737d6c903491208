import { type Db, exec, inList, one, rows } from '../sql'
import { planFromRow, type PlanRow } from './plan-row'

/**
 * A plan by its key (however its number was typed), or null; on PostgreSQL `forUpdate` locks its
 * row for the caller's transaction.
 */
export async function findPlanByKey(
  db: Db,
  key: string,
  forUpdate = false,
): Promise<PlanRow | null> {
  const lock = forUpdate && db.dialect === 'postgres' ? ' FOR UPDATE' : ''
  const row = await one(db, `SELECT * FROM ho_plan WHERE plan_key = ?${lock}`, [key])
  return row ? planFromRow(row) : null
}

/**
 * The plans of the given keys (at most a thousand: callers chunk); on PostgreSQL their rows are
 * locked in plan-number order, a stable order, so two batches never deadlock.
 */
export async function lockPlansByKeys(db: Db, keys: string[]): Promise<PlanRow[]> {
  const lock = db.dialect === 'postgres' ? ' ORDER BY plan_number FOR UPDATE' : ''
  const found = await rows(
    db,
    `SELECT * FROM ho_plan WHERE plan_key IN ${inList(keys.length)}${lock}`,
    keys,
  )
  return found.map(planFromRow)
}

/**
 * The active plans holding any of the given IMEIs (at most five hundred: callers chunk), for the
 * one-active-plan-per-IMEI check (docs/program-rules.md#imei-and-one-active-plan-per-imei).
 */
/** The advisory-lock namespace of IMEIs (the first key of the two-key form). */
const IMEI_LOCK_SPACE = 17

/**
 * PostgreSQL: serialises the pushes that enroll the same IMEIs, from any kiosks
 * (docs/program-rules.md#imei-and-one-active-plan-per-imei). Each push locks only its own
 * kiosk's row, so two kiosks enrolling one phone at the same moment would both read "no active
 * plan holds it" and both commit without a conflict. A transaction-scoped advisory lock per IMEI
 * hash, taken in ascending order (no deadlock between batches), makes the second wait until the
 * first commits; its next statement (READ COMMITTED: a fresh snapshot) then sees the first plan.
 * A hash collision only makes two unrelated IMEIs wait for each other. SQLite has one writer.
 */
export async function lockImeis(db: Db, imeis: string[]): Promise<void> {
  if (db.dialect !== 'postgres' || imeis.length === 0) return
  await rows(
    db,
    `SELECT pg_advisory_xact_lock(${IMEI_LOCK_SPACE}, k) FROM (
       SELECT DISTINCT hashtext(i) AS k FROM json_array_elements_text(?::json) AS i ORDER BY k
     ) AS s`,
    [JSON.stringify(imeis)],
  )
}

export async function activePlansByImeis(db: Db, imeis: string[]): Promise<PlanRow[]> {
  // Two lookups appended (imei1, then imei2), never one OR across both columns; on PostgreSQL the
  // IMEIs travel as ONE JSON parameter joined as a set. With `IN (?, …)` lists the named statement's
  // generic plan compared every row with every parameter (no hashing of Params): on a fresh head
  // office that cut sync ingest to a quarter (sync bench, 0.62 → 0.17 of raw inserts).
  const found =
    db.dialect === 'postgres'
      ? await rows(
          db,
          `WITH q AS (SELECT DISTINCT json_array_elements_text(?::json) AS imei)
           SELECT p.* FROM ho_plan p JOIN q ON p.imei1 = q.imei WHERE p.status = 'active'
           UNION ALL
           SELECT p.* FROM ho_plan p JOIN q ON p.imei2 = q.imei WHERE p.status = 'active'`,
          [JSON.stringify(imeis)],
        )
      : await rows(
          db,
          `SELECT * FROM ho_plan WHERE status = 'active' AND imei1 IN ${inList(imeis.length)}
           UNION ALL
           SELECT * FROM ho_plan WHERE status = 'active' AND imei2 IN ${inList(imeis.length)}`,
          [...imeis, ...imeis],
        )
  // A plan whose two IMEIs are both asked for comes back twice: keep it once.
  const plans = new Map(found.map(planFromRow).map((p) => [p.planNumber, p]))
  return [...plans.values()]
}

/** Writes a plan's reservation (id, kiosk, expiry). */
export async function saveReservation(db: Db, plan: PlanRow, now: number): Promise<void> {
  await exec(
    db,
    `UPDATE ho_plan SET reservation_id = ?, reserved_by = ?, reserved_until = ?, updated_at = ?
     WHERE plan_number = ?`,
    [plan.reservationId, plan.reservedBy, plan.reservedUntil, now, plan.planNumber],
  )
}

/** Clears a reservation the kiosk holds; false when it holds no such reservation. */
export async function clearReservation(
  db: Db,
  key: string,
  reservation: { id: string; kioskId: string },
  now: number,
): Promise<boolean> {
  const changed = await exec(
    db,
    `UPDATE ho_plan SET reservation_id = NULL, reserved_by = NULL, reserved_until = NULL,
     updated_at = ? WHERE plan_key = ? AND reservation_id = ? AND reserved_by = ?`,
    [now, key, reservation.id, reservation.kioskId],
  )
  return changed > 0
}

/**
 * A page of the active plans that accept notifications and were bought on or after
 * `purchasedFrom`, by plan number after `after`.
 */
export async function notifiablePlansPage(
  db: Db,
  purchasedFrom: string,
  after: string,
  limit: number,
): Promise<PlanRow[]> {
  const found = await rows(
    db,
    `SELECT * FROM ho_plan WHERE status = 'active' AND notify = 1 AND purchase_date >= ?
     AND plan_number > ? ORDER BY plan_number LIMIT ?`,
    [purchasedFrom, after, limit],
  )
  return found.map(planFromRow)
}

/** What the liability report needs of an active plan. */
export interface LiabilityPlan {
  plan_number: string
  srp_paise: number
  purchase_date: string
  schedule: string
}

/** A page of the active plans, by plan number after `after`. */
export function activePlansPage(db: Db, after: string, limit: number): Promise<LiabilityPlan[]> {
  return rows<LiabilityPlan>(
    db,
    `SELECT plan_number, srp_paise, purchase_date, schedule FROM ho_plan
     WHERE status = 'active' AND plan_number > ? ORDER BY plan_number LIMIT ?`,
    [after, limit],
  )
}
