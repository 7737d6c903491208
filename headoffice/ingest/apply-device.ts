import type { OutboxEventOf } from '../../shared/sync/events'
import type { BatchState } from './batch-state'
import { applied, rejected, type KioskRef, type Outcome } from './outcome'

/** inspection.submitted: kept so a later redemption can be checked against its verdict. */
export function applyInspection(
  state: BatchState,
  kiosk: KioskRef,
  event: OutboxEventOf<'inspection.submitted'>,
): Outcome {
  const i = event.payload
  if (state.inspections.has(i.inspectionId)) {
    return rejected('IDEMPOTENCY_CONFLICT', `Inspection ${i.inspectionId} was already recorded.`)
  }
  state.inspections.set(i.inspectionId, {
    verdict: i.verdict,
    imei: i.imei,
    planNumber: i.planNumber,
    submittedAt: i.submittedAt,
  })
  state.inspectionRows.push([
    i.inspectionId,
    i.planNumber,
    event.id,
    kiosk.storeCode,
    kiosk.kioskCode,
    i.imei,
    i.verdict,
    i.submittedAt,
  ])
  return applied
}

/** device.collected: the traded-in phone left the store with logistics. */
export function applyDeviceCollected(
  state: BatchState,
  _kiosk: KioskRef,
  event: OutboxEventOf<'device.collected'>,
): Outcome {
  const d = event.payload
  const redemptionId = state.devices.get(d.deviceIntakeId)
  if (!redemptionId) {
    return rejected('NOT_FOUND', `No credited redemption took in device ${d.deviceIntakeId}.`)
  }
  state.collected.push({ redemptionId, on: d.collectedOn })
  return applied
}
