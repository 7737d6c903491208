// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import SelectField from '../../../renderer/src/components/SelectField.vue'

const OPTIONS = [
  { value: 'redmi-note-9-pro', label: 'Redmi Note 9 Pro' },
  { value: 'mi-10t', label: 'Mi 10T' },
]

function mountField(props: Record<string, unknown> = {}, slot?: () => unknown) {
  const value = ref('')
  const Host = defineComponent(
    () => () =>
      h(
        SelectField,
        {
          id: 'model',
          label: 'Model',
          options: OPTIONS,
          modelValue: value.value,
          'onUpdate:modelValue': (v: string) => (value.value = v),
          ...props,
        },
        slot ? { default: slot } : undefined,
      ),
  )
  return { wrapper: mount(Host), value }
}

describe('SelectField', () => {
  it('labels the select, lists the choices after a disabled placeholder, and sets the model', async () => {
    const { wrapper, value } = mountField({ placeholder: 'Choose a model', testid: 'model' })
    expect(wrapper.get('label').attributes('for')).toBe('model')
    expect(wrapper.get('label').text()).toBe('Model')
    const options = wrapper.findAll('option')
    expect(options.map((o) => o.text())).toEqual(['Choose a model', 'Redmi Note 9 Pro', 'Mi 10T'])
    expect(options[0]!.attributes('value')).toBe('')
    expect(options[0]!.attributes()).toHaveProperty('disabled')
    const select = wrapper.get('[data-testid="model"]')
    expect(select.attributes('id')).toBe('model')
    await select.setValue('mi-10t')
    expect(value.value).toBe('mi-10t')
  })

  it('has no placeholder unless asked, and shows the model’s value', async () => {
    const { wrapper, value } = mountField()
    expect(wrapper.findAll('option')).toHaveLength(2)
    value.value = 'mi-10t'
    await wrapper.vm.$nextTick()
    expect((wrapper.get('select').element as HTMLSelectElement).value).toBe('mi-10t')
  })

  it('marks a required field with a star hidden from screen readers, like TextField', () => {
    const { wrapper } = mountField({ required: true })
    const star = wrapper.get('label .req')
    expect(star.text()).toBe('*')
    expect(star.attributes('aria-hidden')).toBe('true')
    expect(mountField().wrapper.find('.req').exists()).toBe(false)
  })

  it('shows an error under the field and links it to the select', () => {
    const { wrapper } = mountField({ error: 'Please fill this in.', testid: 'model' })
    const select = wrapper.get('select')
    expect(select.attributes('aria-invalid')).toBe('true')
    expect(select.attributes('aria-describedby')).toBe('model-msg')
    const msg = wrapper.get('#model-msg')
    expect(msg.classes()).toContain('field-error')
    expect(msg.text()).toBe('Please fill this in.')
    expect(wrapper.get('[data-testid="model-error"]').text()).toBe('Please fill this in.')
  })

  it('is valid and described by nothing without an error or hint', () => {
    const select = mountField().wrapper.get('select')
    expect(select.attributes('aria-invalid')).toBe('false')
    expect(select.attributes('aria-describedby')).toBeUndefined()
  })

  it('can be marked invalid when its message is shown under another field', () => {
    const { wrapper } = mountField({ invalid: true })
    expect(wrapper.get('select').attributes('aria-invalid')).toBe('true')
    expect(wrapper.find('.field-error').exists()).toBe(false)
    expect(wrapper.get('select').attributes('aria-describedby')).toBeUndefined()
  })

  it('links a hint and an error both, and can be disabled', () => {
    const { wrapper } = mountField({ hint: 'As on the invoice', error: 'Wrong', disabled: true })
    expect(wrapper.get('#model-hint').text()).toBe('As on the invoice')
    expect(wrapper.get('select').attributes('aria-describedby')).toBe('model-hint model-msg')
    expect(wrapper.get('select').attributes()).toHaveProperty('disabled')
  })

  it('keeps extra content (a note) inside the field', () => {
    const { wrapper } = mountField({}, () => h('span', { class: 'muted' }, 'Locks sooner'))
    expect(wrapper.get('.field .muted').text()).toBe('Locks sooner')
  })
})
