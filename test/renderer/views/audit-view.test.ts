// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import type { AuditEntry } from '../../../shared/contract/audit'
import { setKioskApi } from '../../../renderer/src/api'
import { createKioskI18n } from '../../../renderer/src/i18n'
import AuditView from '../../../renderer/src/views/AuditView.vue'
import { fakeApi, ok } from '../fake-api'

const entry = (seq: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  seq,
  at: '2026-11-28T05:30:00.000Z',
  businessDate: '2026-11-28',
  staffCode: 'M1',
  action: 'devices.collect',
  entity: 'device',
  entityId: '00000000-0000-4000-8000-000000000001',
  details: { planNumber: 'MH01-K1-0000001-A', reference: 'BLUEDART-778899' },
  hash: 'f'.repeat(64),
  ...over,
})

type Verdict = {
  ok: boolean
  entries: number
  firstBrokenSeq: number | null
  reasonCode: 'ENTRY_MISSING' | 'LINK_BROKEN' | 'ENTRY_EDITED' | null
  reason: string | null
}

function auditCore(verdict: Verdict) {
  return fakeApi({
    'staff.list': () =>
      ok({
        staff: [
          {
            code: 'M1',
            name: 'Meera Manager',
            role: 'manager',
            lockedOut: false,
            lockedUntil: null,
          },
          { code: 'C1', name: 'Asha Clerk', role: 'clerk', lockedOut: false, lockedUntil: null },
        ],
      }),
    'audit.list': (req) =>
      (req as { beforeSeq?: number }).beforeSeq === undefined
        ? ok({
            entries: [
              entry(120),
              entry(119, {
                action: 'redemption.complete',
                entity: 'plan',
                entityId: 'MH01-K1-0000001-A',
                details: { creditPaise: 979930, creditNoteNumber: 'CN-1', duePaise: 0 },
              }),
              entry(118, { staffCode: null, action: 'catalog.apply', entityId: null, details: {} }),
            ],
            nextBeforeSeq: 118,
          })
        : ok({ entries: [entry(117, { action: 'staff.signIn' })], nextBeforeSeq: null }),
    'audit.verify': () => ok(verdict),
  })
}

async function mountView(core: ReturnType<typeof fakeApi>, lang: 'en' | 'hi' = 'en') {
  const pinia = createPinia()
  setActivePinia(pinia)
  setKioskApi(core.api)
  const w = mount(AuditView, { global: { plugins: [pinia, createKioskI18n(lang)] } })
  await flushPromises()
  return w
}

const INTACT: Verdict = {
  ok: true,
  entries: 120,
  firstBrokenSeq: null,
  reasonCode: null,
  reason: null,
}

