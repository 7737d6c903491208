import { randomUUID } from 'node:crypto'
import type { StaffCurrent, StaffListEntry } from '../../../shared/contract/staff'
import { KioskError } from '../../../shared/errors'
import { appendAudit } from '../audit/audit-log'
import type { SeedStaff } from '../config'
import type { Actor, CoreDeps } from '../context'
import type { Sessions } from '../session'
import { StaffEntity, type StaffRow } from '../storage/entities'
import {
  activeStaffByCode,
  activeStaffTiles,
  pinLockOf,
  staffCount,
  type PinLock,
  staffIdByCode,
  type RawStaff,
} from '../storage/repos/staff'
import { hashPin, verifyPin } from './pin'
import { unlockWithCode } from './unlock-code'

/** Wrong PINs in a row before the account locks. */
export const MAX_PIN_ATTEMPTS = 5

/**
 * How long each lock in a row lasts, in minutes: 5, then 15, then 60 (and 60 for every lock
 * after). docs/security.md#pin-lockout: the lock ends on its own, so even the last manager gets
 * back in; a manager's unlock ends it sooner and puts the ladder back at its first step.
 */
export const LOCK_LADDER_MINUTES = [5, 15, 60] as const

/** A whole day with no lock puts the ladder back at its first step. */
export const LADDER_MEMORY_MS = 24 * 60 * 60_000

/** Whether the account is locked at `now` (ISO instants compare as strings). */
function isLocked(row: PinLock, now: string): boolean {
  return row.locked_until !== null && row.locked_until > now
}

/** The lock that the limit's wrong PIN starts at `at`: its step on the ladder, length and end. */
function nextLock(row: PinLock, at: string): { step: number; minutes: number; until: string } {
  const lastEnd = row.locked_until ?? row.locked_at
  const remembered = lastEnd !== null && Date.parse(at) - Date.parse(lastEnd) < LADDER_MEMORY_MS
  const step = (remembered ? row.lock_count : 0) + 1
  const minutes = LOCK_LADDER_MINUTES[Math.min(step, LOCK_LADDER_MINUTES.length) - 1]!
  return { step, minutes, until: new Date(Date.parse(at) + minutes * 60_000).toISOString() }
}

/** PIN_LOCKED with the lock's end as a value (the UI says it in the clerk's language). */
function lockedError(row: PinLock): KioskError {
  if (!row.locked_until) {
    // Only while the limit's own guess is still being hashed: its answer will carry the end.
    return new KioskError('PIN_LOCKED', 'Too many wrong PINs: this account is locked.')
  }
  return new KioskError(
    'PIN_LOCKED',
    `Too many wrong PINs: locked until ${row.locked_until}; a manager can unlock it sooner.`,
    undefined,
    { lockedUntil: row.locked_until },
  )
}

/** Sign-in, lock and lockout of the kiosk's staff. */
export class StaffService {
  constructor(
    private readonly deps: CoreDeps,
    private readonly sessions: Sessions,
  ) {}

  /** Creates the configured staff when the database has none (first run). */
  async seed(staff: SeedStaff[] | undefined): Promise<number> {
    if (!staff?.length) return 0
    const count = await this.deps.store.read((sql) => staffCount(sql))
    if (count > 0) return 0
    const rows: StaffRow[] = []
    for (const s of staff) {
      const { hash, salt } = await hashPin(s.pin, this.deps.config.pinCostLog2)
      rows.push({
        id: randomUUID(),
        code: s.code.toUpperCase(),
        name: s.name,
        role: s.role,
        pinHash: hash,
        pinSalt: salt,
        failedAttempts: 0,
        lockedAt: null,
        lockedUntil: null,
        lockCount: 0,
        active: true,
        createdAt: this.deps.nowIso(),
      })
    }
    await this.deps.store.write(async (tx) => {
      await tx.insert(StaffEntity, rows)
      await appendAudit(tx, {
        at: this.deps.nowIso(),
        businessDate: this.deps.businessDate(),
        staff: null,
        action: 'staff.seed',
        entity: 'staff',
        entityId: null,
        details: { codes: rows.map((r) => r.code) },
      })
    })
    return rows.length
  }

