import type { DataSource } from 'typeorm'
import { ConflictSchema, type Conflict } from '../../shared/sync/protocol'
import { exec, inTransaction, one, rows, withDb } from '../db/sql'
import { HeadOfficeError } from '../errors'
import { appendChanges } from './change-feed'

function toConflict(r: Record<string, unknown>): Conflict {
  return ConflictSchema.parse({
    conflictId: r.conflict_id,
    planNumber: r.plan_number,
    kind: r.kind,
    winner: JSON.parse(String(r.winner)),
    loser: JSON.parse(String(r.loser)),
    detectedAt: new Date(Number(r.detected_at)).toISOString(),
    status: r.status,
    resolution: r.resolution ?? null,
  })
}

/** Conflicts for the head-office desk, newest first. */
export async function listConflicts(
  ds: DataSource,
  status?: 'open' | 'resolved',
): Promise<Conflict[]> {
  const found = await withDb(ds, (db) =>
    rows(
      db,
      `SELECT * FROM ho_conflict ${status ? 'WHERE status = ?' : ''} ORDER BY detected_at DESC`,
      status ? [status] : [],
    ),
  )
  return found.map(toConflict)
}

/** Marks a conflict resolved with a note; both stores see the resolution on their next pull. */
export async function resolveConflict(
  ds: DataSource,
  conflictId: string,
  resolution: string,
  now: number,
): Promise<Conflict> {
  return inTransaction(ds, async (db) => {
    const row = await one(db, `SELECT * FROM ho_conflict WHERE conflict_id = ?`, [conflictId])
    if (!row) throw new HeadOfficeError('CONFLICT_NOT_FOUND', `No conflict ${conflictId}.`)
    await exec(
      db,
      `UPDATE ho_conflict SET status = 'resolved', resolution = ?, resolved_at = ? WHERE conflict_id = ?`,
      [resolution, now, conflictId],
    )
    const conflict = toConflict({ ...row, status: 'resolved', resolution })
    await appendChanges(
      db,
      [
        {
          audience: [conflict.winner.storeCode, conflict.loser.storeCode],
          change: { kind: 'conflict', conflict },
        },
      ],
      now,
    )
    return conflict
  })
}
