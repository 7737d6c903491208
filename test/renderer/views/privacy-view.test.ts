// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { setKioskApi } from '../../../renderer/src/api'
import { createKioskI18n } from '../../../renderer/src/i18n'
import PrivacyView from '../../../renderer/src/views/PrivacyView.vue'
import { fail, fakeApi, ok } from '../fake-api'

// Issue 18 item 4: the manager's screen for a customer's data-principal request.

const REQUEST = {
  requestId: '00000000-0000-4000-8000-000000000001',
  kind: 'correction',
  planNumber: 'MH01-K1-0000001-X',
  status: 'open',
  source: 'kiosk',
  raisedOn: '2026-11-30',
  dueOn: '2026-12-30',
  completedOn: null,
  outcome: null,
  synced: false,
}

async function open(answers: Array<() => unknown>, lang: 'en' | 'hi' = 'en') {
  const pinia = createPinia()
  setActivePinia(pinia)
  let n = 0
  const api = fakeApi({
    'privacy.list': () => ok({ requests: [] }),
    'privacy.request': () => answers[Math.min(n++, answers.length - 1)]!(),
  })
  setKioskApi(api.api)
  const w = mount(PrivacyView, { global: { plugins: [pinia, createKioskI18n(lang)] } })
  await flushPromises()
  return { w, api }
}

describe('customer data requests screen', () => {
  it('sends a correction with only the fields filled in, and retries under the same request id', async () => {
    const { w, api } = await open([
      () =>
        fail('MOBILE_INVALID', [
          { path: 'correction.mobile', code: 'MOBILE_INVALID', message: 'bad' },
        ]),
      () => ok({ request: REQUEST, summary: null }),
    ])
    await w.get('[data-testid="rights-kind-correction"]').setValue(true)
    await w.get('[data-testid="rights-plan"]').setValue(' MH01-K1-0000001-X ')
    await w.get('[data-testid="rights-id"]').setValue('234f')
    await w.get('[data-testid="rights-mobile"]').setValue('98220')
    await w.get('[data-testid="rights-form"]').trigger('submit')
    await flushPromises()
    expect(w.get('[data-testid="rights-mobile-error"]').text()).toContain('mobile')
    await w.get('[data-testid="rights-mobile"]').setValue('9822099887')
    await w.get('[data-testid="rights-form"]').trigger('submit')
    await flushPromises()
    const sent = api.calls.filter((c) => c.channel === 'privacy.request').map((c) => c.request)
    expect(sent).toHaveLength(2)
    expect(sent[1]).toEqual({
      requestId: (sent[0] as { requestId: string }).requestId,
      kind: 'correction',
      planNumber: 'MH01-K1-0000001-X',
      idLast4: '234f',
      correction: { mobile: '9822099887' },
    })
    expect(w.get('[data-testid="rights-taken"]').text()).toContain('30 Dec 2026')
    // Recorded: the form is locked until the next customer, who gets a new request id.
    expect(w.get('[data-testid="rights-submit"]').attributes('disabled')).toBeDefined()
    await w.get('[data-testid="rights-next"]').trigger('click')
    expect((w.get('[data-testid="rights-plan"]').element as HTMLInputElement).value).toBe('')
  })

  it('shows a refusal in Hindi under the field it concerns', async () => {
    const { w } = await open([() => fail('PRIVACY_IDENTITY_MISMATCH')], 'hi')
    await w.get('[data-testid="rights-plan"]').setValue('MH01-K1-0000001-X')
    await w.get('[data-testid="rights-id"]').setValue('9999')
    await w.get('[data-testid="rights-form"]').trigger('submit')
    await flushPromises()
    expect(w.get('[data-testid="rights-id-error"]').text()).toContain('मेल नहीं खाते')
  })
})
