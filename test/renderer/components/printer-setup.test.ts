// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { setKioskApi } from '../../../renderer/src/api'
import PrinterSetup from '../../../renderer/src/components/PrinterSetup.vue'
import { createKioskI18n } from '../../../renderer/src/i18n'
import { fakeApi, ok } from '../fake-api'

type Settings = Record<string, unknown> | null

/** A core whose printers.configure really changes what printers.list answers. */
function core(system: { name: string; isDefault: boolean }[] = []) {
  let settings: Settings = null
  const list = () => {
    const s = settings as { thermal: { host: string; port: number; width: string } } | null
    return ok({
      printers: s?.thermal
        ? [
            {
              id: 'thermal',
              name: `Thermal ${s.thermal.host}:${s.thermal.port}`,
              paper: s.thermal.width,
              isDefault: true,
              available: true,
            },
          ]
        : [],
      settings,
      systemPrinters: system,
      systemPrintingAvailable: system.length > 0,
      waitingJobs: 0,
    })
  }
  return fakeApi({
    'printers.list': list,
    'printers.configure': (req) => ok((settings = req as Settings)),
    'printers.test': () =>
      ok({
        printed: true,
        target: 'thermal',
        status: {
          online: true,
          coverOpen: false,
          paperEnd: false,
          paperNearEnd: true,
          error: false,
        },
      }),
  })
}

const mountSetup = (lang: 'en' | 'hi' = 'en') =>
  mount(PrinterSetup, { global: { plugins: [createKioskI18n(lang)] } })

describe('printer setup in Settings (issue 14 item 1)', () => {
  it('saves a thermal printer (host, port, 58 mm, raster QR) and prints a test page with its answer', async () => {
    const api = core()
    setKioskApi(api.api)
    const w = mountSetup()
    await flushPromises()
    expect(w.get('[data-testid="settings-printer"]').text()).toContain('No printer')
    expect(w.get('[data-testid="printer-no-system"]').text()).toContain(
      'Browser mode has no system printer',
    )
    await w.get('[data-testid="printer-host"]').setValue('127.0.0.1')
    await w.get('[data-testid="printer-port"]').setValue('9911')
    await w.get('[data-testid="printer-width"]').setValue('58mm')
    await w.get('[data-testid="printer-mode"]').setValue('raster-qr')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(api.calls.find((c) => c.channel === 'printers.configure')?.request).toEqual({
      thermal: { host: '127.0.0.1', port: 9911, width: '58mm', mode: 'raster-qr', text: 'ascii' },
      system: null,
      defaultTarget: 'thermal',
    })
    expect(w.find('[data-testid="printer-saved"]').exists()).toBe(true)
    expect(w.get('[data-testid="settings-printer"]').text()).toContain('Thermal 127.0.0.1:9911')
    await w.get('[data-testid="printer-test-thermal"]').trigger('click')
    await flushPromises()
    const result = w.get('[data-testid="printer-test-result"]').text()
    expect(result).toContain('Test page printed.')
    expect(result).toContain('paper running low')
  })

  it('refuses a port out of range on the screen, in Hindi too', async () => {
    const api = core()
    setKioskApi(api.api)
    const w = mountSetup('hi')
    await flushPromises()
    await w.get('[data-testid="printer-host"]').setValue('printer.local')
    await w.get('[data-testid="printer-port"]').setValue('70000')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(api.count('printers.configure')).toBe(0)
    expect(w.get('[data-testid="printer-port-error"]').text()).toContain('65535')
  })

  it('offers the shell’s system printers and which printer is the default', async () => {
    const api = core([{ name: 'Office A4', isDefault: true }])
    setKioskApi(api.api)
    const w = mountSetup()
    await flushPromises()
    await w.get('[data-testid="printer-host"]').setValue('10.0.0.9')
    await w.get('[data-testid="printer-system-on"]').setValue(true)
    await w.get('[data-testid="printer-system"]').setValue('Office A4')
    await w.get('input[name="default-printer"][value="system"]').setValue(true)
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(api.calls.find((c) => c.channel === 'printers.configure')?.request).toMatchObject({
      system: { deviceName: 'Office A4', paper: 'a4' },
      defaultTarget: 'system',
    })
  })
})
