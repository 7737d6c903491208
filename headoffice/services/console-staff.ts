import type { DataSource } from 'typeorm'
import type { StaffRecord } from '../../shared/sync/protocol'
import { kioskId } from '../../shared/sync/signing'
import { HeartbeatSchema } from '../../shared/sync/fleet'
import { lockedStaffOfStore } from '../db/repos/fleet'
import { findStaff, staffOfStore, type StaffRow } from '../db/repos/staff'
import { storeExists } from '../db/repos/stores'
import { type Db, inTransaction, withDb } from '../db/sql'
import { HeadOfficeError } from '../errors'
import { recordAudit } from './console-audit'
import type { SecretBox } from './secret-box'
import { upsertStaffIn } from './staff'
import { generateStaffPin, hashStaffPin } from './staff-pins'
import { issueStaffUnlockCode } from './unlock-codes'

type StaffRole = StaffRecord['role']
const LockedStaffSchema = HeartbeatSchema.shape.lockedStaff.unwrap()

/** What the console shows of a staff member: never the PIN hash. */
function shown(s: StaffRow) {
  return {
    staffCode: s.staffCode,
    name: s.name,
    role: s.role,
    active: s.active,
    updatedAt: new Date(s.updatedAt).toISOString(),
  }
}

/** What the audit keeps of a staff member: who they are and may do, no PIN or hash. */
const audited = (s: Pick<StaffRow, 'name' | 'role' | 'active'>) => ({
  name: s.name,
  role: s.role,
  active: s.active,
})

const record = (s: StaffRow): StaffRecord => ({
  staffCode: s.staffCode,
  name: s.name,
  role: s.role,
  pinHash: s.pinHash,
  active: s.active,
})

async function mustHaveStore(db: Db, storeCode: string): Promise<void> {
  if (!(await storeExists(db, storeCode)))
    throw new HeadOfficeError('STORE_NOT_FOUND', `No store ${storeCode}.`)
}

async function mustFind(db: Db, storeCode: string, staffCode: string): Promise<StaffRow> {
  await mustHaveStore(db, storeCode)
  const found = await findStaff(db, storeCode, staffCode)
  if (!found) {
    throw new HeadOfficeError('STAFF_NOT_FOUND', `No staff member ${staffCode} at ${storeCode}.`)
  }
  return found
}

/** Who is locked out where, by staff code, from the latest heartbeats of the store's kiosks. */
async function lockouts(db: Db, storeCode: string, now: number) {
  const found = new Map<string, Array<{ kioskCode: string; until: string }>>()
  for (const row of await lockedStaffOfStore(db, storeCode)) {
    const parsed = LockedStaffSchema.safeParse(JSON.parse(row.locked_staff ?? '[]'))
    if (!parsed.success) continue
    for (const lock of parsed.data) {
      if (Date.parse(lock.until) <= now) continue
      const code = lock.staffCode.toUpperCase()
      found.set(code, [
        ...(found.get(code) ?? []),
        { kioskCode: row.kiosk_code, until: lock.until },
      ])
    }
  }
  return found
}

/**
 * The staff of a store (docs/console.md#staff), each with the kiosks that said, in their latest
 * heartbeat, that the person is locked out by wrong PINs (and until when).
 */
export async function consoleStaffList(ds: DataSource, storeCode: string, now: number) {
  return withDb(ds, async (db) => {
    await mustHaveStore(db, storeCode)
    const locked = await lockouts(db, storeCode, now)
    return (await staffOfStore(db, storeCode)).map((s) => ({
      ...shown(s),
      // A deactivated person signs in nowhere: a lockout reported before it says nothing more.
      lockedAt: s.active ? (locked.get(s.staffCode) ?? []) : [],
    }))
  })
}

/**
 * Adds a staff member with a generated PIN, returned once (the operator reads it out); the
 * store's kiosks receive the account on their next pull. Audited without the PIN.
 */
