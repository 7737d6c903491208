import { type Db, exec, inList, insertJsonSql, insertRows, jsonRows, one, rows } from '../sql'
import { catalogsByVersion, type CatalogBody } from './catalogs'
import { CONFLICT_COLUMNS } from './conflicts'
import { appendChanges, appendChangesCte, type ChangeEntry } from './feed'
import { ledgerLookup, SYNC_EVENT_COLUMNS, type LedgerEntry } from './ledger'
import { recordNonce } from './nonces'
import { NOTIFICATION_COLUMNS } from './notifications'
import { PLAN_COLUMNS, planValues, type PlanRow } from './plan-row'

/**
 * The reads and writes of one push batch (see ingest/batch-state.ts): the statement that opens
 * it, the rows it loads, and the few statements that write everything it did.
 */

/** Who pushes (and the request's nonce), the batch's event ids and the catalogs it names. */
export interface BatchOpening {
  kioskId: string
  nonce: string
  now: number
  ids: string[]
  catalogVersions: string[]
}

/** What opening a batch found; null from {@link openBatch} when the kiosk does not exist. */
export interface OpenedBatch {
  lastSeq: number
  status: string
  nonceFresh: boolean
  seen: Map<string, LedgerEntry>
  catalogs: CatalogBody[]
}

/**
 * The first step of a push, after which the kiosk's row is locked (its pushes serialise):
 * records the request's nonce, reads the kiosk's last seq and status, the ledger entries of the
 * batch's event ids and the catalogs its enrollments name. On PostgreSQL that is ONE statement
 * (a data-modifying CTE for the nonce, sub-selects for the rest) instead of five round trips.
 * Null when the kiosk does not exist.
 */
export async function openBatch(db: Db, batch: BatchOpening): Promise<OpenedBatch | null> {
  if (db.dialect === 'postgres') return openBatchPostgres(db, batch)
  const { kioskId, nonce, now, ids, catalogVersions } = batch
  const nonceFresh = await recordNonce(db, { kioskId, nonce, at: now })
  const row = await one<{ last_seq: number; status: string }>(
    db,
    `SELECT last_seq, status FROM ho_kiosk WHERE id = ?`,
    [kioskId],
  )
  if (!row) return null
  const catalogs = catalogVersions.length === 0 ? [] : await catalogsByVersion(db, catalogVersions)
  return {
    lastSeq: Number(row.last_seq),
    status: row.status,
    nonceFresh,
    seen: await ledgerLookup(db, ids),
    catalogs,
  }
}

async function openBatchPostgres(db: Db, batch: BatchOpening): Promise<OpenedBatch | null> {
  const { kioskId, nonce, now, ids, catalogVersions } = batch
  const row = await one<{
    last_seq: string | number
    status: string
    fresh: string | number
    seen: Array<[string, string, string]> | null
    catalogs: Array<[string, string]> | null
  }>(
    db,
    `WITH nonce AS (
       INSERT INTO ho_nonce (kiosk_id, nonce, seen_at) VALUES (?, ?, ?)
       ON CONFLICT DO NOTHING RETURNING 1)
     SELECT k.last_seq, k.status, (SELECT count(*) FROM nonce) AS fresh,
       (SELECT json_agg(json_build_array(e.id, e.kiosk_id, e.status)) FROM ho_sync_event e
        WHERE e.id = ANY(?::text[])) AS seen,
       (SELECT json_agg(json_build_array(c.version, c.body)) FROM ho_catalog c
        WHERE c.version = ANY(?::text[])) AS catalogs
     FROM ho_kiosk k WHERE k.id = ? FOR UPDATE OF k`,
    [kioskId, nonce, now, ids, catalogVersions, kioskId],
  )
  if (!row) return null
  const seen = new Map<string, LedgerEntry>()
  for (const [id, kiosk, status] of row.seen ?? []) {
    seen.set(id, { kioskId: kiosk, status: status as LedgerEntry['status'] })
  }
  return {
    lastSeq: Number(row.last_seq),
    status: row.status,
    nonceFresh: Number(row.fresh) === 1,
    seen,
    catalogs: (row.catalogs ?? []).map(([version, body]) => ({ version, body })),
  }
}

/** An inspection as a later redemption is checked against it. */
export interface InspectionRecord {
  inspectionId: string
  verdict: string
  imei: string
  planNumber: string
  submittedAt: string
}

const INSPECTION_READ = `SELECT inspection_id, verdict, imei, plan_number, submitted_at FROM ho_inspection`

function inspectionFromRow(r: Record<string, string>): InspectionRecord {
  return {
    inspectionId: String(r.inspection_id),
    verdict: String(r.verdict),
    imei: String(r.imei),
    planNumber: String(r.plan_number),
    submittedAt: String(r.submitted_at),
  }
}

/** The inspections of the given ids (at most a thousand: callers chunk). */
export async function inspectionsByIds(db: Db, ids: string[]): Promise<InspectionRecord[]> {
  const found = await rows<Record<string, string>>(
    db,
    `${INSPECTION_READ} WHERE inspection_id IN ${inList(ids.length)}`,
    ids,
  )
  return found.map(inspectionFromRow)
}

