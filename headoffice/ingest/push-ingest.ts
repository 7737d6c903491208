import type { DataSource } from 'typeorm'
import { OutboxEventSchema, type OutboxEvent } from '../../shared/sync/events'
import type { PushEventResult, PushResponseData } from '../../shared/sync/protocol'
import { inList, inTransaction, one, rows, exec, type Db } from '../db/sql'
import { HeadOfficeError } from '../http/errors'
import { appendChanges } from '../services/change-feed'
import { applyCancelled } from './apply-cancelled'
import { applyDeviceCollected, applyInspection } from './apply-device'
import { applyEnrolled } from './apply-enrolled'
import { applyRedeemed } from './apply-redeemed'
import { BatchState } from './batch-state'
import { rejected, type KioskRef, type Outcome } from './outcome'

/** An event as it arrived: only id and seq are known to be well-formed. */
export interface WireEvent {
  id: string
  seq: number
  [key: string]: unknown
}

/**
 * Applies one pushed batch exactly once. In ONE database transaction: the kiosk row is locked
 * (pushes of one kiosk serialise), events already in the ledger are answered `duplicate`, the
 * rest are applied in seq order with no gap, and each applied/rejected/conflicting event's
 * ledger row is written together with its effect. A crash anywhere before commit leaves nothing;
 * a retry after commit finds every event in the ledger.
 */
export async function ingestPush(
  ds: DataSource,
  kiosk: KioskRef,
  events: WireEvent[],
  now: number,
): Promise<PushResponseData> {
  return inTransaction(ds, async (db) => {
    const lock = db.dialect === 'postgres' ? ' FOR UPDATE' : ''
    const row = await one<{ last_seq: number; status: string }>(
      db,
      `SELECT last_seq, status FROM ho_kiosk WHERE id = ?${lock}`,
      [kiosk.id],
    )
    if (!row) throw new HeadOfficeError('KIOSK_UNKNOWN', 'Unknown kiosk.', 401)
    if (row.status !== 'active') throw new HeadOfficeError('KIOSK_REVOKED', 'Kiosk revoked.', 401)
    let lastSeq = Number(row.last_seq)

    const ordered = [...events].sort((a, b) => a.seq - b.seq)
    const seen = await ledgerLookup(
      db,
      ordered.map((e) => e.id),
    )
    const parsed = new Map<string, OutboxEvent | null>()
    for (const e of ordered) {
      if (seen.has(e.id) || parsed.has(e.id)) continue
      const result = OutboxEventSchema.safeParse(e)
      parsed.set(e.id, result.success ? result.data : null)
    }
    const good = [...parsed.values()].filter((e): e is OutboxEvent => e !== null)
    const state = new BatchState(db, now)
    await state.load(references(good))

    const answers = new Map<string, PushEventResult>()
    for (const e of ordered) {
      const prior = seen.get(e.id)
      if (answers.has(e.id)) continue
      if (prior) {
        answers.set(
          e.id,
          prior.kioskId === kiosk.id
            ? { id: e.id, seq: e.seq, status: 'duplicate', original: prior.status }
            : refuse(
                e,
                rejected('IDEMPOTENCY_CONFLICT', 'Event id already used by another kiosk.'),
              ),
        )
        continue
      }
      if (e.seq <= lastSeq) {
        // Same kiosk, same seq, different id: the kiosk's sequence was reused (restored backup?).
        answers.set(e.id, refuse(e, rejected('IDEMPOTENCY_CONFLICT', `Seq ${e.seq} already used.`)))
        continue
      }
      if (e.seq > lastSeq + 1) {
        answers.set(e.id, { id: e.id, seq: e.seq, status: 'deferred', expectedSeq: lastSeq + 1 })
        continue
      }
      const event = parsed.get(e.id) ?? null
      const outcome = applyOne(state, kiosk, event)
      const answer = { id: e.id, seq: e.seq, ...outcome } as PushEventResult
      answers.set(e.id, answer)
      state.recordEvent(
        {
          id: e.id,
          seq: e.seq,
          type: typeof e.type === 'string' ? e.type.slice(0, 40) : 'unknown',
          storeCode: kiosk.storeCode,
          businessDate: event?.businessDate,
          occurredAt: event?.occurredAt,
        },
        kiosk.id,
        answer,
        event ?? e,
      )
      lastSeq = e.seq
    }

    await state.flush()
    await exec(db, `UPDATE ho_kiosk SET last_seq = ?, last_seen_at = ? WHERE id = ?`, [
      lastSeq,
      now,
      kiosk.id,
    ])
    await appendChanges(db, state.changes, now)
    return {
      results: events.map((e) => answers.get(e.id) as PushEventResult),
      lastSeq,
    }
  })
}

function refuse(e: WireEvent, outcome: Outcome): PushEventResult {
  return { id: e.id, seq: e.seq, ...outcome } as PushEventResult
}

function applyOne(state: BatchState, kiosk: KioskRef, event: OutboxEvent | null): Outcome {
  if (!event) return rejected('EVENT_INVALID', 'The event does not match the outbox event schema.')
  if (event.kioskCode !== kiosk.kioskCode || event.storeCode !== kiosk.storeCode) {
    return rejected('KIOSK_STORE_MISMATCH', 'The event names another kiosk or store.')
  }
  if (event.training) return rejected('TRAINING_EVENT', 'Training-mode events never count.')
  switch (event.type) {
    case 'plan.enrolled':
      return applyEnrolled(state, kiosk, event)
    case 'plan.redeemed':
      return applyRedeemed(state, kiosk, event)
    case 'plan.cancelled':
      return applyCancelled(state, kiosk, event)
    case 'inspection.submitted':
      return applyInspection(state, kiosk, event)
    case 'device.collected':
      return applyDeviceCollected(state, kiosk, event)
  }
}

async function ledgerLookup(
  db: Db,
  ids: string[],
): Promise<Map<string, { kioskId: string; status: 'applied' | 'rejected' | 'conflict' }>> {
  const out = new Map<string, { kioskId: string; status: 'applied' | 'rejected' | 'conflict' }>()
  if (ids.length === 0) return out
  const found = await rows<{ id: string; kiosk_id: string; status: string }>(
    db,
    `SELECT id, kiosk_id, status FROM ho_sync_event WHERE id IN ${inList(ids.length)}`,
    ids,
  )
  for (const r of found) {
    out.set(r.id, {
      kioskId: r.kiosk_id,
      status: r.status as 'applied' | 'rejected' | 'conflict',
    })
  }
  return out
}

function references(events: OutboxEvent[]) {
  const plans = new Set<string>()
  const inspections = new Set<string>()
  const devices = new Set<string>()
  const catalogs = new Set<string>()
  for (const e of events) {
    plans.add(e.payload.planNumber)
    if (e.type === 'plan.enrolled') catalogs.add(e.payload.catalogVersion)
    if (e.type === 'plan.redeemed') inspections.add(e.payload.inspectionId)
    if (e.type === 'inspection.submitted') inspections.add(e.payload.inspectionId)
    if (e.type === 'device.collected') devices.add(e.payload.deviceIntakeId)
  }
  return {
    planNumbers: [...plans].sort(),
    inspectionIds: [...inspections],
    deviceIds: [...devices],
    catalogVersions: [...catalogs],
  }
}
