import type { StaffRecord } from '../../../shared/sync/protocol'
import { type Db, exec } from '../sql'

/** Writes a staff member of a store: updated when known, inserted otherwise. */
export async function saveStaff(
  db: Db,
  storeCode: string,
  staff: StaffRecord,
  now: number,
): Promise<void> {
  const active = staff.active ? 1 : 0
  const updated = await exec(
    db,
    `UPDATE ho_staff SET name = ?, role = ?, pin_hash = ?, active = ?, updated_at = ?
     WHERE store_code = ? AND staff_code = ?`,
    [staff.name, staff.role, staff.pinHash, active, now, storeCode, staff.staffCode],
  )
  if (updated > 0) return
  await exec(
    db,
    `INSERT INTO ho_staff (store_code, staff_code, name, role, pin_hash, active, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [storeCode, staff.staffCode, staff.name, staff.role, staff.pinHash, active, now],
  )
}
