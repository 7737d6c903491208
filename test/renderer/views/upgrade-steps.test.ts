// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { beforeEach, describe, expect, it } from 'vitest'
import demoCatalog from '../../../resources/catalog/demo-catalog.json'
import { setKioskApi } from '../../../renderer/src/api'
import { createKioskI18n } from '../../../renderer/src/i18n'
import { useCatalogStore } from '../../../renderer/src/stores/catalog'
import { useEnrollmentStore } from '../../../renderer/src/stores/enrollment'
import { useRedemptionStore } from '../../../renderer/src/stores/redemption'
import DeviceStep from '../../../renderer/src/views/upgrade/DeviceStep.vue'
import ReceiptStep from '../../../renderer/src/views/upgrade/ReceiptStep.vue'
import { fakeApi, ok } from '../fake-api'
import { stepHarness } from './step-harness'

describe('upgrade wizard steps', () => {
  let mountStep: Awaited<ReturnType<typeof stepHarness>>
  beforeEach(async () => {
    mountStep = await stepHarness()
  })

  it('new phone: only catalog models of the brand are offered (no free-text "other"); the sale names the catalog ids', async () => {
    const store = useRedemptionStore()
    const w = mountStep(DeviceStep)
    const select = w.get('[data-testid="upgrade-model"]')
    const offered = select.findAll('option').map((o) => o.attributes('value'))
    const variants = demoCatalog.models.flatMap((m) => m.variants.map((v) => v.id))
    // The placeholder, then every variant of the catalog, and nothing else (issue 17 item 6).
    expect(offered.filter((v) => v)).toEqual(variants)
    expect(select.text()).not.toContain('Another model')
    await select.setValue('mi-10t-8-128')
    expect(store.device.modelName).toBe('Mi 10T 8 GB + 128 GB')
    expect(store.device.price).toBe('35999')
    expect(store.newPhone).toEqual({ modelId: 'mi-10t', variantId: 'mi-10t-8-128' })
    expect(w.find('[data-testid="upgrade-model-name"]').exists()).toBe(false)
  })

  it('new phone: Next shows what is missing, and the choice survives leaving the step and coming back', async () => {
    const store = useRedemptionStore()
    const w = mountStep(DeviceStep)
    await w.get('form').trigger('submit')
    expect(w.get('[data-testid="upgrade-model"]').attributes('aria-invalid')).toBe('true')
    expect(w.get('[data-testid="upgrade-imei-error"]').text()).toContain('IMEI')
    await w.get('[data-testid="upgrade-model"]').setValue('mi-10t-8-128')
    w.unmount()
    const again = mountStep(DeviceStep)
    const select = again.get('[data-testid="upgrade-model"]').element as HTMLSelectElement
    expect(select.value).toBe('mi-10t-8-128')
    expect(store.deviceAttempted).toBe(true)
  })
})

describe('upgrade wizard: a refused new-phone IMEI (issue 14 item 4)', () => {
  it('a corrected IMEI clears the stale error and Next prices the upgrade', async () => {
    const mountStep = await stepHarness()
    const store = useRedemptionStore()
    const plan = { planNumber: 'SUK-1' }
    const api = fakeApi({
      'catalog.list': () => ok(demoCatalog),
      'redemption.check': () =>
        ok({ plan, ok: true, reasons: [], inspection: null, creditPaise: 100, duePaise: 200 }),
    })
    setKioskApi(api.api)
    store.check = { plan, ok: true, inspection: null } as never
    Object.assign(store.device, {
      option: 'mi-10t-8-128',
      modelName: 'Mi 10T 8 GB + 128 GB',
      imei: '490154203237518',
    })
    store.device.price = '35999'
    store.step = 'device'
    // What redemption.complete answered: the new phone's IMEI is the old phone's.
    store.error = {
      code: 'VALIDATION_FAILED',
      message: 'refused',
      issues: [
        {
          path: 'newDevice.imei',
          code: 'IMEI_DUPLICATE',
          message: 'That is the old phone’s IMEI.',
        },
      ],
    }
    const w = mountStep(DeviceStep)
    expect(w.get('[data-testid="upgrade-imei-error"]').text()).not.toBe('')
    await w.get('[data-testid="upgrade-imei"]').setValue('356938035643809')
    expect(w.find('[data-testid="upgrade-imei-error"]').exists()).toBe(false)
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(api.count('redemption.check')).toBe(1)
    expect(store.step).toBe('handover')
  })
})

describe('upgrade receipt: enroll the new phone (issue 14)', () => {
  it('carries the phone and the customer over, and leaves the invoice number to the clerk', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    setKioskApi(fakeApi({ 'catalog.list': () => ok(demoCatalog) }).api)
    await useCatalogStore().load()
    const store = useRedemptionStore()
    store.proof.mobile = '9876543210'
    store.result = {
      plan: { planNumber: 'MH01-K1-0000001-X', customer: { name: 'Priya Sharma' } },
      amountPaidPaise: 0,
      creditPaise: 979900,
      assuredValuePaise: 979900,
      receipt: {
        exchangeVoucherNumber: 'K1/X2627/000001',
        percent: 70,
        newDevice: {
          modelName: 'Mi 10T 8 GB + 128 GB',
          imei: '490154203237518',
          pricePaise: 3599900,
        },
        payment: null,
      },
    } as never
    store.step = 'receipt'
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/', component: { template: '<p/>' } },
        { path: '/enroll', component: { template: '<p/>' } },
        { path: '/home', component: { template: '<p/>' } },
      ],
    })
    const w = mount(ReceiptStep, {
      global: { plugins: [pinia, router, createKioskI18n('en')], stubs: { PrintButton: true } },
    })
    await w.get('[data-testid="upgrade-enroll-new"]').trigger('click')
    await flushPromises()
    const draft = useEnrollmentStore().draft
    expect(draft.imei1).toBe('490154203237518')
    expect(draft.variantId).toBe('mi-10t-8-128')
    expect(draft.invoiceNumber).toBe('')
    expect(draft.name).toBe('Priya Sharma')
    expect(draft.mobile).toBe('9876543210')
  })
})
