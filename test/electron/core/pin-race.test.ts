import { afterEach, describe, expect, it, vi } from 'vitest'
import type * as PinModule from '../../../electron/core/staff/pin'
import { MAX_PIN_ATTEMPTS } from '../../../electron/core/staff/staff-service'
import { makeCore, type TestCore } from './helpers'

/**
 * Issue 19 item 1: the PIN lockout cannot be raced. Every guess is counted, atomically, before
 * its slow hash, and a right PIN is re-checked against the lock after it: 201 parallel
 * `staff.signIn` guesses, 64 at a time, evaluate at most MAX_PIN_ATTEMPTS PINs and none signs in
 * once the account is locked (before the fix: 67 PINs evaluated and a sign-in).
 */

const evaluated = vi.hoisted(() => ({ pins: [] as string[] }))
vi.mock('../../../electron/core/staff/pin', async (importOriginal) => {
  const pin = await importOriginal<typeof PinModule>()
  return {
    ...pin,
    verifyPin: async (value: string, stored: { hash: string; salt: string }) => {
      evaluated.pins.push(value)
      return pin.verifyPin(value, stored)
    },
  }
})

describe('PIN lockout under parallel guesses', () => {
  let tc: TestCore | undefined
  afterEach(async () => {
    await tc?.cleanup()
    evaluated.pins.length = 0
  })

  it('evaluates at most the allowed guesses, 64 at a time, and signs nobody in after the lockout', async () => {
    // The production cost (scrypt N = 2^14): the hash is the slow step the guesses race past.
    tc = await makeCore({ pinCostLog2: 14 })
    const core = tc
    // C1's PIN (1111) is the 101st guess: the account is locked long before.
    const guesses = Array.from({ length: 201 }, (_, i) =>
      i === 100 ? '1111' : String(5000 + i).padStart(4, '0'),
    )
    const answers: Array<{ pin: string; ok: boolean; code?: string }> = []
    for (let start = 0; start < guesses.length; start += 64) {
      const batch = guesses.slice(start, start + 64)
      const results = await Promise.all(
        batch.map((pin, i) =>
          core.call('staff.signIn', { staffCode: 'C1', pin }, `race-${start + i}`),
        ),
      )
      results.forEach((r, i) =>
        answers.push({ pin: batch[i] as string, ok: r.ok, code: r.ok ? undefined : r.error.code }),
      )
    }
    expect(evaluated.pins.length).toBeLessThanOrEqual(MAX_PIN_ATTEMPTS)
    expect(answers.filter((a) => a.ok)).toEqual([])
    for (const a of answers) expect(['PIN_INVALID', 'PIN_LOCKED']).toContain(a.code)
    expect(answers.find((a) => a.pin === '1111')?.code).toBe('PIN_LOCKED')
    // Locked for good: the right PIN, alone, is refused until a manager clears the lockout.
    expect(
      await core.call('staff.signIn', { staffCode: 'C1', pin: '1111' }, 'after'),
    ).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED' } })
    const audit = await core.ok('audit.list', {}, await signedInManager(core))
    const failures = (audit.entries as Array<{ action: string }>).filter((e) =>
      ['staff.pinFailed', 'staff.pinLocked'].includes(e.action),
    )
    expect(failures).toHaveLength(MAX_PIN_ATTEMPTS)
  })

  it('still signs in a right PIN after fewer than the allowed wrong ones, and resets the count', async () => {
    tc = await makeCore()
    for (let i = 0; i < MAX_PIN_ATTEMPTS - 1; i++) {
      expect(await tc.call('staff.signIn', { staffCode: 'C1', pin: '9999' })).toMatchObject({
        ok: false,
        error: { code: 'PIN_INVALID' },
      })
    }
    await tc.signIn('C1')
    for (let i = 0; i < MAX_PIN_ATTEMPTS - 1; i++) {
      await tc.call('staff.signIn', { staffCode: 'C1', pin: '9999' }, 'other')
    }
    await tc.signIn('C1', 'third')
  })
})

async function signedInManager(tc: TestCore): Promise<string> {
  await tc.signIn('M1', 'manager')
  return 'manager'
}
