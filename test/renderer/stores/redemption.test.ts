// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { setKioskApi } from '../../../renderer/src/api'
import { useRedemptionStore } from '../../../renderer/src/stores/redemption'
import { fail, fakeApi, ok } from '../fake-api'

const INSPECTION = { id: '00000000-0000-4000-8000-000000000001', verdict: 'eligible' }

/** A redemption.check answer; with a price, the credit and due the (fake) core says. */
function checkAnswer(request: unknown, priced?: { creditPaise: number; duePaise: number }) {
  const req = request as { newPricePaise?: number }
  return ok({
    plan: { planNumber: 'MH01-K1-000001' },
    onDate: '2021-03-01',
    ok: true,
    reasons: [],
    quote: { valuePaise: 8399_00, percent: 70 },
    inspection: INSPECTION,
    ...(req.newPricePaise !== undefined && priced ? priced : {}),
  })
}

async function checkedStore(handlers: Record<string, (req: unknown) => unknown>) {
  const fake = fakeApi(handlers)
  setKioskApi(fake.api)
  const store = useRedemptionStore()
  store.brand = 'Xiaomi'
  store.planNumber = 'MH01-K1-000001'
  store.proof.mobile = '9876543210'
  await store.runCheck()
  Object.assign(store.device, { modelName: 'Mi 10T', imei: '350000000000001', price: '35,999' })
  store.step = 'device'
  return { store, fake }
}

describe('redemption store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('shows the credit and amount due the core computed for the entered price, and pays that', async () => {
    // Deliberately not min(value, price): the screen must show the core's numbers as they are.
    const priced = { creditPaise: 8000_00, duePaise: 27_999_00 }
    const { store, fake } = await checkedStore({
      'redemption.check': (req) => checkAnswer(req, priced),
      'redemption.complete': () => ok({ creditPaise: 8000_00, amountPaidPaise: 27_999_00 }),
    })
    expect(store.creditPaise).toBeNull()
    expect(store.duePaise).toBeNull()
    expect(await store.priceUpgrade()).toBe(true)
    expect(store.step).toBe('payment')
    expect(fake.calls.filter((c) => c.channel === 'redemption.check')[1]?.request).toEqual({
      planNumber: 'MH01-K1-000001',
      customer: { mobile: '9876543210' },
      newPricePaise: 35_999_00,
    })
    expect(store.creditPaise).toBe(8000_00)
    expect(store.duePaise).toBe(27_999_00)
    expect(await store.complete()).toBe(true)
    const sent = fake.calls.find((c) => c.channel === 'redemption.complete')?.request as {
      newDevice: { pricePaise: number }
      payment: { amountPaise: number }
    }
    expect(sent.newDevice.pricePaise).toBe(35_999_00)
    expect(sent.payment.amountPaise).toBe(27_999_00)
  })

  it('forgets the core’s figures once the price changes, and never completes without them', async () => {
    const { store, fake } = await checkedStore({
      'redemption.check': (req) => checkAnswer(req, { creditPaise: 8399_00, duePaise: 27_600_00 }),
    })
    await store.priceUpgrade()
    store.device.price = '40,000'
    expect(store.creditPaise).toBeNull()
    expect(store.duePaise).toBeNull()
    expect(await store.complete()).toBe(false)
    expect(fake.count('redemption.complete')).toBe(0)
  })

  it('stays on the device step with the core’s refusal when pricing fails', async () => {
    let calls = 0
    const { store } = await checkedStore({
      'redemption.check': (req) => (++calls === 1 ? checkAnswer(req) : fail('NETWORK')),
    })
    expect(await store.priceUpgrade()).toBe(false)
    expect(store.step).toBe('device')
    expect(store.error?.code).toBe('NETWORK')
    expect(store.duePaise).toBeNull()
  })
})
