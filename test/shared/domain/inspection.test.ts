import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import demo from '../../../resources/catalog/demo-catalog.json'
import { CatalogSchema, type ChecklistItem } from '../../../shared/catalog'
import { decideInspection, type InspectionAnswer } from '../../../shared/domain/inspection'
import { KioskError } from '../../../shared/errors'

const checklist: ChecklistItem[] = CatalogSchema.parse(demo).checklist
const required = checklist.filter((i) => i.required).map((i) => i.id)
const optional = checklist.filter((i) => !i.required).map((i) => i.id)

function allPass(): InspectionAnswer[] {
  return checklist.map((item) => ({
    itemId: item.id,
    result: 'pass',
    ...(item.photo ? { photoHash: `sha256-${item.id}` } : {}),
  }))
}

function withResults(fails: ReadonlySet<string>): InspectionAnswer[] {
  return allPass().map((a) => (fails.has(a.itemId) ? { ...a, result: 'fail', note: 'seen' } : a))
}

function caught(f: () => unknown): KioskError {
  try {
    f()
  } catch (e) {
    if (e instanceof KioskError) return e
    throw e
  }
  throw new Error('expected a KioskError')
}

describe('decideInspection', () => {
  it('a phone passing every item is eligible', () => {
    expect(decideInspection(checklist, allPass())).toEqual({
      verdict: 'eligible',
      failedRequired: [],
      failedOptional: [],
      missingPhotos: [],
    })
  })

  it('one failed required item makes it ineligible; failures are listed in checklist order', () => {
    const answers = withResults(
      new Set(['no-replaced-parts', 'display-no-cracks', 'fingerprint']),
    ).reverse()
    expect(decideInspection(checklist, answers)).toEqual({
      verdict: 'ineligible',
      failedRequired: ['display-no-cracks', 'no-replaced-parts'],
      failedOptional: ['fingerprint'],
      missingPhotos: [],
    })
  })

  it('failed optional items alone keep it eligible', () => {
    const decision = decideInspection(checklist, withResults(new Set(optional)))
    expect(decision.verdict).toBe('eligible')
    expect(decision.failedOptional).toEqual(optional)
  })

  it('an unanswered item is an error listing what is missing, never a pass', () => {
    const answers = allPass().filter((a) => a.itemId !== 'powers-on' && a.itemId !== 'sim-tray')
    const error = caught(() => decideInspection(checklist, answers))
    expect(error.code).toBe('INSPECTION_INCOMPLETE')
    expect(error.issues?.map((i) => i.path)).toEqual(['powers-on', 'sim-tray'])
    expect(caught(() => decideInspection(checklist, [])).issues).toHaveLength(required.length)
  })

  it('optional items really are optional: left unanswered, the verdict stands (issue 15)', () => {
    expect(optional.length).toBeGreaterThan(0)
    const answers = allPass().filter((a) => !optional.includes(a.itemId))
    expect(decideInspection(checklist, answers)).toEqual({
      verdict: 'eligible',
      failedRequired: [],
      failedOptional: [],
      missingPhotos: [],
    })
    const oneFailed = withResults(new Set([required[3]!])).filter(
      (a) => !optional.includes(a.itemId),
    )
    expect(decideInspection(checklist, oneFailed).failedRequired).toEqual([required[3]])
  })

  it('answers to unknown items, twice-answered items and bad results are rejected', () => {
    const unknown = [...allPass(), { itemId: 'warp-drive', result: 'pass' as const }]
    expect(caught(() => decideInspection(checklist, unknown)).code).toBe('VALIDATION_FAILED')
    const twice = [...allPass(), { itemId: 'powers-on', result: 'fail' as const }]
    expect(caught(() => decideInspection(checklist, twice)).code).toBe('VALIDATION_FAILED')
    const bad = allPass().map((a, i) => (i === 0 ? { ...a, result: 'ok' as unknown as 'pass' } : a))
    expect(caught(() => decideInspection(checklist, bad)).issues?.[0]?.path).toBe('answers.0')
  })

  it('records items whose photo was asked for but not taken', () => {
    const answers = allPass().map(({ photoHash: _photo, ...a }) => a)
    const decision = decideInspection(checklist, answers)
    expect(decision.verdict).toBe('eligible')
    expect(decision.missingPhotos).toEqual(checklist.filter((i) => i.photo).map((i) => i.id))
    expect(decision.missingPhotos.length).toBeGreaterThan(0)
  })

  it('is ineligible exactly when a required item fails', () => {
    fc.assert(
      fc.property(fc.subarray(checklist.map((i) => i.id)), (failed) => {
        const decision = decideInspection(checklist, withResults(new Set(failed)))
        expect(decision.failedRequired).toEqual(required.filter((id) => failed.includes(id)))
        expect(decision.failedOptional).toEqual(optional.filter((id) => failed.includes(id)))
        expect(decision.verdict).toBe(
          decision.failedRequired.length > 0 ? 'ineligible' : 'eligible',
        )
      }),
    )
  })
})
