import type { Migration } from './migration'

/**
 * The PIN lockout expires on its own with growing delays (issue 14; docs/security.md#pin-lockout):
 * `locked_until` is when the current lock ends, `lock_count` how many locks in a row the account
 * has had (its step on the ladder; a manager's unlock puts it back to 0). An account locked before
 * this migration had no end: it gets the first step, counted from when it locked.
 */
export const m0009PinLockLadder: Migration = {
  id: 9,
  name: 'pin-lock-ladder',
  up: [
    `ALTER TABLE staff ADD COLUMN locked_until TEXT`,
    `ALTER TABLE staff ADD COLUMN lock_count INTEGER NOT NULL DEFAULT 0`,
    `UPDATE staff SET lock_count = 1,
       locked_until = strftime('%Y-%m-%dT%H:%M:%fZ', locked_at, '+5 minutes')
     WHERE locked_at IS NOT NULL`,
  ],
  down: [`ALTER TABLE staff DROP COLUMN lock_count`, `ALTER TABLE staff DROP COLUMN locked_until`],
}
