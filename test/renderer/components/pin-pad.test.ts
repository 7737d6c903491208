// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import PinPad from '../../../renderer/src/components/PinPad.vue'
import { createKioskI18n } from '../../../renderer/src/i18n'

function mountPad(props: Record<string, unknown> = {}) {
  const pin = ref('')
  const submitted: string[] = []
  const Host = defineComponent(
    () => () =>
      h(PinPad, {
        modelValue: pin.value,
        'onUpdate:modelValue': (v: string) => (pin.value = v),
        onSubmit: (v: string) => submitted.push(v),
        label: 'Asha Clerk',
        submitLabel: 'Sign in',
        ...props,
      }),
  )
  const wrapper = mount(Host, {
    global: { plugins: [createKioskI18n('en')] },
    attachTo: document.body,
  })
  return { wrapper, pin, submitted }
}

describe('PinPad', () => {
  it('takes digits by tap, shows one dot each, and submits only from 4 digits', async () => {
    const { wrapper, pin, submitted } = mountPad()
    for (const d of ['1', '2', '3'])
      await wrapper.get(`[data-testid="pin-key-${d}"]`).trigger('click')
    expect(pin.value).toBe('123')
    expect(wrapper.findAll('.dot.filled')).toHaveLength(3)
    expect(wrapper.get('[data-testid="pin-submit"]').attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="pin-key-0"]').trigger('click')
    await wrapper.get('[data-testid="pin-submit"]').trigger('click')
    expect(submitted).toEqual(['1230'])
    // The PIN is never rendered as text.
    expect(wrapper.text()).not.toContain('1230')
    wrapper.unmount()
  })

  it('works from the keyboard: digits, Backspace and Enter', async () => {
    const { wrapper, pin, submitted } = mountPad()
    for (const key of ['4', '5', '6', '9', 'Backspace', '7']) {
      window.dispatchEvent(new KeyboardEvent('keydown', { key }))
      await wrapper.vm.$nextTick()
    }
    expect(pin.value).toBe('4567')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }))
    expect(submitted).toEqual(['4567'])
    wrapper.unmount()
  })

  it('stops at the longest PIN, clears, and ignores keys typed into a real field', async () => {
    const { wrapper, pin } = mountPad({ maxLength: 4 })
    for (const d of ['1', '1', '1', '1', '1'])
      await wrapper.get(`[data-testid="pin-key-${d}"]`).trigger('click')
    expect(pin.value).toBe('1111')
    const input = document.createElement('input')
    document.body.appendChild(input)
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Backspace', bubbles: true }))
    expect(pin.value).toBe('1111')
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Clear')!
      .trigger('click')
    expect(pin.value).toBe('')
    wrapper.unmount()
  })

  it('shows the error it is given as an alert', () => {
    const { wrapper } = mountPad({ error: 'Wrong PIN. Please try again.' })
    expect(wrapper.get('[data-testid="pin-error"]').attributes('role')).toBe('alert')
    wrapper.unmount()
  })
})
