import type { DeviceIntake } from '../../../shared/contract/devices'
import { KioskError } from '../../../shared/errors'
import type { Actor, CoreDeps } from '../context'
import { recordFact } from '../record-fact'
import { DeviceIntakeEntity } from '../storage/entities'
import { deviceById, listDeviceRows, type RawDevice } from '../storage/repos/devices'
import type { Sql } from '../storage/store'

function toDevice(r: RawDevice): DeviceIntake {
  return {
    id: r.id,
    planNumber: r.plan_number,
    source: r.trade_in_id ? 'trade-in' : 'redemption',
    // The partner's reference goes with a traded-in phone; `pending` until the partner confirms.
    partnerReference: r.trade_in_id ? (r.partner_reference ?? 'pending') : null,
    imei: r.imei,
    modelName: r.model_name,
    assuredValuePaise: r.assured_value_paise,
    status: r.status,
    receivedOn: r.received_on,
    collectedOn: r.collected_on,
    reference: r.reference,
  }
}

/** Phones taken in, oldest first. */
export function listDevices(
  sql: Sql,
  status?: 'received' | 'collected',
  limit = -1, // SQLite: no limit
): DeviceIntake[] {
  // Phones waiting go oldest first (the longest in the store on top); collected ones newest first.
  const rows = listDeviceRows(sql, status, limit)
  return rows.map(toDevice)
}

/** Hands phones to logistics (received → collected), one transaction for the whole batch. */
export async function collectDevices(
  deps: CoreDeps,
  actor: Actor,
  ids: string[],
  reference: string | null,
): Promise<DeviceIntake[]> {
  return deps.store.write(async (tx) => {
    const today = deps.businessDate()
    const at = deps.nowIso()
    const out: DeviceIntake[] = []
    for (const id of ids) {
      const d = deviceById(tx.sql, id)
      if (!d) throw new KioskError('DEVICE_NOT_FOUND', `No device intake ${id}.`)
      if (d.status === 'collected') {
        throw new KioskError('DEVICE_ALREADY_COLLECTED', `${d.imei} was already collected.`)
      }
      await tx.update(
        DeviceIntakeEntity,
        { id },
        { status: 'collected', collectedOn: today, reference, collectedBy: actor.staffId },
      )
      await recordFact(tx, deps, {
        actor,
        at,
        businessDate: today,
        audit: {
          action: 'devices.collect',
          entity: 'device',
          entityId: id,
          details: { planNumber: d.plan_number, reference },
        },
        // A traded-in phone (issue 22) has no plan: its own event names the trade-in.
        event:
          d.trade_in_id && d.voucher_number
            ? {
                type: 'tradein.collected',
                payload: {
                  tradeInId: d.trade_in_id,
                  voucherNumber: d.voucher_number,
                  deviceIntakeId: id,
                  imei: d.imei,
                  collectedOn: today,
                  reference,
                  staffCode: actor.code,
                },
              }
            : {
                type: 'device.collected',
                payload: {
                  deviceIntakeId: id,
                  planNumber: d.plan_number ?? '',
                  imei: d.imei,
                  collectedOn: today,
                  reference,
                  staffCode: actor.code,
                },
              },
      })
      out.push(toDevice(deviceById(tx.sql, id)!))
    }
    return out
  })
}
