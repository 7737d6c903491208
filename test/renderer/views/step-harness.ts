import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import demoCatalog from '../../../resources/catalog/demo-catalog.json'
import { setKioskApi } from '../../../renderer/src/api'
import { createKioskI18n } from '../../../renderer/src/i18n'
import { useCatalogStore } from '../../../renderer/src/stores/catalog'
import { fakeApi, ok } from '../fake-api'

/**
 * A fresh Pinia with the demo catalog loaded (as a wizard has it), and a mount for one of the
 * wizard's step components in English or Hindi. Call it in `beforeEach`.
 */
export async function stepHarness() {
  const pinia = createPinia()
  setActivePinia(pinia)
  setKioskApi(fakeApi({ 'catalog.list': () => ok(demoCatalog) }).api)
  await useCatalogStore().load()
  return (component: unknown, lang: 'en' | 'hi' = 'en') =>
    mount(component as never, { global: { plugins: [pinia, createKioskI18n(lang)] } })
}
