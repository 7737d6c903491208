import { afterEach, describe, expect, it } from 'vitest'
import { MAX_PIN_ATTEMPTS } from '../../../electron/core/staff/staff-service'
import { makeCore, type TestCore } from './helpers'

/**
 * Issue 14 item 2: the PIN lockout ends on its own, with growing delays (5 wrong PINs → 5 min,
 * the next lock 15 min, then 60 min); a right PIN after the end signs in; a manager's unlock
 * ends it sooner and puts the ladder back at 5 min. Attempts left and the lock's end travel as
 * values of the error (`params`), not only inside the English message. The clock is the test's.
 */

const MIN = 60_000

let tc: TestCore | undefined
afterEach(async () => {
  await tc?.cleanup()
  tc = undefined
})

async function wrongPins(t: TestCore, n: number, session = 'S1') {
  const answers = []
  for (let i = 0; i < n; i++) {
    const r = await t.call('staff.signIn', { staffCode: 'C1', pin: '9999' }, session)
    if (r.ok) throw new Error('a wrong PIN signed in')
    answers.push(r.error)
  }
  return answers
}

function signInC1(t: TestCore, session = 'S1') {
  return t.call('staff.signIn', { staffCode: 'C1', pin: '1111' }, session)
}

/** Locks C1 with MAX_PIN_ATTEMPTS wrong PINs; the lock's end as the error says it. */
async function lockC1(t: TestCore): Promise<number> {
  const answers = await wrongPins(t, MAX_PIN_ATTEMPTS)
  const last = answers.at(-1)!
  expect(last.code).toBe('PIN_LOCKED')
  return Date.parse(String(last.params?.lockedUntil))
}

describe('PIN lockout ladder', () => {
  it('counts the attempts left as a value of the error', async () => {
    tc = await makeCore()
    const answers = await wrongPins(tc, MAX_PIN_ATTEMPTS - 1)
    expect(answers.map((e) => [e.code, e.params?.attemptsLeft])).toEqual([
      ['PIN_INVALID', 4],
      ['PIN_INVALID', 3],
      ['PIN_INVALID', 2],
      ['PIN_INVALID', 1],
    ])
  })

  it('locks for 5, then 15, then 60 minutes, and a right PIN after each end signs in', async () => {
    tc = await makeCore()
    const t = tc
    for (const minutes of [5, 15, 60, 60]) {
      const start = t.clock()
      const until = await lockC1(t)
      expect(until - start).toBe(minutes * MIN)
      // Still locked a minute before the end, even for the right PIN, with the end as a value.
      t.clock.set(until - MIN)
      const early = await signInC1(t)
      expect(early).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED' } })
      expect(early.ok ? null : early.error.params).toEqual({
        lockedUntil: new Date(until).toISOString(),
      })
      const tiles = await t.ok('staff.list', {})
      expect(tiles.staff.find((s: { code: string }) => s.code === 'C1')).toMatchObject({
        lockedOut: true,
        lockedUntil: new Date(until).toISOString(),
      })
      t.clock.set(until)
      expect(await signInC1(t)).toMatchObject({ ok: true })
      await t.ok('staff.signOut', {})
      expect(
        (await t.ok('staff.list', {})).staff.find((s: { code: string }) => s.code === 'C1'),
      ).toMatchObject({ lockedOut: false, lockedUntil: null })
    }
  })

  it('gives a fresh count of attempts after a lock ends', async () => {
    tc = await makeCore()
    const until = await lockC1(tc)
    tc.clock.set(until)
    const answers = await wrongPins(tc, MAX_PIN_ATTEMPTS)
    expect(answers.map((e) => e.code)).toEqual([
      ...Array(MAX_PIN_ATTEMPTS - 1).fill('PIN_INVALID'),
      'PIN_LOCKED',
    ])
  })

  it("a manager's unlock ends the lock at once and puts the ladder back at 5 minutes", async () => {
    tc = await makeCore()
    const t = tc
    const first = await lockC1(t)
    t.clock.set(first)
    const second = await lockC1(t)
    expect(second - first).toBe(15 * MIN)
    await t.signIn('M1', 'manager')
    await t.ok('staff.clearLockout', { staffCode: 'C1' }, 'manager')
    expect(await signInC1(t)).toMatchObject({ ok: true })
    const start = t.clock()
    expect((await lockC1(t)) - start).toBe(5 * MIN)
  })

  it('forgets the ladder after a day without a lock', async () => {
    tc = await makeCore()
    const first = await lockC1(tc)
    tc.clock.set(first + 24 * 60 * MIN)
    const start = tc.clock()
    expect((await lockC1(tc)) - start).toBe(5 * MIN)
  })

  it('keeps the lock across a restart (it is stored, not in memory)', async () => {
    tc = await makeCore()
    const until = await lockC1(tc)
    await tc.reopen()
    expect(await signInC1(tc)).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED' } })
    tc.clock.set(until)
    expect(await signInC1(tc)).toMatchObject({ ok: true })
  })
})
