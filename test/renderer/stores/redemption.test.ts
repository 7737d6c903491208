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
    // Then the customer's signed hand-over declaration (issue 17), before the payment.
    expect(store.step).toBe('handover')
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

  it('the hand-over step: a code texted and checked, or — none can be sent — the ID check; the sale carries the declaration and which check was used', async () => {
    const otpId = '1b2c3d4e-0000-4000-8000-000000000001'
    const { store, fake } = await checkedStore({
      'redemption.check': (req) => checkAnswer(req, { creditPaise: 8000_00, duePaise: 0 }),
      'redemption.otpSend': () =>
        ok({ otpId, expiresAt: '2021-03-01T06:10:00.000Z', mobileLast4: '3210' }),
      'redemption.otpVerify': (req) =>
        (req as { code: string }).code === '123456'
          ? ok({ verified: true })
          : { ok: false, error: { code: 'OTP_INVALID', message: 'wrong' } },
      'redemption.complete': () => ok({ creditPaise: 8000_00, amountPaidPaise: 0 }),
    })
    await store.priceUpgrade()
    expect(store.handoverReady).toBe(false)
    Object.assign(store.handover, {
      ownership: true,
      accountsRemoved: true,
      dataWiped: true,
      transfer: true,
      signaturePng: 'data:image/png;base64,iVBORw0KGgo=',
    })
    expect(store.declared).toBe(true)
    expect(store.handoverReady).toBe(false)
    await store.sendOtp()
    expect(store.otp).toMatchObject({ otpId, mobileLast4: '3210' })
    store.otp.code = '000000'
    await store.verifyOtp()
    expect(store.error?.code).toBe('OTP_INVALID')
    expect(store.handoverReady).toBe(false)
    store.otp.code = '123456'
    await store.verifyOtp()
    expect(store.handoverReady).toBe(true)
    store.step = 'payment'
    store.salesInvoice = 'MH01-POS-1'
    expect(await store.complete()).toBe(true)
    const sent = fake.calls.find((c) => c.channel === 'redemption.complete')?.request as {
      handover: Record<string, unknown>
      customerCheck: unknown
    }
    expect(sent.handover).toMatchObject({ ownership: true, transfer: true })
    expect(sent.customerCheck).toEqual({ method: 'otp', otpId })
  })

  it('offers the ID check only when head office cannot send a code', async () => {
    const { store, fake } = await checkedStore({
      'redemption.check': (req) => checkAnswer(req, { creditPaise: 8000_00, duePaise: 0 }),
      'redemption.otpSend': () => ({
        ok: false,
        error: { code: 'OTP_UNAVAILABLE', message: 'offline' },
      }),
      'redemption.complete': () => ok({ creditPaise: 8000_00, amountPaidPaise: 0 }),
    })
    await store.priceUpgrade()
    Object.assign(store.handover, {
      ownership: true,
      accountsRemoved: true,
      dataWiped: true,
      transfer: true,
      signaturePng: 'data:image/png;base64,iVBORw0KGgo=',
    })
    expect(store.otp.unavailable).toBe(false)
    await store.sendOtp()
    expect(store.otp.unavailable).toBe(true)
    expect(store.handoverReady).toBe(false)
    store.otp.idChecked = true
    expect(store.handoverReady).toBe(true)
    store.salesInvoice = 'MH01-POS-1'
    expect(await store.complete()).toBe(true)
    const sent = fake.calls.find((c) => c.channel === 'redemption.complete')?.request as {
      customerCheck: unknown
    }
    expect(sent.customerCheck).toEqual({ method: 'id-check' })
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