describe('audit log screen', () => {
  it('words the details in the staff member’s language, never raw keys or ids (issue 14)', async () => {
    const row = entry(7, {
      staffCode: 'C1',
      action: 'enrollment.create',
      entity: 'plan',
      entityId: '6f1c2a9e-1111-4222-8333-444455556666',
      details: {
        planNumber: 'MH01-K1-0000009-Q',
        variantId: 'redmi-note-9-4-64',
        method: 'upi',
        businessDate: '2026-11-28',
        srpPaise: 1199900,
        withinWindow: true,
        earlierPlansOfId: '0a1b2c3d-0000-4000-8000-000000000009',
      },
    })
    for (const [lang, words] of [
      [
        'en',
        [
          'Asha Clerk',
          'Plan: MH01-K1-0000009-Q',
          'Payment method: UPI',
          'Business date: 28 Nov 2026',
          'SRP: ₹11,999',
          'Within cooling-off: yes',
        ],
      ],
      ['hi', ['Asha Clerk', 'प्लान: MH01-K1-0000009-Q', 'एसआरपी: ₹11,999', 'कूलिंग-ऑफ़ के भीतर: हाँ']],
    ] as const) {
      const api = fakeApi({
        'staff.list': () =>
          ok({
            staff: [
              {
                code: 'C1',
                name: 'Asha Clerk',
                role: 'clerk',
                lockedOut: false,
                lockedUntil: null,
              },
            ],
          }),
        'audit.list': () => ok({ entries: [row], nextBeforeSeq: null }),
      })
      const w = await mountView(api, lang)
      const text = w.get('[data-testid="audit-7"]').text()
      for (const word of words) expect(text).toContain(word)
      for (const raw of [
        'srpPaise',
        'withinWindow',
        'earlierPlansOfId',
        '6f1c2a9e',
        '0a1b2c3d',
        'C1',
      ])
        expect(text).not.toContain(raw)
    }
  })

  it('renders the entries newest first with staff, action, record and readable details', async () => {
    const core = auditCore(INTACT)
    const w = await mountView(core)
    expect(core.calls[0]).toEqual({ channel: 'audit.list', request: { limit: 50 } })
    const rows = w.findAll('[data-testid="audit-entries"] tbody tr')
    expect(rows.map((r) => r.attributes('data-testid'))).toEqual([
      'audit-120',
      'audit-119',
      'audit-118',
    ])
    // Staff by name (issue 14), the code in the cell's title.
    expect(rows[0]!.text()).toContain('Meera Manager')
    expect(rows[0]!.text()).not.toContain('M1')
    // The action in words, its code kept in the cell's title.
    expect(rows[0]!.text()).toContain('Old phones handed over')
    expect(rows[0]!.find('[title="devices.collect"]').exists()).toBe(true)
    expect(rows[0]!.text()).toContain('28 Nov 2026')
    expect(rows[0]!.text()).toContain('Plan: MH01-K1-0000001-A · Reference: BLUEDART-778899')
    // The record by what a person knows it by, not its UUID.
    expect(rows[0]!.text()).toContain('Phone')
    expect(rows[0]!.text()).not.toContain('00000000')
    // Paise read as rupees; no staff means the kiosk itself.
    expect(rows[1]!.text()).toContain('Credit: ₹9,799.30 · Credit note: CN-1')
    expect(rows[2]!.text()).toContain('System')
  })

  it('"Load older" asks for the entries before nextBeforeSeq and appends them', async () => {
    const core = auditCore(INTACT)
    const w = await mountView(core)
    await w.get('[data-testid="audit-older"]').trigger('click')
    await flushPromises()
    expect(core.calls.at(-1)).toEqual({
      channel: 'audit.list',
      request: { limit: 50, beforeSeq: 118 },
    })
    expect(w.findAll('[data-testid="audit-entries"] tbody tr')).toHaveLength(4)
    expect(w.get('[data-testid="audit-117"]').text()).toContain('Signed in')
    // nextBeforeSeq null: nothing older.
    expect(w.find('[data-testid="audit-older"]').exists()).toBe(false)
  })

  it('filters by business date', async () => {
    const core = auditCore(INTACT)
    const w = await mountView(core)
    await w.get('[data-testid="audit-date"]').setValue('2026-11-27')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(core.calls.at(-1)).toEqual({
      channel: 'audit.list',
      request: { limit: 50, businessDate: '2026-11-27' },
    })
  })

  it('verify: an intact chain says so', async () => {
    const w = await mountView(auditCore(INTACT))
    await w.get('[data-testid="audit-verify"]').trigger('click')
    await flushPromises()
    const verdict = w.get('[data-testid="audit-verdict"]')
    expect(verdict.text()).toContain('All 120 entries are intact')
    expect(verdict.classes()).toContain('ok')
    expect(verdict.attributes('role')).toBe('status')
  })

  it('verify: a broken chain is an alert with the first broken entry and the reason', async () => {
    const w = await mountView(
      auditCore({
        ok: false,
        entries: 120,
        firstBrokenSeq: 57,
        reasonCode: 'ENTRY_EDITED',
        reason: 'content does not match its hash (edited)',
      }),
    )
    await w.get('[data-testid="audit-verify"]').trigger('click')
    await flushPromises()
    const verdict = w.get('[data-testid="audit-verdict"]')
    expect(verdict.attributes('role')).toBe('alert')
    expect(verdict.classes()).toContain('bad')
    expect(verdict.text()).toContain('The audit chain is broken at entry 57')
    expect(verdict.text()).toContain('the entry was changed after it was written')
    expect(verdict.text()).not.toContain('intact')
  })

  it('speaks Hindi', async () => {
    const w = await mountView(auditCore(INTACT), 'hi')
    await w.get('[data-testid="audit-verify"]').trigger('click')
    await flushPromises()
    expect(w.get('h1').text()).toBe('ऑडिट लॉग')
    expect(w.get('[data-testid="audit-verdict"]').text()).toContain('सभी 120 प्रविष्टियाँ')
    expect(w.get('[data-testid="audit-120"]').text()).toContain('पुराने फ़ोन सौंपे गए')
  })

  it('shows an action it has no words for as its code', async () => {
    const w = await mountView(
      fakeApi({
        'audit.list': () =>
          ok({ entries: [entry(130, { action: 'future.thing' })], nextBeforeSeq: null }),
        'audit.verify': () => ok(INTACT),
      }),
    )
    expect(w.get('[data-testid="audit-130"]').text()).toContain('future.thing')
  })
})