/** Every inspection of the given plans (at most a thousand: callers chunk). */
export async function inspectionsByPlans(
  db: Db,
  planNumbers: string[],
): Promise<InspectionRecord[]> {
  const found = await rows<Record<string, string>>(
    db,
    `${INSPECTION_READ} WHERE plan_number IN ${inList(planNumbers.length)}`,
    planNumbers,
  )
  return found.map(inspectionFromRow)
}

/** Credited redemptions that took in the given devices: device intake id → redemption id. */
export async function creditedRedemptionsByDevice(
  db: Db,
  deviceIds: string[],
): Promise<Array<{ deviceIntakeId: string; redemptionId: string }>> {
  const found = await rows<Record<string, string>>(
    db,
    `SELECT redemption_id, device_intake_id FROM ho_redemption
     WHERE device_intake_id IN ${inList(deviceIds.length)} AND status = 'credited'`,
    deviceIds,
  )
  return found.map((r) => ({
    deviceIntakeId: String(r.device_intake_id),
    redemptionId: String(r.redemption_id),
  }))
}

/** Everything a batch did, as rows to write (row arrays follow the column lists below). */
export interface BatchWrites {
  newPlans: PlanRow[]
  changedPlans: PlanRow[]
  inspectionRows: unknown[][]
  redemptionRows: unknown[][]
  cancellationRows: unknown[][]
  conflictRows: unknown[][]
  notificationRows: unknown[][]
  collected: Array<{ redemptionId: string; on: string }>
  changes: ChangeEntry[]
  eventRows: unknown[][]
}

/**
 * Writes everything a batch did, inside the caller's transaction: the effects, the kiosk's new
 * last seq, the change feed entries, and last the idempotency ledger rows.
 */
export async function writeBatch(
  db: Db,
  writes: BatchWrites,
  kiosk: { id: string; lastSeq: number },
  now: number,
): Promise<void> {
  if (db.dialect === 'postgres') await writeBatchPostgres(db, writes, kiosk, now)
  else await writeBatchStatements(db, writes, kiosk, now)
}

/**
 * PostgreSQL: the effects, kiosk update and feed entries go in ONE statement of data-modifying
 * CTEs (each table's rows bound as one JSON parameter), then the ledger rows in a second.
 * Round trips, not rows, are what a small batch costs: every statement is a socket write and a
 * wake-up of the backend, which on a loaded machine dominated the push (see the benchmark notes).
 * The CTEs touch disjoint rows (new rows, or existing rows updated once), so their unspecified
 * order does not matter; device collections may target a redemption inserted by this very
 * batch, which a sibling CTE could not see, so they stay separate statements after it.
 */
async function writeBatchPostgres(
  db: Db,
  writes: BatchWrites,
  kiosk: { id: string; lastSeq: number },
  now: number,
): Promise<void> {
  const { sql, params } = effectsStatement(writes, kiosk, now)
  await exec(db, sql, params)
  await markCollected(db, writes.collected)
  if (writes.eventRows.length > 0) {
    await exec(db, insertJsonSql('ho_sync_event', SYNC_EVENT_COLUMNS), [
      jsonRows(SYNC_EVENT_COLUMNS, writes.eventRows),
    ])
  }
}

/** The one PostgreSQL statement of a batch's effects (see {@link writeBatchPostgres}). */
function effectsStatement(
  writes: BatchWrites,
  kiosk: { id: string; lastSeq: number },
  now: number,
): { sql: string; params: unknown[] } {
  const ctes: Array<{ name: string; sql: string }> = []
  const params: unknown[] = []
  const insert = (
    table: string,
    columns: readonly string[],
    values: unknown[][],
    options?: { onConflictDoNothing?: boolean },
  ) => {
    if (values.length === 0) return
    ctes.push({ name: `w_${table}`, sql: insertJsonSql(table, columns, options) })
    params.push(jsonRows(columns, values))
  }
  insert('ho_plan', PLAN_COLUMNS, writes.newPlans.map(planValues))
  if (writes.changedPlans.length > 0) {
    const set = PLAN_UPDATE_COLUMNS.slice(1)
      .map((c) => `${c} = v.${c}`)
      .join(', ')
    ctes.push({
      name: 'u_ho_plan',
      sql: `UPDATE ho_plan SET ${set}
          FROM json_populate_recordset(NULL::ho_plan, ?::json) AS v
          WHERE ho_plan.plan_number = v.plan_number`,
    })
    params.push(jsonRows(PLAN_UPDATE_COLUMNS, writes.changedPlans.map(planUpdateValues)))
  }
  insert('ho_inspection', INSPECTION_COLUMNS, writes.inspectionRows)
  insert('ho_redemption', REDEMPTION_COLUMNS, writes.redemptionRows)
  insert('ho_cancellation', CANCELLATION_COLUMNS, writes.cancellationRows)
  insert('ho_conflict', CONFLICT_COLUMNS, writes.conflictRows)
  // A replayed enrollment must never message the customer twice.
  insert('ho_notification', NOTIFICATION_COLUMNS, writes.notificationRows, {
    onConflictDoNothing: true,
  })
  ctes.push({
    name: 'u_ho_kiosk',
    sql: `UPDATE ho_kiosk SET last_seq = ?, last_seen_at = ? WHERE id = ?`,
  })
  params.push(kiosk.lastSeq, now, kiosk.id)
  const feed = appendChangesCte(writes.changes, now)
  if (feed) {
    ctes.push({ name: 'feed_counter', sql: feed.counter })
    ctes.push({ name: 'w_ho_change', sql: feed.insert })
    params.push(...feed.params)
  }
  const last = ctes.pop() as { sql: string }
  const sql =
    (ctes.length ? `WITH ${ctes.map((c) => `${c.name} AS (${c.sql})`).join(',\n')}\n` : '') +
    last.sql
  return { sql, params }
}

