// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import demoCatalog from '../../../resources/catalog/demo-catalog.json'
import { luhnCheckDigit, verhoeffCheckDigit } from '../../../shared/domain/checksums'
import { setKioskApi } from '../../../renderer/src/api'
import { createKioskI18n } from '../../../renderer/src/i18n'
import { useCatalogStore } from '../../../renderer/src/stores/catalog'
import { useEnrollmentStore } from '../../../renderer/src/stores/enrollment'
import CustomerStep from '../../../renderer/src/views/enroll/CustomerStep.vue'
import PhoneStep from '../../../renderer/src/views/enroll/PhoneStep.vue'
import { fakeApi, ok } from '../fake-api'

// A USB/Bluetooth barcode scanner is a keyboard: it types the code, key by key, and presses
// Enter (issue 15). These tests feed such keystrokes into the enrollment form.

const imei = (body14: string) => body14 + luhnCheckDigit(body14)
const A = imei('86000000000201')
const B = imei('86000000000202')

/** What a scanner does to the focused field: one input event a character, then Enter. */
async function scan(text: string) {
  const el = document.activeElement as HTMLInputElement
  expect(el?.tagName, 'a field has the focus').toBe('INPUT')
  for (const ch of text) {
    el.value += ch
    el.dispatchEvent(new Event('input', { bubbles: true }))
  }
  const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })
  el.dispatchEvent(enter)
  await flushPromises()
  return enter
}
const focused = () => (document.activeElement as HTMLElement | null)?.id

describe('a barcode scanner on the enrollment form', () => {
  let pinia: ReturnType<typeof createPinia>
  beforeEach(async () => {
    pinia = createPinia()
    setActivePinia(pinia)
    setKioskApi(fakeApi({ 'catalog.list': () => ok(demoCatalog) }).api)
    await useCatalogStore().load()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  const mountStep = (component: unknown) =>
    mount(component as never, {
      attachTo: document.body,
      global: { plugins: [pinia, createKioskI18n('en')] },
    })

  it('a box label with both IMEIs fills IMEI 1 and 2, then the invoice scan moves on', async () => {
    const store = useEnrollmentStore()
    const w = mountStep(PhoneStep)
    w.get<HTMLInputElement>('#enroll-imei1').element.focus()
    const enter = await scan(`IMEI1:${A} IMEI2:${B}`)
    expect(enter.defaultPrevented).toBe(true)
    expect(store.draft.imei1).toBe(A)
    expect(store.draft.imei2).toBe(B)
    expect(w.get<HTMLInputElement>('#enroll-imei2').element.value).toBe(B)
    // Both IMEIs are in: the focus skips IMEI 2 and waits on the invoice number.
    expect(focused()).toBe('enroll-invoice')
    await scan('MH01/2026/0042')
    expect(store.draft.invoiceNumber).toBe('MH01/2026/0042')
    // The next empty required field after the invoice: the model.
    expect(focused()).toBe('enroll-model')
  })

  it('one IMEI a scan: each scan fills its field and moves to the next', async () => {
    const store = useEnrollmentStore()
    const w = mountStep(PhoneStep)
    w.get<HTMLInputElement>('#enroll-imei1').element.focus()
    await scan(A)
    expect(focused()).toBe('enroll-imei2')
    await scan(`IMEI:${B}`)
    expect(store.draft.imei2).toBe(B)
    expect(focused()).toBe('enroll-invoice')
  })

  it('typed details with Enter walk the customer step to its consent box, and Enter ticks it', async () => {
    const store = useEnrollmentStore()
    const w = mountStep(CustomerStep)
    w.get<HTMLInputElement>('#enroll-name').element.focus()
    await scan('Priya Sharma')
    expect(focused()).toBe('enroll-mobile')
    await scan('9876543210')
    // E-mail is optional: Enter goes past it to the ID number.
    expect(focused()).toBe('enroll-id-number')
    await scan('23456789012' + verhoeffCheckDigit('23456789012'))
    const consent = document.activeElement as HTMLInputElement
    expect(consent.type).toBe('checkbox')
    consent.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }),
    )
    await flushPromises()
    expect(store.draft.consentData).toBe(true)
    expect(Object.keys(store.customerErrors)).toEqual([])
  })
})
