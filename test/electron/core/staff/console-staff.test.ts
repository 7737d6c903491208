import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConsoleUser } from '../../../../headoffice/services/console-users'
import { consoleClient } from '../../../headoffice/console-client'
import { startHeadOffice, type TestHeadOffice } from '../../../headoffice/harness'
import { fixedClock, type TestCore } from '../helpers'
import { followClock, syncedCore } from '../sync/support'

/**
 * Issue 21 (docs/console.md#staff): a store's staff managed in the head-office console reach a
 * kiosk core on its next sync, against a real head office (Fastify on SQLite over HTTP on
 * 127.0.0.1): a new clerk with the PIN shown once, a PIN reset (old PIN refused, new one signs
 * in), a lockout the kiosk reports and the console shows, the unlock code the console issues for
 * that kiosk, and a deactivation that ends the clerk's open session.
 */
describe('staff managed in the console, at a kiosk', () => {
  let ho: TestHeadOffice
  let t: TestCore
  let ops: ReturnType<typeof consoleClient>
  const clock = fixedClock()

  beforeAll(async () => {
    ho = await startHeadOffice('sqlite', { start: clock() })
    followClock(ho, clock)
    await createConsoleUser(
      ho.ds,
      { email: 'ops@brand.example', role: 'operations', actor: 'cli', password: 'ops-pass-0123' },
      clock(),
    )
    ops = consoleClient(ho.url)
    expect((await ops.signIn('ops@brand.example', 'ops-pass-0123')).status).toBe(200)
    t = await syncedCore(ho, 'K3', { clock })
    await t.signIn('M1', 'MGR')
  }, 60_000)
  afterAll(async () => {
    await t?.cleanup()
    await ho?.close()
  })

  const sync = async () => {
    const status = await t.ok('sync.now', {}, 'MGR')
    expect(status.lastError).toBeNull()
  }
  const signIn = (pin: string, session = 'CLERK') =>
    t.call('staff.signIn', { staffCode: 'C5', pin }, session)

  it('a clerk added in the console signs in with the PIN shown once; a reset replaces it', async () => {
    const added = await ops.call('POST', '/stores/MH01/staff', {
      staffCode: 'C5',
      name: 'Kavya Rao',
      role: 'clerk',
    })
    expect(added.status, JSON.stringify(added.json)).toBe(200)
    const firstPin: string = added.json.data.pin
    expect((await signIn(firstPin)).ok).toBe(false) // not before the kiosk pulls
    await sync()
    expect((await signIn(firstPin)).ok).toBe(true)
    await t.ok('staff.signOut', {}, 'CLERK')

    const reset = await ops.call('POST', '/stores/MH01/staff/C5/reset-pin')
    const newPin: string = reset.json.data.pin
    expect(newPin).not.toBe(firstPin)
    expect((await signIn(newPin)).ok).toBe(false) // the kiosk still has the old one
    await sync()
    const old = await signIn(firstPin)
    expect(!old.ok && old.error.code).toBe('PIN_INVALID')
    expect((await signIn(newPin)).ok).toBe(true)
    await t.ok('staff.signOut', {}, 'CLERK')
  })

  it('a lockout reported by the kiosk shows in the console; its unlock code opens it', async () => {
    for (let i = 0; i < 5; i++) await signIn('000000')
    const locked = await signIn('000000')
    expect(!locked.ok && locked.error.code).toBe('PIN_LOCKED')
    let staff = (await ops.call('GET', '/stores/MH01/staff')).json.data.staff
    expect(staff.find((s: { staffCode: string }) => s.staffCode === 'C5').lockedAt).toEqual([])
    await sync() // the heartbeat says who is locked out
    staff = (await ops.call('GET', '/stores/MH01/staff')).json.data.staff
    const c5 = staff.find((s: { staffCode: string }) => s.staffCode === 'C5')
    expect(c5.lockedAt).toEqual([{ kioskCode: 'K3', until: expect.any(String) }])
    expect(Date.parse(c5.lockedAt[0].until)).toBeGreaterThan(clock())

    const issued = await ops.call('POST', '/stores/MH01/staff/C5/unlock-code', {
      kioskCode: 'K3',
    })
    expect(issued.status, JSON.stringify(issued.json)).toBe(200)
    await t.ok('staff.unlockWithCode', { staffCode: 'C5', code: issued.json.data.code })
    const reset = await ops.call('POST', '/stores/MH01/staff/C5/reset-pin')
    await sync()
    expect((await signIn(reset.json.data.pin)).ok).toBe(true)
    await sync()
    staff = (await ops.call('GET', '/stores/MH01/staff')).json.data.staff
    expect(staff.find((s: { staffCode: string }) => s.staffCode === 'C5').lockedAt).toEqual([])
  })

  it('deactivated in the console: the open session ends and sign-in is refused after the pull', async () => {
    expect((await t.call('sync.status', {}, 'CLERK')).ok).toBe(true)
    const off = await ops.call('PATCH', '/stores/MH01/staff/C5', { active: false })
    expect(off.status).toBe(200)
    await sync()
    const after = await t.call('sync.status', {}, 'CLERK')
    expect(!after.ok && after.error.code).toBe('NOT_SIGNED_IN')
    const tiles = (await t.ok('staff.list', {})).staff.map((s: { code: string }) => s.code)
    expect(tiles).not.toContain('C5')
    const again = await signIn('123456', 'OTHER')
    expect(!again.ok && again.error.code).toBe('STAFF_NOT_FOUND')
  })
})
