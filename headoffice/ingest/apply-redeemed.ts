import { assuredValue, upgradeCredit } from '../../shared/domain'
import type { OutboxEventOf } from '../../shared/sync/events'
import type { ConflictKind } from '../../shared/sync/protocol'
import type { PlanRow } from '../db/repos/plan-row'
import { redemptionMessages } from '../notifications/compose'
import type { BatchState } from './batch-state'
import { recordConflict } from './conflicts'
import { applied, rejected, type KioskRef, type Outcome } from './outcome'

type RedeemedEvent = OutboxEventOf<'plan.redeemed'>
type Redemption = RedeemedEvent['payload']

/**
 * plan.redeemed. Head office re-verifies what the kiosk computed — the SRP is the plan's frozen
 * one, the age band, percent and value follow from the plan's dates and schedule
 * (shared/domain), credit = min(value, new phone price) — and rejects any mismatch. The first
 * redemption applied wins; a later one for the same plan is recorded as a conflict with no
 * credit counted.
 */
export function applyRedeemed(state: BatchState, kiosk: KioskRef, event: RedeemedEvent): Outcome {
  const r = event.payload
  const plan = state.plans.get(r.planNumber)
  if (!plan) return rejected('PLAN_NOT_FOUND', `Plan ${r.planNumber} is not registered.`)
  const refusal = valueRefusal(plan, r) ?? inspectionRefusal(state, plan, r)
  if (refusal) return refusal

  const conflictKind = closingConflict(plan)
  if (conflictKind) {
    // Kept for the managers, never counted as a credit (reports read status = 'credited').
    state.redemptionRows.push(redemptionRow(state, kiosk, event, plan, 'conflict'))
    return recordConflict(
      state,
      kiosk,
      plan,
      conflictKind,
      { eventId: event.id, referenceId: r.redemptionId, onDate: r.onDate },
      plan.closedRef ?? '',
    )
  }
  redeemPlan(state, kiosk, event, plan)
  return applied
}

/**
 * Why the kiosk's figures are refused, or null when they are head office's own: the plan's
 * frozen SRP, the quote on the redemption date (not too early, not expired), and the month,
 * percent, value, credit and amount paid that follow from it.
 */
function valueRefusal(plan: PlanRow, r: Redemption): Outcome | null {
  if (r.srpPaise !== plan.srpPaise) {
    return rejected(
      'VALUE_MISMATCH',
      `SRP ${r.srpPaise} differs from the plan's frozen SRP ${plan.srpPaise}.`,
    )
  }
  const quote = assuredValue({
    srpPaise: plan.srpPaise,
    purchaseDate: plan.purchaseDate,
    onDate: r.onDate,
    schedule: plan.schedule ?? undefined,
  })
  if (quote.status === 'too-early') return rejected('TOO_EARLY', `Not redeemable on ${r.onDate}.`)
  if (quote.status === 'expired')
    return rejected('PLAN_EXPIRED', `Plan expired before ${r.onDate}.`)
  const { creditPaise: credit, duePaise } = upgradeCredit(quote.valuePaise, r.newDevice.pricePaise)
  if (
    r.ageMonth !== quote.ageMonth ||
    r.percent !== quote.percent ||
    r.assuredValuePaise !== quote.valuePaise ||
    r.creditPaise !== credit ||
    r.amountPaidPaise !== duePaise
  ) {
    return rejected(
      'VALUE_MISMATCH',
      `Expected month ${quote.ageMonth}, ${quote.percent}%, value ${quote.valuePaise}, credit ` +
        `${credit}; the kiosk sent month ${r.ageMonth}, ${r.percent}%, value ` +
        `${r.assuredValuePaise}, credit ${r.creditPaise}.`,
    )
  }
  return null
}

/** A refusal when the redemption's inspection (if head office has it) does not clear the plan. */
function inspectionRefusal(state: BatchState, plan: PlanRow, r: Redemption): Outcome | null {
  const inspection = state.inspections.get(r.inspectionId)
  if (
    inspection &&
    (inspection.verdict !== 'eligible' || inspection.planNumber !== plan.planNumber)
  ) {
    return rejected('INSPECTION_FAILED', `Inspection ${r.inspectionId} does not clear this plan.`)
  }
  return null
}

/** The conflict a redemption of this plan would be: the plan is already closed. */
function closingConflict(plan: PlanRow): ConflictKind | null {
  return plan.status === 'redeemed'
    ? 'double-redemption'
    : plan.status === 'cancelled'
      ? 'redeemed-after-cancel'
      : null
}

/** The redemption as a `ho_redemption` row (REDEMPTION_COLUMNS in db/repos/push-batch.ts). */
function redemptionRow(
  state: BatchState,
  kiosk: KioskRef,
  event: RedeemedEvent,
  plan: PlanRow,
  status: 'credited' | 'conflict',
): unknown[] {
  const r = event.payload
  return [
    r.redemptionId,
    plan.planNumber,
    event.id,
    kiosk.storeCode,
    kiosk.kioskCode,
    r.onDate,
    event.businessDate,
    r.ageMonth,
    r.percent,
    r.srpPaise,
    r.assuredValuePaise,
    r.creditPaise,
    r.newDevice.pricePaise,
    r.amountPaidPaise,
    r.deviceIntakeId,
    'received',
    status,
    state.now,
  ]
}

/**
 * The first redemption of an open plan: closes the plan (and clears its reservation), credits
 * the redemption, takes in the old device, tells the customer and both stores.
 */
function redeemPlan(state: BatchState, kiosk: KioskRef, event: RedeemedEvent, plan: PlanRow): void {
  const r = event.payload
  plan.status = 'redeemed'
  plan.closedStore = kiosk.storeCode
  plan.closedKiosk = kiosk.kioskCode
  plan.closedOn = r.onDate
  plan.closedEventId = event.id
  plan.closedRef = r.redemptionId
  plan.reservationId = null
  plan.reservedBy = null
  plan.reservedUntil = null
  state.touchPlan(plan)
  state.redemptionRows.push(redemptionRow(state, kiosk, event, plan, 'credited'))
  state.devices.set(r.deviceIntakeId, r.redemptionId)
  state.notifications.push(
    ...redemptionMessages(
      plan,
      {
        redemptionId: r.redemptionId,
        onDate: r.onDate,
        storeCode: kiosk.storeCode,
        creditPaise: r.creditPaise,
        newModel: r.newDevice.modelName,
      },
      state.now,
    ),
  )
  state.changes.push({
    audience: [plan.storeCode, kiosk.storeCode],
    change: {
      kind: 'plan.status',
      planNumber: plan.planNumber,
      status: 'redeemed',
      storeCode: plan.storeCode,
      closedBy: { storeCode: kiosk.storeCode, kioskCode: kiosk.kioskCode, onDate: r.onDate },
    },
  })
}
