import { planKey } from '../../shared/domain/plan-number'
import type { OutboxEventOf } from '../../shared/sync/events'
import { planEnrolledMessages } from '../notifications/compose'
import type { BatchState } from './batch-state'
import { applied, rejected, type KioskRef, type Outcome } from './outcome'
import type { PlanRow } from '../db/repos/plan-row'

/** plan.enrolled: adds the plan to the registry with its frozen SRP, fee and schedule. */
export function applyEnrolled(
  state: BatchState,
  kiosk: KioskRef,
  event: OutboxEventOf<'plan.enrolled'>,
): Outcome {
  const p = event.payload
  if (state.plans.has(p.planNumber)) {
    return rejected('PLAN_EXISTS', `Plan ${p.planNumber} is already registered.`)
  }
  // Plans are found by key (planKey), so two numbers with one key would be one plan.
  const sameKey = state.planNumberOfKey(planKey(p.planNumber))
  if (sameKey) {
    return rejected('PLAN_EXISTS', `Plan ${p.planNumber} is already registered as ${sameKey}.`)
  }
  const plan: PlanRow = {
    planNumber: p.planNumber,
    status: 'active',
    storeCode: kiosk.storeCode,
    kioskCode: kiosk.kioskCode,
    imeis: p.imeis,
    modelId: p.modelId,
    modelName: p.modelName,
    variantId: p.variantId,
    variantName: p.variantName,
    srpPaise: p.srpPaise,
    feePaise: p.feePaise,
    catalogVersion: p.catalogVersion,
    schedule: state.scheduleFor(p.catalogVersion),
    purchaseDate: p.purchaseDate,
    enrolledOn: p.enrolledOn,
    businessDate: event.businessDate,
    customerName: p.customer.name,
    mobile: p.customer.mobile,
    email: p.customer.email,
    idType: p.customer.idType,
    idMasked: p.customer.idMasked,
    idLast4: p.customer.idLast4,
    notify: p.consent.notifications,
    enrolledEventId: event.id,
    closedStore: null,
    closedKiosk: null,
    closedOn: null,
    closedEventId: null,
    closedRef: null,
    reservationId: null,
    reservedBy: null,
    reservedUntil: null,
    updatedAt: state.now,
  }
  state.addPlan(plan)
  state.notifications.push(...planEnrolledMessages(plan, state.now))
  state.changes.push({
    audience: [kiosk.storeCode],
    change: {
      kind: 'plan.status',
      planNumber: plan.planNumber,
      status: 'active',
      storeCode: plan.storeCode,
      closedBy: null,
    },
  })
  return applied
}
