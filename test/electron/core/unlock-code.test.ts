import { createHmac } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { MAX_PIN_ATTEMPTS } from '../../../electron/core/staff/staff-service'
import { MAX_UNLOCK_CODE_TRIES } from '../../../electron/core/staff/unlock-code'
import { unlockCode } from '../../../shared/sync/unlock-code'
import { DAY, makeCore, type TestCore } from './helpers'

/**
 * Issue 14 item 2, the last manager's way back: head office's unlock code, checked offline with
 * the kiosk secret — for this store, kiosk, staff member and day (Kolkata), good once, five wrong
 * codes a day at most. The clock is the test's (2020-11-10 11:30 in Kolkata).
 */
const SECRET = 'kiosk-secret-for-tests-0123456789'
const hmac = (key: string, message: string) =>
  createHmac('sha256', key).update(message, 'utf8').digest('hex')
const codeFor = (staffCode: string, day = '2020-11-10', kioskCode = 'K1') =>
  unlockCode(hmac, SECRET, { storeCode: 'MH01', kioskCode, staffCode, day })

let t: TestCore | undefined
afterEach(async () => {
  await t?.cleanup()
  t = undefined
})

function memorySecret(secret: string | null) {
  let value = secret
  return { get: async () => value, set: async (s: string) => void (value = s) }
}

async function lockedManager(secret: string | null = SECRET) {
  const tc = await makeCore({ sync: { secretStore: memorySecret(secret) } })
  t = tc
  for (let i = 0; i < MAX_PIN_ATTEMPTS; i++) {
    await tc.call('staff.signIn', { staffCode: 'M1', pin: '9999' })
  }
  const locked = await tc.call('staff.signIn', { staffCode: 'M1', pin: '3333' })
  expect(locked).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED' } })
  return tc
}

const withCode = (tc: TestCore, code: string, staffCode = 'M1') =>
  tc.call('staff.unlockWithCode', { staffCode, code })

describe('staff.unlockWithCode', () => {
  it('lifts the lock with today’s code for this kiosk and person, once', async () => {
    const tc = await lockedManager()
    expect(await withCode(tc, await codeFor('M1'))).toMatchObject({ ok: true })
    await tc.signIn('M1')
    // Used: the same code again is refused.
    expect(await withCode(tc, await codeFor('M1'))).toMatchObject({
      ok: false,
      error: { code: 'UNLOCK_CODE_INVALID' },
    })
    const audit = await tc.ok('audit.list', {})
    const actions = audit.entries.map((e: { action: string }) => e.action)
    expect(actions).toContain('staff.unlockWithCode')
    expect(actions).toContain('staff.unlockCodeRefused')
  })

  it('refuses another day’s, another kiosk’s or another person’s code, and a kiosk without a key', async () => {
    const tc = await lockedManager()
    for (const code of [
      await codeFor('M1', '2020-11-09'),
      await codeFor('M1', '2020-11-10', 'K2'),
      await codeFor('C1'),
    ]) {
      expect(await withCode(tc, code)).toMatchObject({
        ok: false,
        error: { code: 'UNLOCK_CODE_INVALID' },
      })
    }
    expect(await tc.call('staff.signIn', { staffCode: 'M1', pin: '3333' })).toMatchObject({
      ok: false,
      error: { code: 'PIN_LOCKED' },
    })
    await tc.cleanup()
    const keyless = await lockedManager(null)
    expect(await withCode(keyless, await codeFor('M1'))).toMatchObject({
      ok: false,
      error: { code: 'UNLOCK_CODE_INVALID' },
    })
  })

  it('after five wrong codes refuses even the right one until the next day', async () => {
    const tc = await lockedManager()
    for (let i = 0; i < MAX_UNLOCK_CODE_TRIES; i++) await withCode(tc, '00000000')
    expect(await withCode(tc, await codeFor('M1'))).toMatchObject({
      ok: false,
      error: { code: 'UNLOCK_CODE_INVALID' },
    })
    tc.clock.set(tc.clock() + DAY)
    expect(await withCode(tc, await codeFor('M1', '2020-11-11'))).toMatchObject({ ok: true })
  })
})
