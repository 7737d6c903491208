// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import type { DeviceIntake } from '../../../shared/contract/devices'
import { setKioskApi } from '../../../renderer/src/api'
import { confirmState } from '../../../renderer/src/composables/use-confirm'
import { createKioskI18n } from '../../../renderer/src/i18n'
import DevicesView from '../../../renderer/src/views/DevicesView.vue'
import { fakeApi, ok } from '../fake-api'

const intake = (n: number, over: Partial<DeviceIntake> = {}): DeviceIntake => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  planNumber: `MH01-K1-000000${n}-A`,
  source: 'redemption',
  partnerReference: null,
  imei: `86000000000000${n}`,
  modelName: n === 2 ? 'Mi 10T' : 'Redmi Note 9 Pro',
  assuredValuePaise: 979930 + n,
  status: 'received',
  receivedOn: '2026-11-2' + n,
  collectedOn: null,
  reference: null,
  ...over,
})

/** A core with an intake list that devices.collect really changes. */
function intakeCore(devices: DeviceIntake[]) {
  return fakeApi({
    'devices.list': (req) => {
      const status = (req as { status?: string }).status
      return ok({ devices: devices.filter((d) => !status || d.status === status) })
    },
    'devices.collect': (req) => {
      const { deviceIds, reference } = req as { deviceIds: string[]; reference?: string }
      for (const d of devices) {
        if (deviceIds.includes(d.id)) {
          Object.assign(d, {
            status: 'collected',
            collectedOn: '2026-11-28',
            reference: reference ?? null,
          })
        }
      }
      return ok({ devices: devices.filter((d) => deviceIds.includes(d.id)) })
    },
  })
}

async function mountView(core: ReturnType<typeof fakeApi>, lang: 'en' | 'hi' = 'en') {
  const pinia = createPinia()
  setActivePinia(pinia)
  setKioskApi(core.api)
  const w = mount(DevicesView, { global: { plugins: [pinia, createKioskI18n(lang)] } })
  await flushPromises()
  return w
}

describe('old phones screen', () => {
  beforeEach(() => confirmState.resolve?.(false))

  it('lists the phones awaiting collection with plan, model, IMEI, value and date', async () => {
    const core = intakeCore([
      intake(1),
      intake(2),
      intake(3),
      intake(4, { status: 'collected', collectedOn: '2026-11-25', reference: 'OLD-1' }),
    ])
    const w = await mountView(core)
    const rows = w.findAll('[data-testid="devices-waiting"] tbody tr')
    expect(rows).toHaveLength(3)
    expect(rows[0]!.text()).toContain('MH01-K1-0000001-A')
    expect(rows[0]!.text()).toContain('Redmi Note 9 Pro')
    expect(rows[0]!.text()).toContain('860000000000001')
    expect(rows[0]!.text()).toContain('₹9,799.31')
    expect(rows[0]!.text()).toContain('21 Nov 2026')
    expect(rows[1]!.text()).toContain('Mi 10T')
    expect(w.get('[data-testid="devices-collected"]').text()).toContain('OLD-1')
    expect(w.get('[data-testid="devices-collect"]').attributes('disabled')).toBeDefined()
    // Every input has a label (the row boxes name their plan for a screen reader).
    expect(
      w.get('[data-testid="device-select-860000000000002"]').element.closest('label')!.textContent,
    ).toContain('MH01-K1-0000002-A')
  })

  it('collects exactly the selected phones with the typed reference, after confirmation', async () => {
    const devices = [intake(1), intake(2), intake(3)]
    const core = intakeCore(devices)
    const w = await mountView(core)
    await w.get('[data-testid="device-select-860000000000001"]').setValue(true)
    await w.get('[data-testid="device-select-860000000000003"]').setValue(true)
    expect(w.get('[data-testid="devices-selected"]').text()).toBe('Selected: 2 of 3')
    await w.get('[data-testid="devices-reference"]').setValue('BLUEDART-778899')
    await w.get('form').trigger('submit')
    await flushPromises()

    expect(confirmState.open).toBe(true)
    expect(confirmState.request?.title).toBe('Mark 2 phones as collected?')
    expect(confirmState.request?.message).toContain('BLUEDART-778899')
    expect(core.count('devices.collect')).toBe(0)
    confirmState.resolve!(true)
    await flushPromises()

    expect(core.calls.filter((c) => c.channel === 'devices.collect')).toEqual([
      {
        channel: 'devices.collect',
        request: { deviceIds: [devices[0]!.id, devices[2]!.id], reference: 'BLUEDART-778899' },
      },
    ])
    expect(w.get('[data-testid="devices-done"]').text()).toBe('Phones marked as collected: 2')
    const waiting = w.findAll('[data-testid="devices-waiting"] tbody tr')
    expect(waiting.map((r) => r.attributes('data-testid'))).toEqual(['device-860000000000002'])
    const collected = w.get('[data-testid="devices-collected"]')
    for (const imei of ['860000000000001', '860000000000003']) {
      const row = collected.get(`[data-testid="collected-${imei}"]`)
      expect(row.text()).toContain('BLUEDART-778899')
      expect(row.text()).toContain('28 Nov 2026')
    }
    // The form is ready for the next pickup.
    expect((w.get('[data-testid="devices-reference"]').element as HTMLInputElement).value).toBe('')
  })

  it('"select all" takes every waiting phone; a refused confirmation calls nothing', async () => {
    const core = intakeCore([intake(1), intake(2)])
    const w = await mountView(core)
    await w.get('[data-testid="devices-select-all"]').setValue(true)
    expect(w.get('[data-testid="devices-selected"]').text()).toBe('Selected: 2 of 2')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(confirmState.request?.message).toContain('No pickup reference')
    confirmState.resolve!(false)
    await flushPromises()
    expect(core.count('devices.collect')).toBe(0)
    expect(w.findAll('[data-testid="devices-waiting"] tbody tr')).toHaveLength(2)
    expect(w.get('[data-testid="devices-selected"]').text()).toBe('Selected: 2 of 2')
  })

  it('shows an empty state in Hindi when no phone is waiting', async () => {
    const w = await mountView(intakeCore([]), 'hi')
    expect(w.get('[data-testid="devices-empty"]').text()).toBe('ले जाने के लिए कोई फ़ोन बाक़ी नहीं है।')
    expect(w.find('[data-testid="devices-collect"]').exists()).toBe(false)
  })

  it('shows the core refusal and the list as it now is', async () => {
    const devices = [intake(1)]
    const core = fakeApi({
      'devices.list': () => ok({ devices }),
      'devices.collect': () => ({
        ok: false,
        error: { code: 'DEVICE_ALREADY_COLLECTED', message: 'x' },
      }),
    })
    const w = await mountView(core)
    await w.get('[data-testid="device-select-860000000000001"]').setValue(true)
    await w.get('form').trigger('submit')
    await flushPromises()
    confirmState.resolve!(true)
    await flushPromises()
    expect(w.get('[role="alert"]').text()).toBe('This phone was already collected.')
    expect(core.count('devices.list')).toBe(4)
  })
})
