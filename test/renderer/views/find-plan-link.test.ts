// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { setKioskApi } from '../../../renderer/src/api'
import QrScanner from '../../../renderer/src/components/QrScanner.vue'
import { createKioskI18n } from '../../../renderer/src/i18n'
import { useLookupStore } from '../../../renderer/src/stores/lookup'
import FindPlanView from '../../../renderer/src/views/FindPlanView.vue'
import { fakeApi, ok } from '../fake-api'

/**
 * Issue 22: Find plan with a scanned certificate link — the lookup goes by the plan's random id,
 * the plan opens, and the search box is left with the plan number and a guessed search, never a
 * random id the clerk did not type.
 */
describe('Find plan from a certificate link', () => {
  it('looks the plan up by its random id and opens it', async () => {
    setActivePinia(createPinia())
    const planId = '3f1c2a9e-6b7d-4e21-9a3b-0c5d7e8f9a10'
    const fake = fakeApi({
      'plans.lookup': () =>
        ok({
          by: 'planId',
          onDate: '2026-11-28',
          plans: [
            {
              plan: {
                planNumber: 'MH01-K1-0000001-1',
                status: 'redeemed',
                modelName: 'Redmi Note 9',
                variantName: '4 GB + 64 GB',
                customer: { name: 'A. Customer', mobileMasked: 'XXXXXX3210' },
                purchaseDate: '2026-05-05',
              },
              quote: {},
            },
          ],
        }),
    })
    setKioskApi(fake.api)
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/:any(.*)', component: { template: '<div />' } }],
    })
    await router.push('/find')
    const w = mount(FindPlanView, {
      global: { plugins: [router, createKioskI18n('en')], stubs: { QrScanner: true } },
    })
    w.getComponent(QrScanner).vm.$emit('planId', planId)
    await flushPromises()
    await new Promise((r) => setTimeout(r, 500))
    await flushPromises()
    expect(fake.calls.filter((c) => c.channel === 'plans.lookup').map((c) => c.request)).toEqual([
      { query: planId, by: 'planId' },
    ])
    expect(router.currentRoute.value.path).toBe('/plans/MH01-K1-0000001-1')
    const lookup = useLookupStore()
    expect(lookup.query).toBe('MH01-K1-0000001-1')
    expect(lookup.by).toBe('auto')
  })
})
