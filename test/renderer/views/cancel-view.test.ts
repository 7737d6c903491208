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

describe('cancel finds the plan by IMEI or mobile, as Find plan does (issue 14)', () => {
  const IMEI = '860000000000211'
  const view = (planNumber: string, status = 'active') => ({
    planNumber,
    status,
    enrolledOn: '2026-11-27',
    feePaise: 54900,
    modelName: 'Redmi Note 9 Pro',
    variantName: '4 GB + 64 GB',
    customer: { name: 'Ravi Kumar', mobileMasked: 'XXXXXX0021' },
  })
  function searching(found: Record<string, string[]>) {
    return fakeApi({
      'catalog.list': () => ok(demoCatalog),
      'plans.get': (req) =>
        ok({
          plan: view((req as { planNumber: string }).planNumber),
          payments: [{ kind: 'fee', method: 'upi' }],
        }),
      'plans.lookup': (req) =>
        ok({
          by: 'imei',
          onDate: '2026-11-30',
          plans: (found[(req as { query: string }).query] ?? []).map((n) => ({
            plan: view(n),
            quote: {},
          })),
        }),
    })
  }
  async function search(query: string, found: Record<string, string[]>, lang: 'en' | 'hi' = 'en') {
    const pinia = createPinia()
    setActivePinia(pinia)
    const api = searching(found)
    setKioskApi(api.api)
    useAppStore().info = { businessDate: '2026-11-30' } as never
    const w = mount(CancelView, {
      global: { plugins: [pinia, createKioskI18n(lang)], stubs: { RouterLink: true } },
    })
    await flushPromises()
    await w.get('[data-testid="cancel-plan"]').setValue(query)
    await w.get('form').trigger('submit')
    await flushPromises()
    return { w, api }
  }

  it('opens the one plan on a phone found by its IMEI', async () => {
    const { w, api } = await search(IMEI, { [IMEI]: [PLAN] })
    expect(api.calls.find((c) => c.channel === 'plans.lookup')?.request).toEqual({ query: IMEI })
    expect(api.calls.find((c) => c.channel === 'plans.get')?.request).toEqual({ planNumber: PLAN })
    expect(w.get('[data-testid="cancel-refund-due"]').text()).toContain('₹549')
  })

  it('lists the plans of a mobile with several, and opens the one chosen', async () => {
    const other = 'MH01-K1-0000002-Y'
    const { w, api } = await search('9876500021', { '9876500021': [PLAN, other] })
    expect(w.get('[data-testid="cancel-matches"]').text()).toContain('2 plans for this mobile')
    expect(api.count('plans.get')).toBe(0)
    await w.get(`[data-testid="cancel-choose-${other}"]`).trigger('click')
    await flushPromises()
    expect(api.calls.find((c) => c.channel === 'plans.get')?.request).toEqual({
      planNumber: other,
    })
    expect(w.find('[data-testid="cancel-matches"]').exists()).toBe(false)
  })

  it('says so, in Hindi too, when nothing is found', async () => {
    const { w } = await search('9999999999', {}, 'hi')
    expect(w.text()).toContain('प्लान')
    expect(w.find('[data-testid="cancel-refund-due"]').exists()).toBe(false)
    expect(w.find('.field-error').exists()).toBe(true)
  })
})

describe('cancel: a field’s message goes once it is corrected (issue 14)', () => {
  it('"reason required" disappears as soon as a reason is typed', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    const api = fakeApi({
      'catalog.list': () => ok(demoCatalog),
      'plans.get': () =>
        ok({
          plan: {
            planNumber: PLAN,
            status: 'active',
            enrolledOn: '2026-11-01',
            feePaise: 54900,
            modelName: 'Redmi Note 9 Pro',
            variantName: '4 GB + 64 GB',
            customer: { name: 'Ravi Kumar', mobileMasked: 'XXXXXX0021' },
          },
          payments: [{ kind: 'fee', method: 'cash' }],
        }),
      'plans.cancel': () => ({
        ok: false,
        error: {
          code: 'CANCELLATION_REASON_REQUIRED',
          message: 'A reason is required.',
          issues: [{ path: 'reason', code: 'CANCELLATION_REASON_REQUIRED', message: 'required' }],
        },
      }),
    })
    setKioskApi(api.api)
    useAppStore().info = { businessDate: '2026-11-30' } as never
    const w = mount(CancelView, {
      props: { planNumber: PLAN },
      global: { plugins: [pinia, createKioskI18n('en')], stubs: { RouterLink: true } },
    })
    await flushPromises()
    await w.get('[data-testid="cancel-submit"]').trigger('click')
    await flushPromises()
    confirmState.resolve!(true)
    await flushPromises()
    expect(w.find('#cancel-reason-error').exists()).toBe(true)
    await w.get('[data-testid="cancel-reason"]').setValue('Customer changed their mind')
    await flushPromises()
    expect(w.find('#cancel-reason-error').exists()).toBe(false)
    expect(w.get('[data-testid="cancel-reason"]').attributes('aria-invalid')).toBe('false')
  })
})
