import { describe, expect, it } from 'vitest'
import demo from '../../resources/catalog/demo-catalog.json'
import { CatalogSchema, feeSacCode, findVariant } from '../../shared/catalog'
import { DEFAULT_SCHEDULE } from '../../shared/domain/assured-value'
import { validateGstin } from '../../shared/domain/validators'

// docs/program-rules.md#plan-fee, in rupees, exactly as published.
const PROGRAM_FEES_RUPEES: Record<string, number> = {
  'Redmi 9': 399,
  'Redmi 9 Prime': 399,
  'Redmi Note 9': 499,
  'Redmi Note 9 Pro': 549,
  'Redmi Note 9 Pro Max': 599,
  'Redmi K20 Pro': 999,
  'Mi 10T': 1499,
  'Mi 10T Pro': 1699,
  'Mi 10': 1999,
}

const catalog = CatalogSchema.parse(demo)

describe('the bundled demo catalog', () => {
  it('parses with the catalog schema and carries the program settings', () => {
    expect(catalog).toMatchObject({
      version: '2026.11.1',
      effectiveFrom: '2020-11-05',
      brand: 'Xiaomi',
      gstRatePercent: 18,
      enrollmentWindowDays: 7,
      cancellationWindowDays: 7,
      kycRetentionDays: 365,
      offlineRedemptionLimitPaise: 3_000_000,
    })
    expect(catalog.schedule).toEqual(DEFAULT_SCHEDULE)
  })

  it('names the DPDP notice version and the grievance officer the notice gives (issue 18)', () => {
    expect(catalog.privacy).toEqual({
      consentVersion: 'dpdp-2026.11',
      grievanceOfficer: {
        name: 'Grievance Officer, Smart Upgrade Programme',
        email: 'grievance@smartupgrade.example.in',
        phone: '18001030000',
      },
    })
  })

  it('has every model of docs/program-rules.md#plan-fee, active, at exactly its fee', () => {
    const active = catalog.models.filter((m) => m.active)
    expect(active.map((m) => m.name).sort()).toEqual(Object.keys(PROGRAM_FEES_RUPEES).sort())
    for (const model of active) expect(model.feePaise).toBe(PROGRAM_FEES_RUPEES[model.name]! * 100)
  })

  it('gives every model variants with a sample SRP, ids derived from the model', () => {
    for (const model of catalog.models) {
      expect(model.id).toMatch(/^[a-z0-9-]+$/)
      expect(model.variants.length).toBeGreaterThan(0)
      for (const variant of model.variants) {
        expect(variant.id.startsWith(`${model.id}-`)).toBe(true)
        expect(variant.name).toMatch(/^\d+ GB \+ \d+ GB$/)
        expect(variant.srpPaise % 100).toBe(0)
        expect(variant.srpPaise).toBeGreaterThan(model.feePaise * 10)
        expect(findVariant(catalog, variant.id)?.model.id).toBe(model.id)
      }
    }
    expect(findVariant(catalog, 'redmi-note-9-pro-4-64')?.variant.srpPaise).toBe(1_399_900)
    expect(findVariant(catalog, 'mi-10-8-256')?.variant.srpPaise).toBe(5_499_900)
  })

  it('has the three kinds of offline program store and an online channel', () => {
    const kinds = new Set(catalog.stores.filter((s) => s.active).map((s) => s.kind))
    expect(kinds).toEqual(new Set(['mi-home', 'mi-studio', 'preferred-partner', 'online']))
    expect(catalog.stores.find((s) => s.code === 'MH01')).toMatchObject({
      stateCode: '29',
      kind: 'mi-home',
    })
    expect(catalog.stores.find((s) => s.code === 'MS01')).toMatchObject({
      stateCode: '07',
      kind: 'mi-studio',
    })
    expect(catalog.stores.find((s) => s.code === 'PP01')).toMatchObject({ stateCode: '27' })
  })

  it('gives every store a valid GSTIN of its own state (or none, online)', () => {
    for (const store of catalog.stores) {
      if (store.gstin === null) {
        expect(store.kind).toBe('online')
        continue
      }
      expect(validateGstin(store.gstin)).toEqual({ ok: true, value: store.gstin })
      expect(store.gstin.slice(0, 2)).toBe(store.stateCode)
    }
  })

  it('checklist: docs/program-rules.md#inspection items, the article’s binary terms required, Hindi labels', () => {
    const byId = new Map(catalog.checklist.map((i) => [i.id, i]))
    for (const id of [
      'powers-on',
      'body-intact',
      'display-no-cracks',
      'no-missing-parts',
      'no-replaced-parts',
    ]) {
      expect(byId.get(id)?.required).toBe(true)
    }
    expect(byId.get('imei-matches')?.group).toBe('identity')
    expect(byId.get('account-locks-removed')?.group).toBe('locks')
    expect(catalog.checklist.some((i) => !i.required)).toBe(true)
    for (const item of catalog.checklist) {
      expect(item.label.hi).toMatch(/[\u0900-\u097F]/)
    }
    for (const id of ['display-no-cracks', 'display-no-dead-pixels', 'body-intact']) {
      expect(byId.get(id)?.photo).toBe(true)
    }
    const groups = new Set(catalog.checklist.map((i) => i.group))
    expect(groups.size).toBe(7)
  })
})

