import type { Role } from '../../shared/ipc'

/** The staff member signed in on one UI session (a kiosk window or a bridge token). */
export interface SignedInStaff {
  staffId: string
  code: string
  name: string
  role: Role
}

interface SessionState {
  staff: SignedInStaff
  lastActivity: number
  lockedByHand: boolean
}

/**
 * Who is signed in where, and the inactivity lock
 * (docs/program-rules.md#staff-roles-and-the-idle-lock: the kiosk locks after inactivity). In
 * memory on purpose: a restart signs everybody out.
 */
export class Sessions {
  private readonly sessions = new Map<string, SessionState>()

  constructor(
    private readonly clock: () => number,
    private idleLockMs: number,
  ) {}

  get idleLockMinutes(): number {
    return this.idleLockMs / 60_000
  }

  setIdleLockMs(ms: number): void {
    this.idleLockMs = ms
  }

  signIn(sessionId: string, staff: SignedInStaff): void {
    this.sessions.set(sessionId, { staff, lastActivity: this.clock(), lockedByHand: false })
  }

  signOut(sessionId: string): void {
    this.sessions.delete(sessionId)
  }

  /** The signed-in staff, `locked` when idle too long, or null. Does not extend the session. */
  peek(sessionId: string): { staff: SignedInStaff; locked: boolean } | null {
    const s = this.sessions.get(sessionId)
    if (!s) return null
    return {
      staff: s.staff,
      locked: s.lockedByHand || this.clock() - s.lastActivity > this.idleLockMs,
    }
  }

  /** Records activity on an unlocked session. */
  touch(sessionId: string): void {
    const s = this.sessions.get(sessionId)
    if (s) s.lastActivity = this.clock()
  }

  /** Locks a session now (the staff member steps away). */
  lock(sessionId: string): void {
    const s = this.sessions.get(sessionId)
    if (s) s.lockedByHand = true
  }

  /** Unlocks after the PIN was re-entered. */
  unlock(sessionId: string): void {
    const s = this.sessions.get(sessionId)
    if (s) {
      s.lockedByHand = false
      s.lastActivity = this.clock()
    }
  }

  /**
   * Head office changed a staff member (a pull): a deactivated person's sessions end at once, an
   * open session takes the new role and name. Sign-in checks the account anyway; this stops a
   * session opened before the change from going on with what the person may no longer do.
   */
  follow(account: { code: string; name: string; role: Role; active: boolean }): number {
    let changed = 0
    for (const [id, s] of this.sessions) {
      if (s.staff.code !== account.code) continue
      if (!account.active) this.sessions.delete(id)
      else s.staff = { ...s.staff, name: account.name, role: account.role }
      changed++
    }
    return changed
  }
}
