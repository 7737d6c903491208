import { afterEach, describe, expect, it } from 'vitest'
import { makeCore, redeemed, type TestCore } from '../helpers'

let t: TestCore
afterEach(async () => t?.cleanup())

describe('devices', () => {
  it('lists the old phones taken in and hands them to logistics', async () => {
    t = await makeCore()
    await redeemed(t)
    await t.signIn('M1', 'MGR')
    const devices = await t.ok('devices.list', { status: 'received' }, 'MGR')
    expect(devices.devices).toHaveLength(1)
    const collected = await t.ok(
      'devices.collect',
      { deviceIds: [devices.devices[0].id], reference: 'DKT-1' },
      'MGR',
    )
    expect(collected.devices[0].status).toBe('collected')
    const recent = await t.ok('devices.list', { status: 'collected', limit: 1 }, 'MGR')
    expect(recent.devices.map((d: { reference: string }) => d.reference)).toEqual(['DKT-1'])
    expect((await t.ok('devices.list', { status: 'received' }, 'MGR')).devices).toHaveLength(0)
    const tooMany = await t.call('devices.list', { limit: 501 }, 'MGR')
    expect(!tooMany.ok && tooMany.error.code).toBe('VALIDATION_FAILED')
    const types = (await t.core.outbox.readPending(50)).map((e) => e.type)
    expect(types).toEqual([
      'plan.enrolled',
      'inspection.submitted',
      'plan.redeemed',
      'device.collected',
    ])
  })
})
