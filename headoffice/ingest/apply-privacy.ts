import { todayInKolkata } from '../../shared/domain'
import type { OutboxEventOf } from '../../shared/sync/events'
import type { BatchState } from './batch-state'
import { applied, rejected, type KioskRef, type Outcome } from './outcome'

/**
 * privacy.requested (issue 18): a data principal's request a manager took at the kiosk, after
 * checking the customer's ID. Recorded with its due date when the batch is written; a correction
 * or a withdrawal is carried out there and then (services/privacy.ts), an erasure or access waits
 * for the head-office desk. A request about a plan head office does not know is refused.
 */
export function applyPrivacyRequested(
  state: BatchState,
  kiosk: KioskRef,
  event: OutboxEventOf<'privacy.requested'>,
): Outcome {
  const r = event.payload
  const today = todayInKolkata(() => state.now)
  if (!state.plans.get(r.planNumber)) {
    return rejected('PLAN_NOT_FOUND', `Plan ${r.planNumber} is not registered.`)
  }
  state.privacyRequests.push({
    id: r.requestId,
    kind: r.kind,
    planNumber: r.planNumber,
    source: 'kiosk',
    kioskId: kiosk.id,
    storeCode: kiosk.storeCode,
    // The customer asked at the store on the kiosk's date (the clock runs from then); never a
    // date after head office's today, whatever a kiosk's clock says.
    receivedOn: r.raisedOn < today ? r.raisedOn : today,
    ...(r.correction ? { correction: r.correction } : {}),
  })
  return applied
}
