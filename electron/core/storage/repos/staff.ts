import { randomUUID } from 'node:crypto'
import type { StaffRow } from '../entities'
import type { Sql } from '../store'

/** A staff row as raw SQL returns it. */
export interface RawStaff {
  id: string
  code: string
  name: string
  role: StaffRow['role']
  pin_hash: string
  pin_salt: string
  failed_attempts: number
  locked_at: string | null
  locked_until: string | null
  lock_count: number
}

/** How many staff accounts exist. */
export function staffCount(sql: Sql): number {
  return sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM staff')!.n
}

/** Active staff for the sign-in tiles, by role and name; locked out = a lock not yet over at `now`. */
export function activeStaffTiles(
  sql: Sql,
  now: string,
): Array<{
  code: string
  name: string
  role: StaffRow['role']
  lockedOut: boolean
  lockedUntil: string | null
}> {
  return sql
    .all<{ code: string; name: string; role: StaffRow['role']; until: string | null }>(
      `SELECT code, name, role, CASE WHEN locked_until > ? THEN locked_until END AS until
       FROM staff WHERE active = 1 ORDER BY role, name`,
      now,
    )
    .map(({ until, ...tile }) => ({ ...tile, lockedOut: until !== null, lockedUntil: until }))
}

/** Active staff locked out by wrong PINs at `now`, and until when (the heartbeat's list). */
export function lockedStaffNow(sql: Sql, now: string): Array<{ staffCode: string; until: string }> {
  return sql.all<{ staffCode: string; until: string }>(
    `SELECT code AS staffCode, locked_until AS until FROM staff
     WHERE active = 1 AND locked_until > ? ORDER BY code LIMIT 100`,
    now,
  )
}

/** An active staff member by code. */
export function activeStaffByCode(sql: Sql, code: string): RawStaff | undefined {
  return sql.get<RawStaff>('SELECT * FROM staff WHERE code = ? AND active = 1', code)
}

/** The lockout state of an account. */
export type PinLock = Pick<
  RawStaff,
  'failed_attempts' | 'locked_at' | 'locked_until' | 'lock_count'
>

/** The lockout state of an account: wrong PINs counted so far, the current lock, the ladder. */
export function pinLockOf(sql: Sql, id: string): PinLock {
  return sql.get<PinLock>(
    'SELECT failed_attempts, locked_at, locked_until, lock_count FROM staff WHERE id = ?',
    id,
  )!
}

/** A staff member's id by code (active or not). */
export function staffIdByCode(sql: Sql, code: string): string | null {
  return sql.get<{ id: string }>('SELECT id FROM staff WHERE code = ?', code)?.id ?? null
}

/** A staff member's code and name, for documents. */
export function staffNameById(sql: Sql, id: string): { code: string; name: string } | null {
  return (
    sql.get<{ code: string; name: string }>('SELECT code, name FROM staff WHERE id = ?', id) ?? null
  )
}

/** A staff account as head office sends it (its PIN hash already converted for this kiosk). */
export interface StaffFromHeadOffice {
  code: string
  name: string
  role: string
  active: boolean
  pin: { hash: string; salt: string } | null
}

/** Updates an account from head office; keeps the PIN when head office's is not usable. */
export function updateStaffFromHeadOffice(sql: Sql, id: string, s: StaffFromHeadOffice): void {
  sql.run(
    `UPDATE staff SET name = ?, role = ?, active = ?${s.pin ? ', pin_hash = ?, pin_salt = ?' : ''}
     WHERE id = ?`,
    s.name,
    s.role,
    s.active ? 1 : 0,
    ...(s.pin ? [s.pin.hash, s.pin.salt] : []),
    id,
  )
}

/** Creates an account from head office (only with a usable PIN). */
export function insertStaffFromHeadOffice(
  sql: Sql,
  s: StaffFromHeadOffice & { pin: { hash: string; salt: string } },
  at: string,
): void {
  sql.run(
    `INSERT INTO staff (id, code, name, role, pin_hash, pin_salt, failed_attempts, locked_at,
       locked_until, lock_count, active, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, NULL, NULL, 0, ?, ?)`,
    randomUUID(),
    s.code,
    s.name,
    s.role,
    s.pin.hash,
    s.pin.salt,
    s.active ? 1 : 0,
    at,
  )
}
