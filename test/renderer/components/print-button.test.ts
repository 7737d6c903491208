// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { setKioskApi } from '../../../renderer/src/api'
import PrintButton from '../../../renderer/src/components/PrintButton.vue'
import { createKioskI18n } from '../../../renderer/src/i18n'
import { fakeApi, ok } from '../fake-api'

const HTML = `<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'">
<style>body { font-size: 9pt; } .receipt { width: 72mm; }</style></head>
<body><main class="receipt"><h1>Tax invoice</h1><table><tr><th style="width:50%">Fee</th></tr></table></main></body></html>`

const thermal = {
  printers: [
    {
      id: 'thermal',
      name: 'Thermal 127.0.0.1:9100',
      paper: '58mm',
      isDefault: true,
      available: true,
    },
  ],
  settings: null,
  systemPrinters: [],
  systemPrintingAvailable: false,
  waitingJobs: 0,
}
const none = { ...thermal, printers: [] }

function core(list: typeof thermal, copies = { next: 1 }) {
  return fakeApi({
    'printers.list': () => ok(list),
    'receipts.preview': (req) =>
      ok({
        kind: 'enrollment',
        ref: (req as { ref: string }).ref,
        documentNumber: 'INV-1',
        title: 'Tax invoice',
        html: HTML,
        copy: copies.next,
        lang: 'en',
      }),
    'receipts.print': () => {
      const copy = copies.next++
      return ok({
        printed: true,
        target: 'thermal',
        copy,
        duplicate: copy > 1,
        lang: 'en',
        jobId: null,
      })
    },
  })
}

function mountButton(props: Record<string, unknown>, lang: 'en' | 'hi' = 'en') {
  return mount(PrintButton, {
    props: { kind: 'enrollment', docRef: 'MH01-K1-0000001-A', ...props },
    global: { plugins: [createKioskI18n(lang)] },
  })
}

describe('PrintButton: print with a preview of the same document (issue 14 item 1)', () => {
  it('the first print is labelled Print, the next one Reprint', async () => {
    const api = core(thermal)
    setKioskApi(api.api)
    const w = mountButton({ previewOpen: true })
    await flushPromises()
    const button = w.get('[data-testid="print-enrollment"]')
    expect(button.text()).toBe('Print')
    await button.trigger('click')
    await flushPromises()
    expect(api.count('receipts.print')).toBe(1)
    expect(button.text()).toBe('Reprint')
  })

  it('shows the preview at the roll width, with the receipt styles inside a shadow root', async () => {
    setKioskApi(core(thermal).api)
    const w = mountButton({ previewOpen: true })
    await flushPromises()
    const host = w.get('[data-testid="receipt-preview"]').element as HTMLElement
    expect(host.getAttribute('aria-label')).toBe('Tax invoice')
    const root = host.shadowRoot!
    expect(root.querySelector('h1')?.textContent).toBe('Tax invoice')
    expect(root.querySelector('meta, style')).toBeNull()
    expect(root.querySelector('th')?.getAttribute('style')).toBe('width: 50%;')
    expect(w.get('[data-testid="preview-enrollment"]').find('.paper-58mm').exists()).toBe(true)
  })

  it('without a printer: no automatic print, Print disabled, and the preview prints or saves from the browser', async () => {
    const api = core(none)
    setKioskApi(api.api)
    const w = mountButton({ auto: true, previewOpen: true }, 'hi')
    await flushPromises()
    expect(api.count('receipts.print')).toBe(0)
    expect(w.get('[data-testid="print-enrollment"]').attributes('disabled')).toBeDefined()
    expect(w.get('[data-testid="print-status-enrollment"]').text()).toContain('कोई प्रिंटर')
    expect(w.find('[data-testid="browser-print-enrollment"]').exists()).toBe(true)
    expect(w.find('[data-testid="save-html-enrollment"]').exists()).toBe(true)
    expect(w.find('[data-testid="save-pdf-enrollment"]').exists()).toBe(false)
    expect(api.calls.find((c) => c.channel === 'receipts.preview')?.request).toMatchObject({
      lang: 'hi',
      paper: 'a4',
    })
  })

  it('prints the original by itself after a sale, but never again when the copy was printed', async () => {
    const api = core(thermal, { next: 2 })
    setKioskApi(api.api)
    const w = mountButton({ auto: true })
    await flushPromises()
    expect(api.count('receipts.print')).toBe(0)
    expect(w.get('[data-testid="print-enrollment"]').text()).toBe('Reprint')
    const fresh = core(thermal)
    setKioskApi(fresh.api)
    mountButton({ auto: true, openDrawer: true })
    await flushPromises()
    expect(fresh.calls.find((c) => c.channel === 'receipts.print')?.request).toMatchObject({
      openDrawer: true,
    })
  })
})
