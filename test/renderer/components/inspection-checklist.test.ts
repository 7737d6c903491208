// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { nextTick, reactive } from 'vue'
import demoCatalog from '../../../resources/catalog/demo-catalog.json'
import type { ChecklistItem } from '../../../shared/catalog'
import InspectionChecklist from '../../../renderer/src/components/InspectionChecklist.vue'
import { createKioskI18n } from '../../../renderer/src/i18n'
import type { Answer } from '../../../renderer/src/stores/inspection'

const items = demoCatalog.checklist as ChecklistItem[]

const required = items.filter((i) => i.required)

function setup(lang: 'en' | 'hi' = 'en', checkedImei: string | null = null) {
  const answers = reactive<Record<string, Answer>>(
    Object.fromEntries(items.map((i) => [i.id, { result: null, note: '', photo: null }])),
  )
  const events: [string, ...unknown[]][] = []
  const wrapper = mount(InspectionChecklist, {
    props: {
      items,
      answers,
      checkedImei,
      onAllPass: () => events.push(['allPass']),
      onResult: (id: string, v: string) => {
        events.push(['result', id, v])
        answers[id]!.result = v as 'pass' | 'fail'
      },
      onNote: (id: string, v: string) => events.push(['note', id, v]),
    },
    global: { plugins: [createKioskI18n(lang)] },
  })
  return { wrapper, answers, events }
}

describe('InspectionChecklist', () => {
  it('lists every item as a row under its group, optional ones marked, progress of the required', () => {
    const { wrapper } = setup()
    expect(wrapper.findAll('li.item')).toHaveLength(items.length)
    expect(wrapper.findAll('h2.group-title').map((h) => h.text())).toEqual([
      'Identity',
      'Power and battery',
      'Display',
      'Body',
      'Parts',
      'Functions',
      'Locks and status',
    ])
    expect(wrapper.get('[data-testid="inspect-progress"]').text()).toContain(
      `0 of ${required.length} required items checked`,
    )
    expect(wrapper.get('[data-testid="check-holds-charge"]').text()).toContain('Optional')
    expect(wrapper.get('[data-testid="check-no-replaced-parts"]').text()).not.toContain('Optional')
  })

  it('"All pass" asks the store to pass the open items, and is off once none is open', async () => {
    const { wrapper, events, answers } = setup()
    await wrapper.get('[data-testid="inspect-all-pass"]').trigger('click')
    expect(events).toEqual([['allPass']])
    for (const item of items) answers[item.id]!.result = 'pass'
    await nextTick()
    expect(wrapper.get('[data-testid="inspect-all-pass"]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="inspect-progress"]').text()).toContain(
      `${required.length} of ${required.length}`,
    )
  })

  it('shows the IMEI item done with the IMEI that opened the inspection, without buttons', () => {
    const { wrapper } = setup('en', '860000000000017')
    const row = wrapper.get('[data-testid="check-imei-matches"]')
    expect(row.get('[data-testid="check-imei-matches-done"]').text()).toContain('860000000000017')
    expect(row.find('[data-testid="check-imei-matches-pass"]').exists()).toBe(false)
    expect(row.find('[data-testid="check-imei-matches-fail"]').exists()).toBe(false)
    // Without an opening IMEI it is an ordinary row.
    const plain = setup().wrapper.get('[data-testid="check-imei-matches"]')
    expect(plain.find('[data-testid="check-imei-matches-pass"]').exists()).toBe(true)
  })

  it('big pass/fail buttons report the answer and show it pressed; a fail opens the note', async () => {
    const { wrapper, events } = setup()
    await wrapper.get('[data-testid="check-powers-on-pass"]').trigger('click')
    await wrapper.get('[data-testid="check-no-replaced-parts-fail"]').trigger('click')
    expect(events).toEqual([
      ['result', 'powers-on', 'pass'],
      ['result', 'no-replaced-parts', 'fail'],
    ])
    expect(wrapper.get('[data-testid="check-powers-on-pass"]').attributes('aria-pressed')).toBe(
      'true',
    )
    expect(
      wrapper.get('[data-testid="check-no-replaced-parts-fail"]').attributes('aria-pressed'),
    ).toBe('true')
    expect(wrapper.get('[data-testid="inspect-progress"]').text()).toContain(
      `2 of ${required.length}`,
    )
    const note = wrapper.get('[data-testid="check-no-replaced-parts-note"]')
    await note.setValue('Screen not original')
    expect(events.at(-1)).toEqual(['note', 'no-replaced-parts', 'Screen not original'])
  })

  it('shows the catalog’s Hindi labels in Hindi', () => {
    const { wrapper } = setup('hi')
    expect(wrapper.get('[data-testid="check-no-missing-parts"]').text()).toContain(
      'कोई पुर्ज़ा ग़ायब नहीं है',
    )
    expect(wrapper.get('[data-testid="check-no-missing-parts-pass"]').text()).toContain('ठीक')
  })
})
