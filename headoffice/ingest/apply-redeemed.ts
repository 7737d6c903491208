import { assuredValue, upgradeCredit } from '../../shared/domain'
import type { OutboxEventOf } from '../../shared/sync/events'
import { redemptionMessages } from '../notifications/compose'
import type { BatchState } from './batch-state'
import { recordConflict } from './conflicts'
import { applied, rejected, type KioskRef, type Outcome } from './outcome'

/**
 * plan.redeemed. Head office re-verifies what the kiosk computed — the SRP is the plan's frozen
 * one, the age band, percent and value follow from the plan's dates and schedule
 * (shared/domain), credit = min(value, new phone price) — and rejects any mismatch. The first
 * redemption applied wins; a later one for the same plan is recorded as a conflict with no
 * credit counted.
 */
export function applyRedeemed(
  state: BatchState,
  kiosk: KioskRef,
  event: OutboxEventOf<'plan.redeemed'>,
): Outcome {
  const r = event.payload
  const plan = state.plans.get(r.planNumber)
  if (!plan) return rejected('PLAN_NOT_FOUND', `Plan ${r.planNumber} is not registered.`)

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
  const inspection = state.inspections.get(r.inspectionId)
  if (
    inspection &&
    (inspection.verdict !== 'eligible' || inspection.planNumber !== plan.planNumber)
  ) {
    return rejected('INSPECTION_FAILED', `Inspection ${r.inspectionId} does not clear this plan.`)
  }

  const conflictKind =
    plan.status === 'redeemed'
      ? 'double-redemption'
      : plan.status === 'cancelled'
        ? 'redeemed-after-cancel'
        : null
  const row = (status: 'credited' | 'conflict') => [
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
  if (conflictKind) {
    // Kept for the managers, never counted as a credit (reports read status = 'credited').
    state.redemptionRows.push(row('conflict'))
    return recordConflict(
      state,
      kiosk,
      plan,
      conflictKind,
      { eventId: event.id, referenceId: r.redemptionId, onDate: r.onDate },
      plan.closedRef ?? '',
    )
  }

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
  state.redemptionRows.push(row('credited'))
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
  return applied
}
