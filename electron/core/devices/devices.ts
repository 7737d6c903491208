import type { DeviceIntake } from '../../../shared/contract/devices'
import { KioskError } from '../../../shared/errors'
import { appendAudit } from '../audit/audit-log'
import type { Actor, CoreDeps } from '../context'
import { appendEvent, eventOrigin } from '../outbox/outbox'
import { DeviceIntakeEntity } from '../storage/entities'
import type { Sql } from '../storage/store'

const SELECT = `SELECT d.*, p.plan_number, r.assured_value_paise FROM device_intakes d
  JOIN plans p ON p.id = d.plan_id JOIN redemptions r ON r.id = d.redemption_id`

interface RawDevice {
  id: string
  plan_number: string
  imei: string
  model_name: string
  assured_value_paise: number
  status: 'received' | 'collected'
  received_on: string
  collected_on: string | null
  reference: string | null
}

function toDevice(r: RawDevice): DeviceIntake {
  return {
    id: r.id,
    planNumber: r.plan_number,
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
  const rows =
    status === 'collected'
      ? sql.all<RawDevice>(
          `${SELECT} WHERE d.status = ? ORDER BY d.collected_on DESC, d.id LIMIT ?`,
          status,
          limit,
        )
      : status
        ? sql.all<RawDevice>(
            `${SELECT} WHERE d.status = ? ORDER BY d.received_on, d.id LIMIT ?`,
            status,
            limit,
          )
        : sql.all<RawDevice>(`${SELECT} ORDER BY d.received_on, d.id LIMIT ?`, limit)
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
      const d = tx.sql.get<RawDevice>(`${SELECT} WHERE d.id = ?`, id)
      if (!d) throw new KioskError('DEVICE_NOT_FOUND', `No device intake ${id}.`)
      if (d.status === 'collected') {
        throw new KioskError('DEVICE_ALREADY_COLLECTED', `${d.imei} was already collected.`)
      }
      await tx.update(
        DeviceIntakeEntity,
        { id },
        { status: 'collected', collectedOn: today, reference, collectedBy: actor.staffId },
      )
      await appendAudit(tx, {
        at,
        businessDate: today,
        staff: actor,
        action: 'devices.collect',
        entity: 'device',
        entityId: id,
        details: { planNumber: d.plan_number, reference },
      })
      await appendEvent(tx, eventOrigin(deps, at, today), 'device.collected', {
        deviceIntakeId: id,
        planNumber: d.plan_number,
        imei: d.imei,
        collectedOn: today,
        reference,
        staffCode: actor.code,
      })
      out.push(toDevice(tx.sql.get<RawDevice>(`${SELECT} WHERE d.id = ?`, id)!))
    }
    return out
  })
}
