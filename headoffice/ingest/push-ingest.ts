import type { DataSource } from 'typeorm'
import { OutboxEventSchema, type OutboxEvent } from '../../shared/sync/events'
import type { PushEventResult, PushResponseData } from '../../shared/sync/protocol'
import { ledgerLookup } from '../db/repos/ledger'
import { openBatch } from '../db/repos/push-batch'
import { inTransaction } from '../db/sql'
import { HeadOfficeError } from '../errors'
import { applyCancelled } from './apply-cancelled'
import { applyDeviceCollected, applyInspection } from './apply-device'
import { applyEnrolled } from './apply-enrolled'
import { applyPrivacyRequested } from './apply-privacy'
import { applyRedeemed } from './apply-redeemed'
import {
  applyTradeInAccepted,
  applyTradeInCollected,
  applyTradeInConfirmed,
  applyTradeInVoucherUsed,
} from './apply-tradein'
import { KioskError } from '../../shared/errors'
import { BatchState } from './batch-state'
import { recordRejection } from './conflicts'
import { rejected, type KioskRef, type Outcome } from './outcome'
import { storedEventPayload } from './scrub'

/** An event as it arrived: only id and seq are known to be well-formed. */
export interface WireEvent {
  id: string
  seq: number
  [key: string]: unknown
}

/**
 * Applies one pushed batch exactly once. In ONE database transaction: the request's nonce is
 * recorded (a replay is refused before any effect) and the kiosk row is locked (pushes of one
 * kiosk serialise), events already in the ledger are answered `duplicate`, the
 * rest are applied in seq order with no gap, and each applied/rejected/conflicting event's
 * ledger row is written together with its effect. A crash anywhere before commit leaves nothing;
 * a retry after commit finds every event in the ledger.
 */
export async function ingestPush(
  ds: DataSource,
  kiosk: KioskRef,
  events: WireEvent[],
  now: number,
  /** The request's nonce: recorded in this transaction (see kioskAuthHook's `deferNonce`). */
  nonce: string,
): Promise<PushResponseData> {
  const ordered = [...events].sort((a, b) => a.seq - b.seq)
  // Schema checks are pure CPU: done before the transaction so no lock waits on them.
  const parsed = new Map<string, OutboxEvent | null>()
  for (const e of ordered) {
    if (parsed.has(e.id)) continue
    const result = OutboxEventSchema.safeParse(e)
    parsed.set(e.id, result.success ? result.data : null)
  }
  const catalogVersions = new Set<string>()
  for (const e of parsed.values()) {
    if (e?.type === 'plan.enrolled') catalogVersions.add(e.payload.catalogVersion)
    if (e?.type === 'tradein.accepted') catalogVersions.add(e.payload.catalogVersion)
  }

  return inTransaction(ds, async (db) => {
    const ids = ordered.map((e) => e.id)
    const opened = await openBatch(db, {
      kioskId: kiosk.id,
      nonce,
      now,
      ids,
      catalogVersions: [...catalogVersions],
    })
    if (!opened) throw new HeadOfficeError('KIOSK_UNKNOWN', 'Unknown kiosk.')
    if (!opened.nonceFresh) throw new HeadOfficeError('NONCE_REPLAYED', 'Nonce already used.')
    if (opened.status !== 'active') {
      throw new HeadOfficeError('KIOSK_REVOKED', 'Kiosk revoked.')
    }
    let lastSeq = opened.lastSeq
    let seen = opened.seen
    // Every ledger row of this kiosk has seq <= last_seq. An event at or below it that the
    // ledger lookup did not find is either a reused seq (refused below) or — on PostgreSQL — a
    // push of this kiosk that committed while we waited for the kiosk lock: the lookup ran in
    // the statement's snapshot, taken before the wait, while the locked row is the newest.
    // Look again in a fresh statement so such events are answered `duplicate`.
    if (db.dialect === 'postgres' && ordered.some((e) => e.seq <= lastSeq && !seen.has(e.id))) {
      seen = await ledgerLookup(db, ids)
    }

    const fresh = new Map<string, OutboxEvent | null>()
    for (const [id, event] of parsed) if (!seen.has(id)) fresh.set(id, event)
    const good = [...fresh.values()].filter((e): e is OutboxEvent => e !== null)
    const state = new BatchState(db, now)
    state.setCatalogs(opened.catalogs)
    await state.load({ ...references(good), catalogVersions: [] })

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
      const event = fresh.get(e.id) ?? null
      const outcome = applyOne(state, kiosk, event)
      // Every refusal is also a conflict for the managers (docs/program-rules.md#refused-events).
      if (outcome.status === 'rejected') {
        recordRejection(state, kiosk, e, event, { code: outcome.reason, message: outcome.message })
      }
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
        storedEventPayload(event ?? e),
      )
      lastSeq = e.seq
    }

    await state.flush({ id: kiosk.id, lastSeq })
    return {
      results: events.map((e) => answers.get(e.id) as PushEventResult),
      lastSeq,
    }
  })
}

