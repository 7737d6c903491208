// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import DateInput from '../../../renderer/src/components/DateInput.vue'
import { parseDayMonthYear } from '../../../renderer/src/format'
import { createKioskI18n } from '../../../renderer/src/i18n'

describe('date fields are dd/mm/yyyy in both modes (issue 14)', () => {
  it('reads Indian dates (and ISO ones) and refuses dates that do not exist', () => {
    expect(parseDayMonthYear('30/11/2026')).toBe('2026-11-30')
    expect(parseDayMonthYear('1-2-2027')).toBe('2027-02-01')
    expect(parseDayMonthYear('01022027')).toBe('2027-02-01')
    expect(parseDayMonthYear('2026-11-30')).toBe('2026-11-30')
    expect(parseDayMonthYear('31/02/2027')).toBeNull()
    expect(parseDayMonthYear('11/30/2026')).toBeNull()
    expect(parseDayMonthYear('')).toBeNull()
  })

  it('shows the model’s ISO date as dd/mm/yyyy and gives the model an ISO date back', async () => {
    const model = ref('2026-11-30')
    const Host = defineComponent(
      () => () =>
        h(DateInput, {
          modelValue: model.value,
          'onUpdate:modelValue': (v: string) => (model.value = v),
          'data-testid': 'd',
        }),
    )
    const w = mount(Host, { global: { plugins: [createKioskI18n('hi')] } })
    const input = w.get('[data-testid="d"]')
    expect((input.element as HTMLInputElement).value).toBe('30/11/2026')
    expect(input.attributes('type')).toBe('text')
    expect(input.attributes('placeholder')).toBe('दिन/माह/वर्ष')
    await input.setValue('05/12/2026')
    expect(model.value).toBe('2026-12-05')
    await input.setValue('5/13/2026')
    expect(model.value).toBe('5/13/2026')
  })
})