async function markCollected(
  db: Db,
  collected: Array<{ redemptionId: string; on: string }>,
): Promise<void> {
  for (const c of collected) {
    await exec(
      db,
      `UPDATE ho_redemption SET device_status = 'collected', collected_on = ? WHERE redemption_id = ?`,
      [c.on, c.redemptionId],
    )
  }
}

/** SQLite (in-process, so statements are cheap): one multi-row INSERT per table. */
async function writeBatchStatements(
  db: Db,
  writes: BatchWrites,
  kiosk: { id: string; lastSeq: number },
  now: number,
): Promise<void> {
  await insertRows(db, 'ho_plan', PLAN_COLUMNS, writes.newPlans.map(planValues))
  const set = PLAN_UPDATE_COLUMNS.slice(1)
    .map((c) => `${c} = ?`)
    .join(', ')
  for (const [planNumber, ...values] of writes.changedPlans.map(planUpdateValues)) {
    await exec(db, `UPDATE ho_plan SET ${set} WHERE plan_number = ?`, [...values, planNumber])
  }
  await insertRows(db, 'ho_inspection', INSPECTION_COLUMNS, writes.inspectionRows)
  await insertRows(db, 'ho_redemption', REDEMPTION_COLUMNS, writes.redemptionRows)
  await insertRows(db, 'ho_cancellation', CANCELLATION_COLUMNS, writes.cancellationRows)
  await markCollected(db, writes.collected)
  await insertRows(db, 'ho_conflict', CONFLICT_COLUMNS, writes.conflictRows)
  await insertRows(db, 'ho_notification', NOTIFICATION_COLUMNS, writes.notificationRows, {
    // A replayed enrollment must never message the customer twice.
    onConflictDoNothing: true,
  })
  await exec(db, `UPDATE ho_kiosk SET last_seq = ?, last_seen_at = ? WHERE id = ?`, [
    kiosk.lastSeq,
    now,
    kiosk.id,
  ])
  await appendChanges(db, writes.changes, now)
  await insertRows(db, 'ho_sync_event', SYNC_EVENT_COLUMNS, writes.eventRows)
}

/** The plan columns a batch may change on an existing plan (plan_number first: the key). */
const PLAN_UPDATE_COLUMNS = [
  'plan_number',
  'status',
  'closed_store',
  'closed_kiosk',
  'closed_on',
  'closed_event_id',
  'closed_ref',
  'reservation_id',
  'reserved_by',
  'reserved_until',
  'updated_at',
] as const

/** A changed plan as the values of {@link PLAN_UPDATE_COLUMNS}. */
function planUpdateValues(p: PlanRow): unknown[] {
  return [
    p.planNumber,
    p.status,
    p.closedStore,
    p.closedKiosk,
    p.closedOn,
    p.closedEventId,
    p.closedRef,
    p.reservationId,
    p.reservedBy,
    p.reservedUntil,
    p.updatedAt,
  ]
}

export const REDEMPTION_COLUMNS = [
  'redemption_id',
  'plan_number',
  'event_id',
  'store_code',
  'kiosk_code',
  'on_date',
  'business_date',
  'age_month',
  'percent',
  'srp_paise',
  'assured_value_paise',
  'credit_paise',
  'new_price_paise',
  'new_sales_invoice',
  'exchange_voucher_number',
  'amount_paid_paise',
  'device_intake_id',
  'device_status',
  'status',
  'created_at',
  'customer_check',
  'handover_sha256',
] as const

export const CANCELLATION_COLUMNS = [
  'cancellation_id',
  'plan_number',
  'event_id',
  'store_code',
  'kiosk_code',
  'cancelled_on',
  'refund_paise',
  'within_window',
  'status',
  'created_at',
] as const

export const INSPECTION_COLUMNS = [
  'inspection_id',
  'plan_number',
  'event_id',
  'store_code',
  'kiosk_code',
  'imei',
  'verdict',
  'submitted_at',
] as const
