import { randomUUID } from 'node:crypto'
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
