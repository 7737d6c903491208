import type { Conflict } from '../../../shared/sync/protocol'
import { type Db, exec, one, rows } from '../sql'

/** Column order of `ho_conflict` for inserts (matches {@link conflictValues}). */
export const CONFLICT_COLUMNS = [
  'conflict_id',
  'plan_number',
  'kind',
  'winner',
  'loser',
  'detected_at',
  'status',
] as const

/** A new conflict as the row values of {@link CONFLICT_COLUMNS}. */
export function conflictValues(conflict: Conflict, now: number): unknown[] {
  return [
    conflict.conflictId,
    conflict.planNumber,
    conflict.kind,
    JSON.stringify(conflict.winner),
    JSON.stringify(conflict.loser),
    now,
    conflict.status,
  ]
}

/** `ho_conflict` rows, newest first, all or of one status. */
export function conflictRows(
  db: Db,
  status?: 'open' | 'resolved',
): Promise<Array<Record<string, unknown>>> {
  return rows(
    db,
    `SELECT * FROM ho_conflict ${status ? 'WHERE status = ?' : ''} ORDER BY detected_at DESC`,
    status ? [status] : [],
  )
}

/** One `ho_conflict` row, or null. */
export function findConflictRow(
  db: Db,
  conflictId: string,
): Promise<Record<string, unknown> | null> {
  return one(db, `SELECT * FROM ho_conflict WHERE conflict_id = ?`, [conflictId])
}

export async function markConflictResolved(
  db: Db,
  conflictId: string,
  resolution: string,
  now: number,
): Promise<void> {
  await exec(
    db,
    `UPDATE ho_conflict SET status = 'resolved', resolution = ?, resolved_at = ? WHERE conflict_id = ?`,
    [resolution, now, conflictId],
  )
}
