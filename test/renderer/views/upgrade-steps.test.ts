// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { useRedemptionStore } from '../../../renderer/src/stores/redemption'
import DeviceStep from '../../../renderer/src/views/upgrade/DeviceStep.vue'
import { stepHarness } from './step-harness'

describe('upgrade wizard steps', () => {
  let mountStep: Awaited<ReturnType<typeof stepHarness>>
  beforeEach(async () => {
    mountStep = await stepHarness()
  })

  it('new phone: a phone of the list fills in its name and price; "other" lets the clerk type it', async () => {
    const store = useRedemptionStore()
    const w = mountStep(DeviceStep)
    const select = w.get('[data-testid="upgrade-model"]')
    expect(select.findAll('option').at(-1)!.text()).toBe('Another model (type it)')
    await select.setValue('mi-10t-8-128')
    expect(store.device.modelName).toBe('Mi 10T 8 GB + 128 GB')
    expect(store.device.price).toBe('35999')
    expect(w.find('[data-testid="upgrade-model-name"]').exists()).toBe(false)
    await select.setValue('other')
    expect(store.device.modelName).toBe('')
    expect(w.find('[data-testid="upgrade-model-name"]').exists()).toBe(true)
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