  /** Active staff for the sign-in tiles. */
  list(): Promise<StaffListEntry[]> {
    return this.deps.store.read((sql) => activeStaffTiles(sql, this.deps.nowIso()))
  }

  /** What the UI shows about a session. */
  current(sessionId: string): StaffCurrent {
    const s = this.sessions.peek(sessionId)
    return {
      staff: s ? { code: s.staff.code, name: s.staff.name, role: s.staff.role } : null,
      locked: s?.locked ?? false,
      idleLockMinutes: this.sessions.idleLockMinutes,
      training: this.deps.training,
    }
  }

  /**
   * Checks a PIN against the lockout. The attempt is counted atomically BEFORE the slow hash (so
   * parallel guesses cannot all pass a check none of them has counted yet: at most
   * MAX_PIN_ATTEMPTS are ever evaluated per lock) and a right PIN is re-checked against the lock
   * after it (a guess that locked the account meanwhile wins). A right PIN clears the count; the
   * lock itself ends on its own at `locked_until` (docs/security.md#pin-lockout).
   */
  private async checkPin(code: string, pin: string): Promise<RawStaff> {
    const staff = await this.deps.store.read((sql) => activeStaffByCode(sql, code))
    // Same message for an unknown code and a wrong PIN would hide nothing here: the code tiles
    // are public. The lockout is what protects the PIN.
    if (!staff) throw new KioskError('STAFF_NOT_FOUND', `No staff member ${code}.`)
    const refused = await this.countAttempt(staff.id)
    if (refused) throw lockedError(refused)
    const ok = await verifyPin(pin, { hash: staff.pin_hash, salt: staff.pin_salt })
    if (ok) {
      const lock = await this.clearAttempts(staff.id)
      if (lock) throw lockedError(lock)
      return staff
    }
    const after = await this.recordWrongPin(staff)
    if (isLocked(after, this.deps.nowIso())) throw lockedError(after)
    const attemptsLeft = Math.max(0, MAX_PIN_ATTEMPTS - after.failed_attempts)
    throw new KioskError(
      'PIN_INVALID',
      `Wrong PIN. ${attemptsLeft} attempt(s) left before the account locks.`,
      undefined,
      { attemptsLeft },
    )
  }

  /**
   * Counts one attempt unless the account is locked, or its attempts are all spent by guesses
   * still being hashed: then the lock (refused). A lock that has ended starts a fresh count.
   */
  private countAttempt(id: string): Promise<PinLock | null> {
    const now = this.deps.nowIso()
    return this.deps.store.write(async (tx) => {
      const row = pinLockOf(tx.sql, id)
      if (isLocked(row, now) || row.failed_attempts >= MAX_PIN_ATTEMPTS) return row
      await tx.update(StaffEntity, { id }, { failedAttempts: row.failed_attempts + 1 })
      return null
    })
  }

  /** After a right PIN: clears the count, unless the account was locked meanwhile (the lock). */
  private clearAttempts(id: string): Promise<PinLock | null> {
    const now = this.deps.nowIso()
    return this.deps.store.write(async (tx) => {
      const row = pinLockOf(tx.sql, id)
      if (isLocked(row, now)) return row
      await tx.update(StaffEntity, { id }, { failedAttempts: 0 })
      return null
    })
  }

