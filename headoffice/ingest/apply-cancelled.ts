import type { OutboxEventOf } from '../../shared/sync/events'
import type { BatchState } from './batch-state'
import { recordConflict } from './conflicts'
import { applied, rejected, type KioskRef, type Outcome } from './outcome'

/** plan.cancelled: closes an active plan; a cancellation after a redemption is a conflict. */
export function applyCancelled(
  state: BatchState,
  kiosk: KioskRef,
  event: OutboxEventOf<'plan.cancelled'>,
): Outcome {
  const c = event.payload
  const plan = state.plans.get(c.planNumber)
  if (!plan) return rejected('PLAN_NOT_FOUND', `Plan ${c.planNumber} is not registered.`)
  if (plan.status === 'cancelled') {
    return rejected('PLAN_CANCELLED', `Plan ${c.planNumber} was already cancelled.`)
  }
  const row = (status: string) => [
    c.cancellationId,
    plan.planNumber,
    event.id,
    kiosk.storeCode,
    kiosk.kioskCode,
    c.cancelledOn,
    c.refundPaise,
    c.withinWindow ? 1 : 0,
    status,
    state.now,
  ]
  if (plan.status === 'redeemed') {
    state.cancellationRows.push(row('conflict'))
    return recordConflict(
      state,
      kiosk,
      plan,
      'cancelled-after-redeem',
      { eventId: event.id, referenceId: c.cancellationId, onDate: c.cancelledOn },
      plan.closedRef ?? '',
    )
  }
  plan.status = 'cancelled'
  plan.closedStore = kiosk.storeCode
  plan.closedKiosk = kiosk.kioskCode
  plan.closedOn = c.cancelledOn
  plan.closedEventId = event.id
  plan.closedRef = c.cancellationId
  state.touchPlan(plan)
  state.cancellationRows.push(row('applied'))
  state.changes.push({
    audience: [plan.storeCode, kiosk.storeCode],
    change: {
      kind: 'plan.status',
      planNumber: plan.planNumber,
      status: 'cancelled',
      storeCode: plan.storeCode,
      closedBy: { storeCode: kiosk.storeCode, kioskCode: kiosk.kioskCode, onDate: c.cancelledOn },
    },
  })
  return applied
}
