import { randomUUID } from 'node:crypto'
import { isLocalDate, todayInKolkata, type ConflictReason } from '../../shared/domain'
import type { OutboxEvent, OutboxEventOf } from '../../shared/sync/events'
import type { Conflict, ConflictKind } from '../../shared/sync/protocol'
import type { BatchState } from './batch-state'
import type { KioskRef, Outcome } from './outcome'
import type { PlanRow } from '../db/repos/plan-row'

/**
 * Records a conflict: the plan's closing event (first applied) wins, `loser` is kept but given
 * no effect, and every store involved — where the plan was enrolled, where it was closed, where
 * the losing event happened — sees it on its next pull.
 */
export function recordConflict(
  state: BatchState,
  kiosk: KioskRef,
  plan: PlanRow,
  kind: ConflictKind,
  loser: { eventId: string; referenceId: string; onDate: string },
  winnerReferenceId: string,
): Outcome {
  const conflict: Conflict = {
    conflictId: randomUUID(),
    planNumber: plan.planNumber,
    kind,
    winner: {
      storeCode: plan.closedStore ?? '',
      kioskCode: plan.closedKiosk ?? '',
      eventId: plan.closedEventId ?? plan.enrolledEventId,
      referenceId: winnerReferenceId,
      onDate: plan.closedOn ?? '',
    },
    loser: { storeCode: kiosk.storeCode, kioskCode: kiosk.kioskCode, ...loser },
    detectedAt: new Date(state.now).toISOString(),
    status: 'open',
    resolution: null,
  }
  state.addConflict(conflict)
  state.changes.push({
    audience: [plan.storeCode, plan.closedStore ?? plan.storeCode, kiosk.storeCode],
    change: { kind: 'conflict', conflict },
  })
  return { status: 'conflict', conflict }
}

/**
 * A second active plan for an IMEI (docs/program-rules.md#imei-and-one-active-plan-per-imei): the
 * new plan is registered — the kiosk sold it offline and took the fee — and the conflict, with the
 * plan that held the IMEI first as the winner, goes to both stores and the head-office desk.
 */
export function recordDuplicateImei(
  state: BatchState,
  kiosk: KioskRef,
  event: OutboxEventOf<'plan.enrolled'>,
  holder: PlanRow,
): void {
  const p = event.payload
  const imei = p.imeis.find((i) => holder.imeis.includes(i)) ?? p.imeis[0]
  const conflict: Conflict = {
    conflictId: randomUUID(),
    planNumber: p.planNumber,
    kind: 'duplicate-imei',
    winner: {
      storeCode: holder.storeCode,
      kioskCode: holder.kioskCode,
      eventId: holder.enrolledEventId,
      referenceId: holder.planNumber,
      onDate: holder.enrolledOn,
    },
    loser: {
      storeCode: kiosk.storeCode,
      kioskCode: kiosk.kioskCode,
      eventId: event.id,
      referenceId: p.planNumber,
      onDate: p.enrolledOn,
      reason: {
        code: 'IMEI_ENROLLED_ELSEWHERE',
        message: `IMEI ${imei} is already on active plan ${holder.planNumber} of store ${holder.storeCode}.`,
      },
    },
    detectedAt: new Date(state.now).toISOString(),
    status: 'open',
    resolution: null,
  }
  state.addConflict(conflict)
  state.changes.push({
    audience: [holder.storeCode, kiosk.storeCode],
    change: { kind: 'conflict', conflict },
  })
}

/**
 * Records an event head office refused (docs/program-rules.md#refused-events) as an
 * `event-rejected` conflict, so the refusal is on the kiosk's Sync screen and the head-office desk,
 * not only in the push answer. The winner is the plan as head office holds it (its closing event,
 * or its enrollment); the loser itself when head office holds no such plan.
 */
export function recordRejection(
  state: BatchState,
  kiosk: KioskRef,
  wire: { id: string; businessDate?: unknown; payload?: unknown },
  event: OutboxEvent | null,
  reason: ConflictReason,
): Conflict {
  const raw = (wire.payload ?? {}) as { planNumber?: unknown; voucherNumber?: unknown }
  // A trade-in (issue 22) has no plan: its voucher number names what was refused.
  const named = event?.payload as { planNumber?: string; voucherNumber?: string } | undefined
  const number = named?.planNumber ?? named?.voucherNumber ?? raw.planNumber ?? raw.voucherNumber
  const plan = typeof number === 'string' ? state.plans.get(number) : undefined
  const onDate =
    event?.businessDate ??
    (isLocalDate(wire.businessDate) ? wire.businessDate : todayInKolkata(() => state.now))
  const party = {
    storeCode: kiosk.storeCode,
    kioskCode: kiosk.kioskCode,
    eventId: wire.id,
    referenceId: event ? referenceOf(event) : wire.id,
    onDate,
  }
  const loser = { ...party, reason: { code: reason.code, message: reason.message.slice(0, 500) } }
  const conflict: Conflict = {
    conflictId: randomUUID(),
    planNumber:
      plan?.planNumber ??
      (typeof number === 'string' && number.length >= 8 && number.length <= 40
        ? number
        : 'UNREADABLE'),
    kind: 'event-rejected',
    winner: plan ? heldParty(plan) : party,
    loser,
    detectedAt: new Date(state.now).toISOString(),
    status: 'open',
    resolution: null,
  }
  state.addConflict(conflict)
  const audience = [kiosk.storeCode, plan?.storeCode, plan?.closedStore].filter(
    (s): s is string => typeof s === 'string',
  )
  state.changes.push({ audience: [...new Set(audience)], change: { kind: 'conflict', conflict } })
  return conflict
}

/** The plan as head office holds it: its closing event when closed, else its enrollment. */
function heldParty(plan: PlanRow): Conflict['winner'] {
  return plan.closedEventId
    ? {
        storeCode: plan.closedStore ?? plan.storeCode,
        kioskCode: plan.closedKiosk ?? plan.kioskCode,
        eventId: plan.closedEventId,
        referenceId: plan.closedRef ?? plan.planNumber,
        onDate: plan.closedOn ?? plan.enrolledOn,
      }
    : {
        storeCode: plan.storeCode,
        kioskCode: plan.kioskCode,
        eventId: plan.enrolledEventId,
        referenceId: plan.planNumber,
        onDate: plan.enrolledOn,
      }
}

/** The id an event carries for what it did (redemption, cancellation, inspection…). */
function referenceOf(event: OutboxEvent): string {
  switch (event.type) {
    case 'plan.enrolled':
      return event.payload.planNumber
    case 'plan.redeemed':
      return event.payload.redemptionId
    case 'plan.cancelled':
      return event.payload.cancellationId
    case 'inspection.submitted':
      return event.payload.inspectionId
    case 'device.collected':
      return event.payload.deviceIntakeId
    case 'privacy.requested':
      return event.payload.requestId
    case 'tradein.accepted':
    case 'tradein.confirmed':
    case 'tradein.voucher-used':
    case 'tradein.collected':
      return event.payload.tradeInId
  }
}
