import type { DataSource } from 'typeorm'
import type { StaffRecord } from '../../shared/sync/protocol'
import { exec, inTransaction, one } from '../db/sql'
import { HeadOfficeError } from '../errors'
import { appendChanges } from './change-feed'

/** Adds or updates a staff member of a store; the store's kiosks receive it on their next pull. */
export async function upsertStaff(
  ds: DataSource,
  storeCode: string,
  staff: StaffRecord,
  now: number,
): Promise<void> {
  await inTransaction(ds, async (db) => {
    const store = await one(db, `SELECT code FROM ho_store WHERE code = ?`, [storeCode])
    if (!store) throw new HeadOfficeError('STORE_NOT_FOUND', `No store ${storeCode}.`)
    const updated = await exec(
      db,
      `UPDATE ho_staff SET name = ?, role = ?, pin_hash = ?, active = ?, updated_at = ?
       WHERE store_code = ? AND staff_code = ?`,
      [
        staff.name,
        staff.role,
        staff.pinHash,
        staff.active ? 1 : 0,
        now,
        storeCode,
        staff.staffCode,
      ],
    )
    if (updated === 0) {
      await exec(
        db,
        `INSERT INTO ho_staff (store_code, staff_code, name, role, pin_hash, active, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [
          storeCode,
          staff.staffCode,
          staff.name,
          staff.role,
          staff.pinHash,
          staff.active ? 1 : 0,
          now,
        ],
      )
    }
    await appendChanges(
      db,
      [{ audience: [storeCode], change: { kind: 'staff', storeCode, staff } }],
      now,
    )
  })
}