  /**
   * After a wrong PIN (already counted): at the limit, locks for the ladder's next step and
   * clears the count (the lock alone refuses until it ends); audits; the state after.
   */
  private recordWrongPin(staff: RawStaff): Promise<PinLock> {
    const at = this.deps.nowIso()
    return this.deps.store.write(async (tx) => {
      const row = pinLockOf(tx.sql, staff.id)
      // A parallel guess locked the account while this one was hashed: that lock stands (this
      // guess is still audited). A right PIN may have cleared the count meanwhile: it counts.
      const already = isLocked(row, at)
      const n = already ? MAX_PIN_ATTEMPTS : Math.max(1, row.failed_attempts)
      const lock = !already && n >= MAX_PIN_ATTEMPTS ? nextLock(row, at) : null
      const next: PinLock = lock
        ? { failed_attempts: 0, locked_at: at, locked_until: lock.until, lock_count: lock.step }
        : already
          ? row
          : { ...row, failed_attempts: n }
      await tx.update(
        StaffEntity,
        { id: staff.id },
        {
          failedAttempts: next.failed_attempts,
          lockedAt: next.locked_at,
          lockedUntil: next.locked_until,
          lockCount: next.lock_count,
        },
      )
      await appendAudit(tx, {
        at,
        businessDate: this.deps.businessDate(),
        staff: { staffId: staff.id, code: staff.code },
        action: lock ? 'staff.pinLocked' : 'staff.pinFailed',
        entity: 'staff',
        entityId: staff.id,
        details: lock
          ? { attempts: n, lockMinutes: lock.minutes, lockedUntil: lock.until }
          : { attempts: n },
      })
      return next
    })
  }

  /** Signs a staff member in on a session with code + PIN. */
  async signIn(sessionId: string, code: string, pin: string): Promise<StaffCurrent> {
    const staff = await this.checkPin(code, pin)
    this.sessions.signIn(sessionId, {
      staffId: staff.id,
      code: staff.code,
      name: staff.name,
      role: staff.role,
    })
    await this.deps.store.write(async (tx) => {
      await appendAudit(tx, {
        at: this.deps.nowIso(),
        businessDate: this.deps.businessDate(),
        staff: { staffId: staff.id, code: staff.code },
        action: 'staff.signIn',
        entity: 'staff',
        entityId: staff.id,
        details: {},
      })
    })
    return this.current(sessionId)
  }

  /** Signs out (also from a locked session: anyone may end it). */
  async signOut(sessionId: string): Promise<StaffCurrent> {
    const s = this.sessions.peek(sessionId)
    this.sessions.signOut(sessionId)
    if (s) {
      await this.deps.store.write(async (tx) => {
        await appendAudit(tx, {
          at: this.deps.nowIso(),
          businessDate: this.deps.businessDate(),
          staff: s.staff,
          action: 'staff.signOut',
          entity: 'staff',
          entityId: s.staff.staffId,
          details: {},
        })
      })
    }
    return this.current(sessionId)
  }

  lock(sessionId: string): StaffCurrent {
    this.sessions.lock(sessionId)
    return this.current(sessionId)
  }

  /** The signed-in staff member re-enters their PIN after the lock. */
  async unlock(sessionId: string, pin: string): Promise<StaffCurrent> {
    const s = this.sessions.peek(sessionId)
    if (!s) throw new KioskError('NOT_SIGNED_IN', 'Sign in first.')
    await this.checkPin(s.staff.code, pin)
    this.sessions.unlock(sessionId)
    return this.current(sessionId)
  }

  /** Head office's unlock code for a locked-out staff member (./unlock-code.ts). */
  unlockWithCode(code: string, typed: string): Promise<{ code: string; failedAttempts: number }> {
    return unlockWithCode(this.deps, code, typed)
  }

  /** A manager clears a lockout and puts the ladder back at its first step. */
  async clearLockout(
    actor: Actor,
    code: string,
  ): Promise<{ code: string; failedAttempts: number }> {
    return this.deps.store.write(async (tx) => {
      const staffId = staffIdByCode(tx.sql, code)
      if (!staffId) throw new KioskError('STAFF_NOT_FOUND', `No staff member ${code}.`)
      await tx.update(
        StaffEntity,
        { id: staffId },
        { failedAttempts: 0, lockedAt: null, lockedUntil: null, lockCount: 0 },
      )
      await appendAudit(tx, {
        at: this.deps.nowIso(),
        businessDate: this.deps.businessDate(),
        staff: actor,
        action: 'staff.clearLockout',
        entity: 'staff',
        entityId: staffId,
        details: { code },
      })
      return { code, failedAttempts: 0 }
    })
  }
}