function refuse(e: WireEvent, outcome: Outcome): PushEventResult {
  return { id: e.id, seq: e.seq, ...outcome } as PushEventResult
}

/**
 * The outcome of one event. A rule of shared/domain that throws (a KioskError: an amount or date
 * it cannot work with) refuses the event alone — it never fails the push and stalls the kiosk's
 * outbox (docs/program-rules.md#refused-events). Anything else is a defect and fails the push.
 */
function applyOne(state: BatchState, kiosk: KioskRef, event: OutboxEvent | null): Outcome {
  try {
    return applyChecked(state, kiosk, event)
  } catch (error) {
    if (error instanceof KioskError) return rejected(error.code, error.message)
    throw error
  }
}

function applyChecked(state: BatchState, kiosk: KioskRef, event: OutboxEvent | null): Outcome {
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
    case 'privacy.requested':
      return applyPrivacyRequested(state, kiosk, event)
    case 'tradein.accepted':
      return applyTradeInAccepted(state, kiosk, event)
    case 'tradein.confirmed':
      return applyTradeInConfirmed(state, kiosk, event)
    case 'tradein.voucher-used':
      return applyTradeInVoucherUsed(state, kiosk, event)
    case 'tradein.collected':
      return applyTradeInCollected(state, kiosk, event)
  }
}

function references(events: OutboxEvent[]) {
  const plans = new Set<string>()
  const inspections = new Set<string>()
  const devices = new Set<string>()
  const catalogs = new Set<string>()
  const imeis = new Set<string>()
  const otpIds = new Set<string>()
  const tradeIns = new Set<string>()
  let redeems = false
  for (const e of events) {
    if ('planNumber' in e.payload && e.payload.planNumber) plans.add(e.payload.planNumber)
    if (e.type === 'plan.enrolled') {
      catalogs.add(e.payload.catalogVersion)
      for (const imei of e.payload.imeis) imeis.add(imei)
    }
    if (e.type === 'plan.redeemed') redeems = true
    if (e.type === 'plan.redeemed') inspections.add(e.payload.inspectionId)
    if (e.type === 'plan.redeemed' && e.payload.customerCheck?.method === 'otp') {
      otpIds.add(e.payload.customerCheck.otpId)
    }
    if (e.type === 'inspection.submitted') inspections.add(e.payload.inspectionId)
    if (e.type === 'device.collected') devices.add(e.payload.deviceIntakeId)
    if (e.type.startsWith('tradein.')) tradeIns.add((e.payload as { tradeInId: string }).tradeInId)
    if (e.type === 'tradein.accepted') catalogs.add(e.payload.catalogVersion)
  }
  return {
    planNumbers: [...plans].sort(),
    inspectionIds: [...inspections],
    deviceIds: [...devices],
    catalogVersions: [...catalogs],
    imeis: [...imeis],
    needsNewestCatalog: redeems,
    otpIds: [...otpIds],
    tradeInIds: [...tradeIns],
  }
}
