import { createHmac, timingSafeEqual } from 'node:crypto'
import { todayInKolkata } from '../../../shared/domain/calendar'
import { KioskError } from '../../../shared/errors'
import { unlockCode } from '../../../shared/sync/unlock-code'
import { appendAudit } from '../audit/audit-log'
import type { CoreDeps } from '../context'
import { StaffEntity } from '../storage/entities'
import { getSetting, putSetting } from '../storage/repos/settings'
import { staffIdByCode } from '../storage/repos/staff'

/** Wrong unlock codes tried for one staff member in a day before codes are refused that day. */
export const MAX_UNLOCK_CODE_TRIES = 5

const hmac = (key: string, message: string) =>
  createHmac('sha256', key).update(message, 'utf8').digest('hex')

type Outcome = { ok: true } | { ok: false; message: string }

/**
 * `staff.unlockWithCode`: the way back when no manager can sign in (docs/security.md#pin-lockout).
 * Head office issues the code for this store, this kiosk, the staff member and today in Kolkata
 * (headoffice/admin.ts issue-unlock-code); the kiosk checks it offline with its own secret. Good
 * once; five wrong codes a day and codes are refused until tomorrow. A right code ends the lock
 * and resets the ladder, like a manager's unlock. Every try is audited.
 */
export async function unlockWithCode(
  deps: CoreDeps,
  staffCode: string,
  typed: string,
): Promise<{ code: string; failedAttempts: number }> {
  const secret = (await deps.config.sync?.secretStore.get()) ?? null
  if (!secret) {
    throw new KioskError(
      'UNLOCK_CODE_INVALID',
      'This kiosk has no head-office key yet, so it cannot check an unlock code.',
    )
  }
  const day = todayInKolkata(deps.config.clock)
  const { storeCode, kioskCode } = deps.config
  const expected = await unlockCode(hmac, secret, { storeCode, kioskCode, staffCode, day })
  const outcome = await deps.store.write(async (tx): Promise<Outcome> => {
    const staffId = staffIdByCode(tx.sql, staffCode)
    if (!staffId) throw new KioskError('STAFF_NOT_FOUND', `No staff member ${staffCode}.`)
    const at = deps.nowIso()
    const triesKey = `unlock-code-tries:${staffCode}:${day}`
    const usedKey = `unlock-code-used:${staffCode}:${day}`
    const tries = Number(getSetting(tx.sql, triesKey) ?? '0')
    const audit = (action: string) =>
      appendAudit(tx, {
        at,
        businessDate: deps.businessDate(),
        staff: null,
        action,
        entity: 'staff',
        entityId: staffId,
        details: { code: staffCode, day },
      })
    if (tries >= MAX_UNLOCK_CODE_TRIES) {
      await audit('staff.unlockCodeRefused')
      return { ok: false, message: 'Too many wrong unlock codes today; try again tomorrow.' }
    }
    const right = timingSafeEqual(Buffer.from(typed), Buffer.from(expected))
    if (!right || getSetting(tx.sql, usedKey) !== null) {
      putSetting(tx.sql, triesKey, String(tries + 1), at)
      await audit('staff.unlockCodeRefused')
      return { ok: false, message: 'This unlock code is not valid here, for this person, today.' }
    }
    putSetting(tx.sql, usedKey, at, at)
    await tx.update(
      StaffEntity,
      { id: staffId },
      { failedAttempts: 0, lockedAt: null, lockedUntil: null, lockCount: 0 },
    )
    await audit('staff.unlockWithCode')
    return { ok: true }
  })
  // Thrown after the transaction: the count of wrong codes and their audit entries are kept.
  if (!outcome.ok) throw new KioskError('UNLOCK_CODE_INVALID', outcome.message)
  return { code: staffCode, failedAttempts: 0 }
}
