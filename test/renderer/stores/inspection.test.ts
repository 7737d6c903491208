// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { setKioskApi } from '../../../renderer/src/api'
import { useInspectionStore } from '../../../renderer/src/stores/inspection'
import { fakeApi, ok } from '../fake-api'

const checklist = [
  {
    id: 'powers-on',
    group: 'power',
    label: { en: 'Powers on', hi: 'चालू' },
    required: true,
    photo: false,
  },
  {
    id: 'no-replaced-parts',
    group: 'parts',
    label: { en: 'No replaced parts', hi: 'बदला नहीं' },
    required: true,
    photo: false,
  },
  {
    id: 'fingerprint',
    group: 'functions',
    label: { en: 'Fingerprint', hi: 'फ़िंगरप्रिंट' },
    required: false,
    photo: false,
  },
]

describe('inspection store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('starts with the plan and IMEI, tracks progress, and submits every answer', async () => {
    const fake = fakeApi({
      'inspection.start': () =>
        ok({
          inspectionId: '0d9c5a0e-8b5e-4c43-9c64-1d0f9c1e2a11',
          planNumber: 'P1',
          modelName: 'M',
          variantName: 'V',
          checklist,
          startedAt: 'x',
        }),
      'inspection.submit': () =>
        ok({ verdict: 'ineligible', failedRequired: ['no-replaced-parts'] }),
    })
    setKioskApi(fake.api)
    const store = useInspectionStore()
    store.planNumber = ' P1 '
    store.imei = '8600 0000 0000 017'
    expect(await store.start()).toBe(true)
    expect(fake.calls[0]?.request).toEqual({ planNumber: 'P1', imei: '860000000000017' })
    expect(store.complete).toBe(false)
    expect(await store.submit()).toBe(false)
    store.setResult('powers-on', 'pass')
    store.setResult('no-replaced-parts', 'fail')
    store.setNote('no-replaced-parts', ' Screen replaced ')
    expect(store.failingRequired.map((i) => i.id)).toEqual(['no-replaced-parts'])
    expect(store.answered).toBe(2)
    store.setResult('fingerprint', 'pass')
    expect(store.complete).toBe(true)
    expect(await store.submit()).toBe(true)
    expect(fake.calls.at(-1)?.request).toEqual({
      inspectionId: '0d9c5a0e-8b5e-4c43-9c64-1d0f9c1e2a11',
      answers: [
        { itemId: 'powers-on', result: 'pass', note: null, photo: null },
        { itemId: 'no-replaced-parts', result: 'fail', note: 'Screen replaced', photo: null },
        { itemId: 'fingerprint', result: 'pass', note: null, photo: null },
      ],
      notes: null,
    })
    expect(store.result?.verdict).toBe('ineligible')
  })

  it('answers the IMEI item with the opening IMEI, passes the open items on "All pass", and leaves optional ones out', async () => {
    const withImei = [
      {
        id: 'imei-matches',
        group: 'identity',
        label: { en: 'IMEI matches', hi: 'IMEI मेल' },
        required: true,
        photo: false,
      },
      ...checklist,
    ]
    const fake = fakeApi({
      'inspection.start': () =>
        ok({
          inspectionId: '0d9c5a0e-8b5e-4c43-9c64-1d0f9c1e2a11',
          planNumber: 'P1',
          modelName: 'M',
          variantName: 'V',
          checklist: withImei,
          startedAt: 'x',
        }),
      'inspection.submit': () => ok({ verdict: 'eligible', failedRequired: [] }),
    })
    setKioskApi(fake.api)
    const store = useInspectionStore()
    store.planNumber = 'P1'
    store.imei = '860000000000017'
    await store.start()
    expect(store.checkedImei).toBe('860000000000017')
    expect(store.answers['imei-matches']).toMatchObject({ result: 'pass' })
    // Optional items do not hold the finish back.
    store.setResult('powers-on', 'pass')
    store.setResult('no-replaced-parts', 'pass')
    expect(store.complete).toBe(true)
    expect(await store.submit()).toBe(true)
    expect(
      (fake.calls.at(-1)?.request as { answers: { itemId: string }[] }).answers.map(
        (a) => a.itemId,
      ),
    ).toEqual(['imei-matches', 'powers-on', 'no-replaced-parts'])

    // "All pass" fills only the open items: a fail already given stays.
    store.reset()
    store.planNumber = 'P1'
    store.imei = '860000000000017'
    await store.start()
    store.setResult('no-replaced-parts', 'fail')
    store.allPass()
    expect(Object.fromEntries(withImei.map((i) => [i.id, store.answers[i.id]!.result]))).toEqual({
      'imei-matches': 'pass',
      'powers-on': 'pass',
      'no-replaced-parts': 'fail',
      fingerprint: 'pass',
    })
    expect(store.unanswered).toEqual([])
  })
})
