// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { setKioskApi } from '../../../renderer/src/api'
import { useCancellationStore } from '../../../renderer/src/stores/cancellation'
import { fail, fakeApi, ok } from '../fake-api'

/** A plans.get answer for an active plan whose fee was paid by UPI. */
function planDetail(request: unknown) {
  const { planNumber } = request as { planNumber: string }
  return ok({
    plan: { planNumber, status: 'active' },
    payments: [{ kind: 'fee', method: 'upi' }],
  })
}

const sentIds = (fake: ReturnType<typeof fakeApi>) =>
  fake.calls
    .filter((c) => c.channel === 'plans.cancel')
    .map((c) => (c.request as { requestId: string }).requestId)

describe('cancellation store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('keeps one request id across a retry, and makes a new one for the next plan', async () => {
    let answers = [fail('INTERNAL'), ok({ plan: { planNumber: 'MH01-K1-0000001-X' } })]
    const fake = fakeApi({
      'plans.get': planDetail,
      // Found by its number (the search also takes an IMEI or a mobile).
      'plans.lookup': (req) =>
        ok({
          by: 'planNumber',
          plans: [{ plan: { planNumber: (req as { query: string }).query } }],
        }),
      'plans.cancel': () => answers.shift(),
    })
    setKioskApi(fake.api)
    const store = useCancellationStore()
    store.planNumber = 'MH01-K1-0000001-X'
    await store.load()
    const opened = store.requestId
    expect(opened).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    store.form.reason = 'changed mind'
    // The answer was lost (timeout): the retry is the same cancellation.
    expect(await store.cancel()).toBe(false)
    expect(store.error?.code).toBe('INTERNAL')
    // Finding the same plan again does not start another cancellation either.
    await store.load()
    expect(await store.cancel()).toBe(true)
    expect(sentIds(fake)).toEqual([opened, opened])
    expect(fake.calls.find((c) => c.channel === 'plans.cancel')?.request).toEqual({
      requestId: opened,
      planNumber: 'MH01-K1-0000001-X',
      reason: 'changed mind',
      refundMethod: 'upi',
      refundReference: null,
    })

    // The next plan, found on the same screen: a new cancellation with its own id.
    answers = [ok({ plan: { planNumber: 'MH01-K1-0000002-Y' } })]
    store.planNumber = 'MH01-K1-0000002-Y'
    await store.load()
    expect(store.requestId).not.toBe(opened)
    await store.cancel()
    expect(sentIds(fake)[2]).toBe(store.requestId)

    // Leaving the screen (or the idle lock) ends the cancellation: a new id after a reset.
    const last = store.requestId
    store.reset()
    expect(store.requestId).not.toBe(last)
  })
})
