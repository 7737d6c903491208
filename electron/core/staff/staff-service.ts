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
  staffIdByCode,
  type RawStaff,
} from '../storage/repos/staff'
import { hashPin, verifyPin } from './pin'

/** Wrong PINs in a row before the account locks (a manager clears it). */
export const MAX_PIN_ATTEMPTS = 5

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
    return this.deps.store.read((sql) => activeStaffTiles(sql))
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
   * MAX_PIN_ATTEMPTS are ever evaluated) and a right PIN is re-checked against the lock after it
   * (a guess that locked the account meanwhile wins). A right PIN clears the count.
   */
  private async checkPin(code: string, pin: string): Promise<RawStaff> {
    const staff = await this.deps.store.read((sql) => activeStaffByCode(sql, code))
    // Same message for an unknown code and a wrong PIN would hide nothing here: the code tiles
    // are public. The lockout is what protects the PIN.
    if (!staff) throw new KioskError('STAFF_NOT_FOUND', `No staff member ${code}.`)
    const locked = () =>
      new KioskError('PIN_LOCKED', 'Too many wrong PINs: a manager must unlock this account.')
    if (!(await this.countAttempt(staff.id))) throw locked()
    const ok = await verifyPin(pin, { hash: staff.pin_hash, salt: staff.pin_salt })
    if (ok) {
      if (!(await this.clearAttempts(staff.id))) throw locked()
      return staff
    }
    const attempts = await this.recordWrongPin(staff)
    if (attempts >= MAX_PIN_ATTEMPTS) throw locked()
    throw new KioskError(
      'PIN_INVALID',
      `Wrong PIN. ${MAX_PIN_ATTEMPTS - attempts} attempt(s) left before the account locks.`,
    )
  }

  /** Counts one attempt unless the account is locked or its attempts are all spent (false). */
  private countAttempt(id: string): Promise<boolean> {
    return this.deps.store.write(async (tx) => {
      const row = pinLockOf(tx.sql, id)
      if (row.locked_at || row.failed_attempts >= MAX_PIN_ATTEMPTS) return false
      await tx.update(StaffEntity, { id }, { failedAttempts: row.failed_attempts + 1 })
      return true
    })
  }

  /** After a right PIN: clears the count, unless the account was locked meanwhile (false). */
  private clearAttempts(id: string): Promise<boolean> {
    return this.deps.store.write(async (tx) => {
      if (pinLockOf(tx.sql, id).locked_at) return false
      await tx.update(StaffEntity, { id }, { failedAttempts: 0 })
      return true
    })
  }

  /** After a wrong PIN (already counted): locks at the limit and audits; the attempts so far. */
  private recordWrongPin(staff: RawStaff): Promise<number> {
    const at = this.deps.nowIso()
    return this.deps.store.write(async (tx) => {
      // A right PIN may have cleared the count while this one was hashed: it still counts.
      const n = Math.max(1, pinLockOf(tx.sql, staff.id).failed_attempts)
      const locked = n >= MAX_PIN_ATTEMPTS
      await tx.update(
        StaffEntity,
        { id: staff.id },
        { failedAttempts: n, lockedAt: locked ? at : null },
      )
      await appendAudit(tx, {
        at,
        businessDate: this.deps.businessDate(),
        staff: { staffId: staff.id, code: staff.code },
        action: locked ? 'staff.pinLocked' : 'staff.pinFailed',
        entity: 'staff',
        entityId: staff.id,
        details: { attempts: n },
      })
      return n
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

  /** A manager clears a lockout. */
  async clearLockout(
    actor: Actor,
    code: string,
  ): Promise<{ code: string; failedAttempts: number }> {
    return this.deps.store.write(async (tx) => {
      const staffId = staffIdByCode(tx.sql, code)
      if (!staffId) throw new KioskError('STAFF_NOT_FOUND', `No staff member ${code}.`)
      await tx.update(StaffEntity, { id: staffId }, { failedAttempts: 0, lockedAt: null })
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
