// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import demoCatalog from '../../../resources/catalog/demo-catalog.json'
import { setKioskApi } from '../../../renderer/src/api'
import { confirmState } from '../../../renderer/src/composables/use-confirm'
import { createKioskI18n } from '../../../renderer/src/i18n'
import { useAppStore } from '../../../renderer/src/stores/app'
import CancelView from '../../../renderer/src/views/CancelView.vue'
import { fakeApi, ok } from '../fake-api'

const PLAN = 'MH01-K1-0000001-X'

/** A core with an active plan enrolled on `enrolledOn`, its ₹549 fee paid by UPI. */
function core(enrolledOn: string) {
  return fakeApi({
    'catalog.list': () => ok(demoCatalog),
    'plans.get': () =>
      ok({
        plan: {
          planNumber: PLAN,
          status: 'active',
          enrolledOn,
          feePaise: 54900,
          modelName: 'Redmi Note 9 Pro',
          variantName: '4 GB + 64 GB',
          customer: { name: 'Ravi Kumar', mobileMasked: 'XXXXXX0021' },
        },
        payments: [{ kind: 'fee', method: 'upi' }],
      }),
    'plans.cancel': () =>
      ok({
        plan: { planNumber: PLAN },
        refundPaise: 0,
        withinWindow: false,
        receipt: { refund: null },
      }),
  })
}

async function open(enrolledOn: string, lang: 'en' | 'hi' = 'en') {
  const pinia = createPinia()
  setActivePinia(pinia)
  const api = core(enrolledOn)
  setKioskApi(api.api)
  useAppStore().info = { businessDate: '2026-11-30' } as never
  const w = mount(CancelView, {
    props: { planNumber: PLAN },
    global: { plugins: [pinia, createKioskI18n(lang)], stubs: { RouterLink: true } },
  })
  await flushPromises()
  await w.get('[data-testid="cancel-reason"]').setValue('Customer changed their mind')
  return { w, api }
}

describe('cancel screen states the refund before confirming (issue 14 item 5)', () => {
  beforeEach(() => confirmState.resolve?.(false))

  it('outside the cooling-off window: "no refund" on the screen and in the dialog, no refund method asked', async () => {
    const { w, api } = await open('2026-11-01')
    expect(w.get('[data-testid="cancel-refund-due"]').text()).toContain('No refund')
    expect(w.find('[data-testid="cancel-refund-method-upi"]').exists()).toBe(false)
    expect(w.text()).not.toContain('Refund method')
    await w.get('[data-testid="cancel-submit"]').trigger('click')
    await flushPromises()
    expect(confirmState.request?.message).toContain('no refund')
    confirmState.resolve!(true)
    await flushPromises()
    const sent = api.calls.find((c) => c.channel === 'plans.cancel')?.request
    expect(sent).not.toHaveProperty('refundMethod')
    expect(sent).toMatchObject({ refundReference: null })
  })

  it('inside the window: the amount and how it is paid back, in Hindi too', async () => {
    const { w } = await open('2026-11-27', 'hi')
    expect(w.get('[data-testid="cancel-refund-due"]').text()).toContain('₹549')
    expect(w.find('[data-testid="cancel-refund-method-upi"]').exists()).toBe(true)
    await w.get('[data-testid="cancel-submit"]').trigger('click')
    await flushPromises()
    expect(confirmState.request?.message).toContain('₹549')
    expect(confirmState.request?.message).toContain('यूपीआई')
  })
})