describe('CatalogSchema guards what kiosks print', () => {
  const broken = (edit: (c: typeof demo) => void) => {
    const copy = structuredClone(demo)
    edit(copy)
    const result = CatalogSchema.safeParse(copy)
    expect(result.success).toBe(false)
    return result.error?.issues.map((i) => i.path.join('.')) ?? []
  }

  it('rejects a GSTIN with a wrong check character', () => {
    expect(broken((c) => (c.stores[0]!.gstin = '29AABCM1234A1Z4'))).toEqual(['stores.0.gstin'])
  })

  it('rejects a GSTIN registered in another state', () => {
    expect(broken((c) => (c.stores[1]!.gstin = c.stores[0]!.gstin))).toEqual(['stores.1.gstin'])
  })

  it('rejects an offline store without a GSTIN', () => {
    expect(broken((c) => (c.stores[0]!.gstin = null as unknown as string))).toEqual([
      'stores.0.gstin',
    ])
  })

  it('rejects dates that do not exist', () => {
    expect(broken((c) => (c.effectiveFrom = '2021-02-29'))).toEqual(['effectiveFrom'])
  })

  it('rejects a grievance officer without a valid e-mail or phone, and a malformed consent version', () => {
    expect(broken((c) => (c.privacy.grievanceOfficer.email = 'grievance at example.com'))).toEqual([
      'privacy.grievanceOfficer.email',
    ])
    expect(broken((c) => (c.privacy.grievanceOfficer.phone = '12345'))).toEqual([
      'privacy.grievanceOfficer.phone',
    ])
    expect(broken((c) => (c.privacy.consentVersion = 'v 1 (final)'))).toEqual([
      'privacy.consentVersion',
    ])
  })

  it('rejects a schedule whose value rises or has a gap', () => {
    expect(broken((c) => (c.schedule[1]!.percent = 75)).length).toBeGreaterThan(0)
    expect(broken((c) => (c.schedule[1]!.fromMonth = 8)).length).toBeGreaterThan(0)
  })
})

describe('the plan fee SAC in the catalog (issue 16)', () => {
  const withSac = (over: Record<string, unknown>) => ({ ...structuredClone(demo), ...over })
  it('is required, six digits of a service heading (99…)', () => {
    const { sacCode: _none, ...without } = structuredClone(demo) as Record<string, unknown>
    expect(CatalogSchema.safeParse(without).success).toBe(false)
    for (const bad of ['99979', '9997990', '12345A', '123456']) {
      expect(CatalogSchema.safeParse(withSac({ sacCode: bad })).success, bad).toBe(false)
    }
    expect(CatalogSchema.parse(demo).sacCode).toBe('999799')
  })
  it('may be set per model, else the catalog’s applies', () => {
    const c = structuredClone(demo) as { models: Array<Record<string, unknown>> }
    c.models[0]!.sacCode = '997159'
    const parsed = CatalogSchema.parse(c)
    expect(feeSacCode(parsed, parsed.models[0]!.id)).toBe('997159')
    expect(feeSacCode(parsed, parsed.models[1]!.id)).toBe('999799')
    c.models[0]!.sacCode = '9971'
    expect(CatalogSchema.safeParse(c).success).toBe(false)
  })
})

describe('a store legal name (issue 16, Rule 46(a))', () => {
  it('is required of a store with a GSTIN', () => {
    const c = structuredClone(demo) as { stores: Array<Record<string, unknown>> }
    const registered = c.stores.find((s) => s.gstin)!
    delete registered.legalName
    expect(CatalogSchema.safeParse(c).success).toBe(false)
  })
})
