import type { DataSource } from 'typeorm'
import { ConflictSchema, type Conflict } from '../../shared/sync/protocol'
import { conflictRows, findConflictRow, markConflictResolved } from '../db/repos/conflicts'
import { appendChanges } from '../db/repos/feed'
import { inTransaction, withDb } from '../db/sql'
import { HeadOfficeError } from '../errors'
import { recordAudit } from './console-audit'

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
  const found = await withDb(ds, (db) => conflictRows(db, status))
  return found.map(toConflict)
}

/**
 * Marks a conflict resolved with a note; both stores see the resolution on their next pull. From
 * the console, `actor` names the person and the change is audited in the same transaction.
 */
export async function resolveConflict(
  ds: DataSource,
  conflictId: string,
  resolution: string,
  now: number,
  actor?: string,
): Promise<Conflict> {
  return inTransaction(ds, async (db) => {
    const row = await findConflictRow(db, conflictId)
    if (!row) throw new HeadOfficeError('CONFLICT_NOT_FOUND', `No conflict ${conflictId}.`)
    await markConflictResolved(db, conflictId, resolution, now)
    const conflict = toConflict({ ...row, status: 'resolved', resolution })
    if (actor) {
      const before = { status: row.status, resolution: row.resolution ?? null }
      const after = { status: 'resolved', resolution }
      const subject = `conflict ${conflict.planNumber} (${conflict.kind})`
      await recordAudit(db, { actor, action: 'conflict.resolve', subject, before, after }, now)
    }
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
