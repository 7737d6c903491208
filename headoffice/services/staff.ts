import type { DataSource } from 'typeorm'
import type { StaffRecord } from '../../shared/sync/protocol'
import { appendChanges } from '../db/repos/feed'
import { saveStaff } from '../db/repos/staff'
import { storeExists } from '../db/repos/stores'
import { type Db, inTransaction } from '../db/sql'
import { HeadOfficeError } from '../errors'

/** Adds or updates a staff member of a store; the store's kiosks receive it on their next pull. */
export async function upsertStaff(
  ds: DataSource,
  storeCode: string,
  staff: StaffRecord,
  now: number,
): Promise<void> {
  await inTransaction(ds, (db) => upsertStaffIn(db, storeCode, staff, now))
}

/** {@link upsertStaff} in the caller's transaction (the console audits in the same one). */
export async function upsertStaffIn(
  db: Db,
  storeCode: string,
  staff: StaffRecord,
  now: number,
): Promise<void> {
  if (!(await storeExists(db, storeCode)))
    throw new HeadOfficeError('STORE_NOT_FOUND', `No store ${storeCode}.`)
  await saveStaff(db, storeCode, staff, now)
  await appendChanges(
    db,
    [{ audience: [storeCode], change: { kind: 'staff', storeCode, staff } }],
    now,
  )
}