export async function addConsoleStaff(
  ds: DataSource,
  input: { storeCode: string; staffCode: string; name: string; role: StaffRole; actor: string },
  now: number,
): Promise<{ staff: ReturnType<typeof shown>; pin: string }> {
  const pin = generateStaffPin()
  const pinHash = await hashStaffPin(pin)
  const row: StaffRow = {
    staffCode: input.staffCode,
    name: input.name,
    role: input.role,
    pinHash,
    active: true,
    updatedAt: now,
  }
  await inTransaction(ds, async (db) => {
    await mustHaveStore(db, input.storeCode)
    if (await findStaff(db, input.storeCode, input.staffCode)) {
      throw new HeadOfficeError(
        'VALIDATION_FAILED',
        `Staff code ${input.staffCode} is already used at ${input.storeCode}: choose another.`,
      )
    }
    await upsertStaffIn(db, input.storeCode, record(row), now)
    await recordAudit(
      db,
      {
        actor: input.actor,
        action: 'staff.add',
        subject: `${input.storeCode}/${input.staffCode}`,
        after: audited(row),
      },
      now,
    )
  })
  return { staff: shown(row), pin }
}

/**
 * Changes a staff member's role or deactivates (reactivates) them. A deactivated person's kiosks
 * refuse their sign-in from their next pull (electron/core/storage/repos/staff.ts signs in only
 * active accounts).
 */
export async function updateConsoleStaff(
  ds: DataSource,
  input: {
    storeCode: string
    staffCode: string
    role?: StaffRole
    active?: boolean
    actor: string
  },
  now: number,
) {
  return inTransaction(ds, async (db) => {
    const before = await mustFind(db, input.storeCode, input.staffCode)
    const after: StaffRow = {
      ...before,
      role: input.role ?? before.role,
      active: input.active ?? before.active,
      updatedAt: now,
    }
    if (after.role === before.role && after.active === before.active) return shown(before)
    await upsertStaffIn(db, input.storeCode, record(after), now)
    await recordAudit(
      db,
      {
        actor: input.actor,
        action: 'staff.update',
        subject: `${input.storeCode}/${input.staffCode}`,
        before: audited(before),
        after: audited(after),
      },
      now,
    )
    return shown(after)
  })
}

/**
 * Gives a staff member a new generated PIN, returned once: the store's kiosks receive its hash
 * on their next pull, after which the new PIN signs in and the old one fails. The audit says that
 * the PIN was reset, never what to.
 */
export async function resetConsoleStaffPin(
  ds: DataSource,
  input: { storeCode: string; staffCode: string; actor: string },
  now: number,
): Promise<{ pin: string }> {
  const pin = generateStaffPin()
  const pinHash = await hashStaffPin(pin)
  await inTransaction(ds, async (db) => {
    const before = await mustFind(db, input.storeCode, input.staffCode)
    if (!before.active) {
      throw new HeadOfficeError(
        'VALIDATION_FAILED',
        `${input.staffCode} is deactivated: reactivate them before giving them a PIN.`,
      )
    }
    await upsertStaffIn(db, input.storeCode, { ...record(before), pinHash }, now)
    await recordAudit(
      db,
      {
        actor: input.actor,
        action: 'staff.pin-reset',
        subject: `${input.storeCode}/${input.staffCode}`,
        before: audited(before),
        after: { ...audited(before), pin: 'reset' },
      },
      now,
    )
  })
  return { pin }
}

/**
 * Today's unlock code for a staff member locked out at one kiosk of their store (the way the
 * store-day issue chose: docs/security.md#pin-lockout), returned once; audited without the code.
 */
export async function issueConsoleUnlockCode(
  ds: DataSource,
  box: SecretBox,
  input: { storeCode: string; staffCode: string; kioskCode: string; actor: string },
  now: number,
): Promise<{ code: string; day: string; kioskId: string }> {
  const staff = await withDb(ds, (db) => mustFind(db, input.storeCode, input.staffCode))
  if (!staff.active) {
    throw new HeadOfficeError('VALIDATION_FAILED', `${input.staffCode} is deactivated.`)
  }
  const issued = await issueStaffUnlockCode(ds, box, input, now)
  const id = kioskId(input.storeCode, input.kioskCode)
  await inTransaction(ds, (db) =>
    recordAudit(
      db,
      {
        actor: input.actor,
        action: 'staff.unlock-code',
        subject: `${input.storeCode}/${input.staffCode}`,
        after: { kioskId: id, day: issued.day },
      },
      now,
    ),
  )
  return { ...issued, kioskId: id }
}
