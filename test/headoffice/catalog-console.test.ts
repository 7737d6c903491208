import { describe, expect, it } from 'vitest'
import type { Catalog } from '../../shared/catalog'
import {
  catalogSummary,
  diffCatalogs,
  nextCatalogVersion,
  versionInForce,
} from '../../headoffice/services/catalog-console'
import { DEMO_CATALOG } from './harness'

// The catalog screen's rules that need no database (docs/console.md#catalog).

describe('the next catalog version', () => {
  it('numbers on in the month of the date, one past the highest published there', () => {
    expect(nextCatalogVersion([], '2026-11-30')).toBe('2026.11.1')
    expect(nextCatalogVersion(['2026.11.1'], '2026-11-30')).toBe('2026.11.2')
    // Numeric, not lexical: after .9 comes .10, and .10 is the highest.
    expect(nextCatalogVersion(['2026.11.9', '2026.11.10', '2026.11.2'], '2026-11-30')).toBe(
      '2026.11.11',
    )
    expect(nextCatalogVersion(['2026.11.4'], '2026-12-01')).toBe('2026.12.1')
  })

  it('stays newer than every published version, even one numbered for a later month', () => {
    expect(nextCatalogVersion(['2026.11.1', '2027.01.3'], '2026-12-01')).toBe('2027.01.4')
  })
})

describe('the version in force (the kiosk’s rule)', () => {
  const versions = [
    { version: '2026.11.1', effectiveFrom: '2020-11-05' },
    { version: '2026.11.10', effectiveFrom: '2026-11-20' },
    { version: '2026.11.2', effectiveFrom: '2026-11-10' },
    { version: '2026.12.1', effectiveFrom: '2026-12-15' },
  ]
  it('is the newest whose effective date has come; a scheduled one waits', () => {
    expect(versionInForce(versions, '2026-11-09')?.version).toBe('2026.11.1')
    expect(versionInForce(versions, '2026-11-10')?.version).toBe('2026.11.2')
    expect(versionInForce(versions, '2026-12-14')?.version).toBe('2026.11.10')
    expect(versionInForce(versions, '2026-12-15')?.version).toBe('2026.12.1')
  })
  it('is the oldest before any has started, none without versions', () => {
    expect(versionInForce(versions, '2019-01-01')?.version).toBe('2026.11.1')
    expect(versionInForce([], '2026-11-30')).toBeNull()
  })
})

describe('a draft’s diff', () => {
  const base = () => DEMO_CATALOG() as Catalog
  it('is empty for the same catalog under a new number and date, but names those', () => {
    const next = { ...base(), version: '2026.11.2', effectiveFrom: '2026-12-01' }
    const diff = diffCatalogs(base(), next)
    expect(diff.empty).toBe(true)
    expect(diff.settings).toEqual([
      { field: 'version', before: '2026.11.1', after: '2026.11.2' },
      { field: 'effectiveFrom', before: '2020-11-05', after: '2026-12-01' },
    ])
  })

  it('names changed settings, eligibility, a model’s own SAC, parts the console does not edit', () => {
    const next = base()
    next.gstRatePercent = 5
    next.models[0]!.active = false
    next.models[0]!.sacCode = '998599'
    next.models[0]!.variants[1]!.active = false
    next.stores[0]!.name = 'Renamed store'
    const diff = diffCatalogs(base(), next)
    expect(diff.empty).toBe(false)
    expect(diff.settings).toEqual([{ field: 'gstRatePercent', before: 18, after: 5 }])
    expect(diff.models.changed[0]!.changes).toEqual([
      { field: 'sacCode', before: null, after: '998599' },
      { field: 'active', before: true, after: false },
    ])
    expect(diff.variants.changed[0]).toMatchObject({
      id: next.models[0]!.variants[1]!.id,
      changes: [{ field: 'active', before: true, after: false }],
    })
    expect(diff.otherSections).toEqual(['stores'])
    expect(diff.schedule).toBeNull()
  })

  it('summarises a version for the audit without its whole body', () => {
    expect(catalogSummary(base())).toEqual({
      version: '2026.11.1',
      effectiveFrom: '2020-11-05',
      models: 10,
      variants: 21,
      schedule: ['months 4–6: 70%', 'months 7–9: 60%', 'months 10–12: 50%', 'months 13–15: 40%'],
    })
  })
})
