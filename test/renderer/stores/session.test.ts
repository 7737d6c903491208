// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { kiosk, setKioskApi } from '../../../renderer/src/api'
import { useAppStore } from '../../../renderer/src/stores/app'
import { useSessionStore } from '../../../renderer/src/stores/session'
import { fail, fakeApi, ok } from '../fake-api'

const clerk = { code: 'C1', name: 'Asha Clerk', role: 'clerk' }
const current = (over: object = {}) => ({
  staff: clerk,
  locked: false,
  idleLockMinutes: 5,
  training: true,
  ...over,
})

describe('session store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('signs in with code and PIN and offers only what the role may do', async () => {
    const fake = fakeApi({ 'staff.signIn': () => ok(current()) })
    setKioskApi(fake.api)
    const session = useSessionStore()
    expect(await session.signIn('C1', '1111')).toBe(true)
    expect(fake.calls[0]).toEqual({
      channel: 'staff.signIn',
      request: { staffCode: 'C1', pin: '1111' },
    })
    expect(session.role).toBe('clerk')
    expect(session.can('enroll')).toBe(true)
    expect(session.can('cancel')).toBe(false)
    expect(session.can('inspect')).toBe(false)
  })

  it('reads the business date again at each sign-in and unlock (a kiosk left on overnight)', async () => {
    let day = '2026-11-30'
    const fake = fakeApi({
      'staff.signIn': () => ok(current()),
      'staff.unlock': () => ok(current()),
      'app.info': () => ok({ businessDate: day }),
    })
    setKioskApi(fake.api)
    const session = useSessionStore()
    const app = useAppStore()
    await session.signIn('C1', '1111')
    expect(app.businessDate).toBe('2026-11-30')
    day = '2026-12-01'
    await session.unlock('1111')
    expect(app.businessDate).toBe('2026-12-01')
  })

  it('keeps a wrong PIN as the error to show', async () => {
    setKioskApi(fakeApi({ 'staff.signIn': () => fail('PIN_INVALID') }).api)
    const session = useSessionStore()
    expect(await session.signIn('C1', '0000')).toBe(false)
    expect(session.error?.code).toBe('PIN_INVALID')
    expect(session.signedIn).toBe(false)
  })

  it('shows the lock screen when any call finds the session locked, and unlocks with the PIN', async () => {
    setKioskApi(
      fakeApi({
        'staff.current': () => ok(current()),
        'plans.lookup': () => fail('SESSION_LOCKED'),
        'staff.unlock': () => ok(current()),
      }).api,
    )
    const session = useSessionStore()
    await session.ensure()
    expect(session.locked).toBe(false)
    await kiosk().plans.lookup({ query: '9876543210' })
    expect(session.locked).toBe(true)
    expect(await session.unlock('1111')).toBe(true)
    expect(session.locked).toBe(false)
  })

  it('forgets the staff member when the core says nobody is signed in', async () => {
    setKioskApi(
      fakeApi({ 'staff.current': () => ok(current()), 'plans.get': () => fail('NOT_SIGNED_IN') })
        .api,
    )
    const session = useSessionStore()
    await session.ensure()
    await kiosk().plans.get({ planNumber: 'X' })
    expect(session.signedIn).toBe(false)
  })
})

describe('lock screen reason (issue 14)', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('says why: the Lock button is a manual lock, the core’s SESSION_LOCKED is inactivity', async () => {
    setKioskApi(
      fakeApi({
        'staff.signIn': () => ok(current()),
        'staff.lock': () => ok(current({ locked: true })),
        'staff.unlock': () => ok(current()),
        'plans.get': () => fail('SESSION_LOCKED'),
      }).api,
    )
    const session = useSessionStore()
    await session.signIn('C1', '1111')
    await session.lock()
    expect(session.lockReason).toBe('manual')
    await session.unlock('1111')
    await kiosk().plans.get({ planNumber: 'X' })
    expect(session.locked).toBe(true)
    expect(session.lockReason).toBe('idle')
  })
})
