import type { LocalConflict } from '../../../../shared/contract/sync'
import type { Conflict } from '../../../../shared/sync/protocol'
import type { Sql } from '../store'

/** A conflict as raw SQL returns it. */
export interface RawConflict {
  conflict_id: string
  plan_number: string
  kind: LocalConflict['kind']
  winner: string
  loser: string
  detected_at: string
  status: 'open' | 'resolved'
  resolution: string | null
  local_note: string | null
  local_resolved_at: string | null
  local_resolved_by: string | null
}

/**
 * Stores a conflict as head office reported it, keeping the kiosk manager's own note: head
 * office's status and resolution win (it is the authority), the local note is never overwritten.
 */
export function upsertConflict(sql: Sql, conflict: Conflict, at: string): void {
  sql.run(
    `INSERT INTO sync_conflicts (conflict_id, plan_number, kind, winner, loser, detected_at, status,
       resolution, received_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (conflict_id) DO UPDATE SET status = excluded.status,
       resolution = excluded.resolution, updated_at = excluded.updated_at`,
    conflict.conflictId,
    conflict.planNumber,
    conflict.kind,
    JSON.stringify(conflict.winner),
    JSON.stringify(conflict.loser),
    conflict.detectedAt,
    conflict.status,
    conflict.resolution,
    at,
    at,
  )
}

/** One conflict by id. */
export function conflictById(sql: Sql, id: string): RawConflict | undefined {
  return sql.get<RawConflict>('SELECT * FROM sync_conflicts WHERE conflict_id = ?', id)
}

/** Conflicts by status (or all), newest first. */
export function listConflicts(sql: Sql, which: 'open' | 'resolved' | 'all'): RawConflict[] {
  return sql.all<RawConflict>(
    `SELECT * FROM sync_conflicts ${which === 'all' ? '' : 'WHERE status = ?'}
     ORDER BY detected_at DESC, conflict_id`,
    ...(which === 'all' ? [] : [which]),
  )
}

/** Records the kiosk manager's note on a conflict. */
export function resolveConflictLocally(
  sql: Sql,
  id: string,
  note: string,
  by: string,
  at: string,
): void {
  sql.run(
    `UPDATE sync_conflicts SET local_note = ?, local_resolved_at = ?, local_resolved_by = ?,
       updated_at = ? WHERE conflict_id = ?`,
    note,
    at,
    by,
    at,
    id,
  )
}

/** Conflicts still open that no one here has answered. */
export function openConflictCount(sql: Sql): number {
  return sql.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM sync_conflicts
     WHERE status = 'open' AND local_resolved_at IS NULL`,
  )!.n
}

/** A plan status from head office's feed, for the registry of the store's plans. */
export interface RegistryEntry {
  key: string
  planNumber: string
  status: string
  storeCode: string
  closedBy: { storeCode: string; kioskCode: string; onDate: string } | null
  seq: number
}

/** Records a plan's status in the registry; an older feed entry never overwrites a newer one. */
export function upsertRegistryEntry(sql: Sql, e: RegistryEntry, at: string): void {
  sql.run(
    `INSERT INTO sync_plan_registry (plan_key, plan_number, status, store_code, closed_store_code,
       closed_kiosk_code, closed_on, feed_seq, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (plan_key) DO UPDATE SET status = excluded.status,
       closed_store_code = excluded.closed_store_code,
       closed_kiosk_code = excluded.closed_kiosk_code, closed_on = excluded.closed_on,
       feed_seq = excluded.feed_seq, updated_at = excluded.updated_at
     WHERE excluded.feed_seq > sync_plan_registry.feed_seq`,
    e.key,
    e.planNumber,
    e.status,
    e.storeCode,
    e.closedBy?.storeCode ?? null,
    e.closedBy?.kioskCode ?? null,
    e.closedBy?.onDate ?? null,
    e.seq,
    at,
  )
}

/** Active plans of the registry this kiosk does not hold and has not tried to fetch. */
export function registryPlansToFetch(sql: Sql, limit: number): string[] {
  return sql
    .all<{ plan_number: string }>(
      `SELECT r.plan_number FROM sync_plan_registry r
       WHERE r.status = 'active' AND r.fetched_at IS NULL AND r.fetch_error IS NULL
         AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.plan_key = r.plan_key)
       ORDER BY r.feed_seq LIMIT ?`,
      limit,
    )
    .map((r) => r.plan_number)
}

/** Marks a registry plan fetched (error null) or not storable (the reason). */
export function markRegistryFetched(sql: Sql, key: string, at: string, error: string | null): void {
  sql.run(
    'UPDATE sync_plan_registry SET fetched_at = ?, fetch_error = ? WHERE plan_key = ?',
    at,
    error,
    key,
  )
}
