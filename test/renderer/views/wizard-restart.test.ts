// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import demoCatalog from '../../../resources/catalog/demo-catalog.json'
import { setKioskApi } from '../../../renderer/src/api'
import { createKioskI18n } from '../../../renderer/src/i18n'
import { useEnrollmentStore } from '../../../renderer/src/stores/enrollment'
import { useRedemptionStore } from '../../../renderer/src/stores/redemption'
import EnrollView from '../../../renderer/src/views/enroll/EnrollView.vue'
import UpgradeView from '../../../renderer/src/views/upgrade/UpgradeView.vue'
import { fakeApi, ok } from '../fake-api'

async function open(component: unknown) {
  const pinia = createPinia()
  setActivePinia(pinia)
  setKioskApi(fakeApi({ 'catalog.list': () => ok(demoCatalog) }).api)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:any(.*)', component: { template: '<p/>' } }],
  })
  await router.push('/enroll')
  return {
    pinia,
    mountIt: () =>
      mount(component as never, {
        global: { plugins: [pinia, router, createKioskI18n('en')], stubs: { PrintButton: true } },
      }),
  }
}

describe('Home → New plan after a finished sale (issue 14)', () => {
  it('the enrollment wizard opens on a new plan, not the previous customer’s Done screen', async () => {
    const { mountIt } = await open(EnrollView)
    const store = useEnrollmentStore()
    store.draft.name = 'Priya Sharma'
    store.step = 'done'
    const w = mountIt()
    await flushPromises()
    expect(store.step).toBe('phone')
    expect(store.draft.name).toBe('')
    expect(w.find('[data-testid="enroll-done"]').exists()).toBe(false)
  })

  it('the upgrade wizard opens on a new upgrade, not the previous receipt', async () => {
    const { mountIt } = await open(UpgradeView)
    const store = useRedemptionStore()
    store.planNumber = 'MH01-K1-0000001-X'
    store.step = 'receipt'
    mountIt()
    await flushPromises()
    expect(store.step).toBe('plan')
    expect(store.planNumber).toBe('')
  })
})
