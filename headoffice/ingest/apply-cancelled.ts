import { cancellationRefund, DEFAULT_CANCELLATION_WINDOW_DAYS } from '../../shared/domain'
import type { OutboxEventOf } from '../../shared/sync/events'
import type { PlanRow } from '../db/repos/plan-row'
import type { BatchState } from './batch-state'
import { recordConflict } from './conflicts'
import { applied, rejected, type KioskRef, type Outcome } from './outcome'

type CancelledEvent = OutboxEventOf<'plan.cancelled'>

/**
 * plan.cancelled: closes an active plan; a cancellation after a redemption is a conflict. Only a
 * kiosk of the plan's own store may cancel it (docs/program-rules.md#which-store-may-do-what), on
 * its business day, with the refund head office derives from the cooling-off rule and the plan's
 * invoiced fee (docs/program-rules.md#cancellation-and-refunds).
 */
export function applyCancelled(state: BatchState, kiosk: KioskRef, event: CancelledEvent): Outcome {
  const c = event.payload
  const plan = state.plans.get(c.planNumber)
  if (!plan) return rejected('PLAN_NOT_FOUND', `Plan ${c.planNumber} is not registered.`)
  if (plan.storeCode !== kiosk.storeCode) {
    return rejected(
      'CANCELLATION_WRONG_STORE',
      `Plan ${plan.planNumber} belongs to store ${plan.storeCode}; store ${kiosk.storeCode} may not cancel it.`,
    )
  }
  const refusal = refundRefusal(state, plan, event)
  if (refusal) return refusal
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

/** Why the kiosk's refund is refused, or null when it is head office's own. */
function refundRefusal(state: BatchState, plan: PlanRow, event: CancelledEvent): Outcome | null {
  const c = event.payload
  if (c.cancelledOn !== event.businessDate) {
    return rejected(
      'DATE_INVALID',
      `Cancelled on ${c.cancelledOn}, but the event's business day is ${event.businessDate}.`,
    )
  }
  const windowDays =
    state.catalogs.get(plan.catalogVersion)?.cancellationWindowDays ??
    DEFAULT_CANCELLATION_WINDOW_DAYS
  const expected = cancellationRefund({
    feePaise: plan.feePaise,
    enrolledOn: plan.enrolledOn,
    cancelledOn: c.cancelledOn,
    windowDays,
  })
  if (
    c.refundPaise !== expected.refundPaise ||
    c.withinWindow !== expected.withinWindow ||
    (c.refund?.amountPaise ?? 0) !== expected.refundPaise
  ) {
    return rejected(
      'REFUND_MISMATCH',
      `Refund ${c.refundPaise} (within window: ${c.withinWindow}) differs from ` +
        `${expected.refundPaise} (within window: ${expected.withinWindow}) for a fee of ` +
        `${plan.feePaise} enrolled on ${plan.enrolledOn}, ${windowDays}-day window.`,
    )
  }
  return null
}
