import type { StaffRecord } from '../../../shared/sync/protocol'
import { type Db, exec, one, rows } from '../sql'

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

/** A staff member as head office keeps them (the PIN hash included: only services read it). */
export interface StaffRow {
  staffCode: string
  name: string
  role: StaffRecord['role']
  pinHash: string
  active: boolean
  updatedAt: number
}

const toStaff = (r: Record<string, unknown>): StaffRow => ({
  staffCode: String(r.staff_code),
  name: String(r.name),
  role: r.role as StaffRow['role'],
  pinHash: String(r.pin_hash),
  active: Number(r.active) === 1,
  updatedAt: Number(r.updated_at),
})

/** The staff of one store, by code. */
export async function staffOfStore(db: Db, storeCode: string): Promise<StaffRow[]> {
  const found = await rows(
    db,
    `SELECT staff_code, name, role, pin_hash, active, updated_at FROM ho_staff
     WHERE store_code = ? ORDER BY staff_code`,
    [storeCode],
  )
  return found.map(toStaff)
}

/** One staff member of a store, or null. */
export async function findStaff(
  db: Db,
  storeCode: string,
  staffCode: string,
): Promise<StaffRow | null> {
  const row = await one(
    db,
    `SELECT staff_code, name, role, pin_hash, active, updated_at FROM ho_staff
     WHERE store_code = ? AND staff_code = ?`,
    [storeCode, staffCode],
  )
  return row ? toStaff(row) : null
}
