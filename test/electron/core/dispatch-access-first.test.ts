import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHANNELS, contract } from '../../../shared/ipc'
import { makeCore, type TestCore } from './helpers'

/**
 * Issue 19 item 4 (second half): dispatch checks the session and the role BEFORE it validates
 * the request, so a caller who may not use a channel learns nothing about what it expects.
 */
describe('dispatch: who may call before what was sent', () => {
  let tc: TestCore
  beforeAll(async () => {
    tc = await makeCore()
    await tc.signIn('C1', 'clerk')
    await tc.signIn('M1', 'locked')
    await tc.ok('staff.lock', {}, 'locked')
  })
  afterAll(() => tc.cleanup())

  const guarded = CHANNELS.filter((c) => contract[c].access !== 'public')
  const invalid = { requestId: 42, planNumber: ['x'], catalog: 'no', pin: {} }

  it('answers an anonymous caller NOT_SIGNED_IN, without validation detail, on every guarded channel', async () => {
    for (const channel of guarded) {
      const r = await tc.call(channel, invalid, 'nobody')
      expect(r, channel).toEqual({
        ok: false,
        error: { code: 'NOT_SIGNED_IN', message: 'Sign in first.' },
      })
    }
  })

  it('answers a locked session SESSION_LOCKED and a clerk ROLE_FORBIDDEN before validating', async () => {
    for (const channel of guarded) {
      const locked = await tc.call(channel, invalid, 'locked')
      expect(locked, channel).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } })
      expect(locked.ok || locked.error.issues, channel).toBeUndefined()
    }
    for (const channel of guarded.filter((c) => !contract[c].access.includes('clerk'))) {
      const r = await tc.call(channel, invalid, 'clerk')
      expect(r, channel).toMatchObject({ ok: false, error: { code: 'ROLE_FORBIDDEN' } })
      expect(r.ok || r.error.issues, channel).toBeUndefined()
    }
  })

  it('still validates the request of a caller who may use the channel', async () => {
    const r = await tc.call('plans.get', { planNumber: ['x'] }, 'clerk')
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
  })
})
