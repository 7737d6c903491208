import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Catalog } from '../../shared/catalog'
import { gstinCheckChar } from '../../shared/domain/checksums'
import { createConsoleUser } from '../../headoffice/services/console-users'
import { consoleClient } from './console-client'
import { fakeKiosk } from './fixtures'
import { pushOutcomes, startHeadOffice, TARGETS, type TestHeadOffice } from './harness'

// The console's Catalog screen API (docs/console.md#catalog) on SQLite and PostgreSQL: versions
// with the kiosks running them, a draft's checks and diff against the version in force,
// publishing with an effective date (admin only, audited), and who may read it.

const withCheck = (first14: string) => `${first14}${gstinCheckChar(first14)}`

const HEARTBEAT = {
  appVersion: '1.4.0',
  os: 'Windows 11',
  freeDiskBytes: 40e9,
  databaseBytes: 2e6,
  backlog: 0,
  oldestUnsentAgeSeconds: null,
  printer: 'ok' as const,
  lastError: null,
}

describe.each(TARGETS)('head-office console: catalog (%s)', (kind) => {
  let ho: TestHeadOffice
  const admin = () => consoleClient(ho.url)
  let asAdmin: ReturnType<typeof consoleClient>
  let asFinance: ReturnType<typeof consoleClient>
  let asCare: ReturnType<typeof consoleClient>
  // 2026-11-28 in India.
  const today = '2026-11-28'

  beforeAll(async () => {
    ho = await startHeadOffice(kind, { start: Date.parse('2026-11-28T06:00:00Z') })
    const people = [
      ['asha@brand.example', 'admin', 'admin-password-123'],
      ['fin@brand.example', 'finance', 'finance-password-1'],
      ['care@brand.example', 'customer-care', 'care-password-123'],
    ] as const
    for (const [email, role, password] of people) {
      await createConsoleUser(ho.ds, { email, role, actor: 'cli', password }, ho.now.value)
    }
    asAdmin = admin()
    await asAdmin.signIn('asha@brand.example', 'admin-password-123')
    asFinance = consoleClient(ho.url)
    await asFinance.signIn('fin@brand.example', 'finance-password-1')
    asCare = consoleClient(ho.url)
    await asCare.signIn('care@brand.example', 'care-password-123')
    // Two kiosks say which catalog they run; a third is from before heartbeats said so.
    const sentAt = new Date(ho.now.value).toISOString()
    for (const code of ['K1', 'K2', 'K3']) {
      const http = ho.client('MH01', code, await ho.register('MH01', code))
      await http.heartbeat({
        ...HEARTBEAT,
        sentAt,
        ...(code === 'K3' ? {} : { catalogVersion: '2026.11.1', catalogLatest: '2026.11.1' }),
      })
    }
  }, 60_000)
  afterAll(async () => ho.close())

  /** The version in force, edited as the console's editor would. */
  async function draft(edit: (c: Catalog) => void): Promise<Catalog> {
    const c = (await asAdmin.call('GET', '/catalog/in-force')).json.data as Catalog
    const next = (await asAdmin.call('GET', '/catalog')).json.data.nextVersion as string
    c.version = next
    c.effectiveFrom = today
    edit(c)
    return c
  }

  const variantOf = (c: Catalog, id: string) =>
    c.models.flatMap((m) => m.variants).find((v) => v.id === id)!

  it('lists the versions: the one in force, its kiosks, and the next version number', async () => {
    const r = await asAdmin.call('GET', '/catalog')
    expect(r.status).toBe(200)
    expect(r.json.data).toMatchObject({
      today,
      inForce: '2026.11.1',
      nextVersion: '2026.11.2',
      kiosksUnknown: 1,
      versions: [{ version: '2026.11.1', effectiveFrom: '2020-11-05', status: 'in-force' }],
    })
    const kiosks = r.json.data.versions[0].kiosks as Array<{ kioskCode: string }>
    expect(kiosks.map((k) => k.kioskCode)).toEqual(['K1', 'K2'])
    expect(kiosks[0]).toMatchObject({ storeCode: 'MH01', lastSeenAt: '2026-11-28T06:00:00.000Z' })
    const one = await asAdmin.call('GET', '/catalog/versions/2026.11.1')
    expect(one.json.data.models.length).toBeGreaterThan(5)
    expect((await asAdmin.call('GET', '/catalog/versions/2099.01.1')).status).toBe(404)
  })

  it('finance reads the catalog but may not publish (403); customer care may not read it', async () => {
    expect((await asFinance.call('GET', '/catalog')).status).toBe(200)
    expect((await asFinance.call('GET', '/catalog/in-force')).status).toBe(200)
    const c = await draft(() => {})
    const refused = await asFinance.call('POST', '/catalog/publish', { catalog: c })
    expect(refused.status).toBe(403)
    expect(refused.json.error.code).toBe('ROLE_FORBIDDEN')
    // Drafts are the publishers': finance neither checks nor diffs one.
    expect((await asFinance.call('POST', '/catalog/draft/validate', { catalog: c })).status).toBe(
      403,
    )
    expect((await asFinance.call('POST', '/catalog/draft/diff', { catalog: c })).status).toBe(403)
    expect((await asAdmin.call('GET', '/catalog')).json.data.versions).toHaveLength(1)
    for (const path of ['/catalog', '/catalog/in-force', '/catalog/versions/2026.11.1']) {
      expect((await asCare.call('GET', path)).status).toBe(403)
    }
    expect((await asCare.call('POST', '/catalog/draft/validate', { catalog: c })).status).toBe(403)
  })

  it('validates a draft: every issue with its field path and a readable message', async () => {
    const bad = await draft((c) => {
      c.version = '2026.11.1'
      c.effectiveFrom = '2026-11-27'
      c.models[0]!.variants[0]!.srpPaise = -5
      c.models[1]!.sacCode = '12'
      c.schedule[1]!.percent = 80
    })
    const r = await asAdmin.call('POST', '/catalog/draft/validate', { catalog: bad })
    expect(r.status).toBe(200)
    expect(r.json.data.valid).toBe(false)
    const issues = r.json.data.issues as Array<{ path: string; message: string }>
    const paths = issues.map((i) => i.path)
    expect(paths).toEqual(
      expect.arrayContaining([
        'models.0.variants.0.srpPaise',
        'models.1.sacCode',
        'schedule.1',
        'version',
        'effectiveFrom',
      ]),
    )
    expect(issues.find((i) => i.path === 'schedule.1')?.message).toBe('value may not rise with age')
    expect(issues.find((i) => i.path === 'version')?.message).toBe(
      'must be newer than the published 2026.11.1',
    )
    expect(issues.find((i) => i.path === 'effectiveFrom')?.message).toContain('in the past')
    const good = await draft(() => {})
    expect(
      (await asAdmin.call('POST', '/catalog/draft/validate', { catalog: good })).json.data,
    ).toEqual({ valid: true, issues: [] })
    // Nothing was stored by checking.
    expect((await asAdmin.call('GET', '/catalog')).json.data.versions).toHaveLength(1)
  })

  it('diffs a draft against the version in force, on the server', async () => {
    const c = await draft((d) => {
      variantOf(d, 'redmi-note-9-4-64').srpPaise = 12_499_00
      d.models.find((m) => m.id === 'mi-10')!.feePaise = 2_099_00
      d.models = d.models.filter((m) => m.id !== 'redmi-note-8-pro')
      d.models.push({
        id: 'redmi-note-10',
        name: 'Redmi Note 10',
        feePaise: 499_00,
        dualSim: true,
        active: true,
        variants: [
          { id: 'redmi-note-10-4-64', name: '4 GB + 64 GB', srpPaise: 13_999_00, active: true },
        ],
      })
      d.schedule[0]!.percent = 65
    })
    const r = await asAdmin.call('POST', '/catalog/draft/diff', { catalog: c })
    expect(r.status).toBe(200)
    const diff = r.json.data
    expect(diff.against).toBe('2026.11.1')
    expect(diff.variants.changed).toEqual([
      {
        id: 'redmi-note-9-4-64',
        modelName: 'Redmi Note 9',
        name: expect.any(String),
        changes: [{ field: 'srpPaise', before: 11_999_00, after: 12_499_00 }],
      },
    ])
    expect(diff.models.changed).toEqual([
      {
        id: 'mi-10',
        name: expect.any(String),
        changes: [{ field: 'feePaise', before: 1_999_00, after: 2_099_00 }],
      },
    ])
    expect(diff.models.added).toEqual([
      { id: 'redmi-note-10', name: 'Redmi Note 10', feePaise: 499_00 },
    ])
    expect(diff.models.removed.map((m: { id: string }) => m.id)).toEqual(['redmi-note-8-pro'])
    expect(diff.variants.added.map((v: { id: string }) => v.id)).toEqual(['redmi-note-10-4-64'])
    expect(diff.variants.removed.map((v: { id: string }) => v.id)).toEqual([
      'redmi-note-8-pro-6-64',
      'redmi-note-8-pro-6-128',
    ])
    expect(diff.schedule.before[0]).toBe('months 4–6: 70%')
    expect(diff.schedule.after[0]).toBe('months 4–6: 65%')
    expect(diff.empty).toBe(false)
    // An invalid draft has no diff: its issues first.
    const bad = await asAdmin.call('POST', '/catalog/draft/diff', {
      catalog: { ...c, schedule: [] },
    })
    expect(bad.status).toBe(422)
    expect(bad.json.error.code).toBe('CATALOG_INVALID')
  })

  it('publishes effective today (CSRF needed), audited, announced to kiosks; a later one is scheduled', async () => {
    const c = await draft((d) => {
      variantOf(d, 'redmi-note-9-4-64').srpPaise = 12_499_00
    })
    const noCsrf = consoleClient(ho.url)
    await noCsrf.signIn('asha@brand.example', 'admin-password-123')
    noCsrf.dropCsrf()
    expect((await noCsrf.call('POST', '/catalog/publish', { catalog: c })).status).toBe(403)
    // An effective date in the past is refused before anything is stored.
    const past = await asAdmin.call('POST', '/catalog/publish', {
      catalog: { ...c, effectiveFrom: '2026-11-01' },
    })
    expect(past.status).toBe(422)
    expect(past.json.error.message).toContain('effectiveFrom')

    const r = await asAdmin.call('POST', '/catalog/publish', { catalog: c })
    expect(r.status, JSON.stringify(r.json)).toBe(200)
    expect(r.json.data).toEqual({ version: '2026.11.2', effectiveFrom: today })
    const list = (await asAdmin.call('GET', '/catalog')).json.data
    expect(list.inForce).toBe('2026.11.2')
    expect(list.nextVersion).toBe('2026.11.3')
    expect(
      list.versions.map((v: { version: string; status: string }) => [v.version, v.status]),
    ).toEqual([
      ['2026.11.2', 'in-force'],
      ['2026.11.1', 'past'],
    ])
    expect(list.versions[0]).toMatchObject({ publishedBy: 'asha@brand.example' })
    expect(list.versions[1]).toMatchObject({ publishedBy: null })

    const audit = (await asAdmin.call('GET', '/audit')).json.data as Array<{ action: string }>
    expect(audit.find((a) => a.action === 'catalog.publish')).toMatchObject({
      actor: 'asha@brand.example',
      subject: '2026.11.2',
      before: { version: '2026.11.1', effectiveFrom: '2020-11-05' },
      after: { version: '2026.11.2', effectiveFrom: today, changes: { variantsChanged: 1 } },
    })
    // On the change feed: the kiosk's next pull receives it whole.
    const http = ho.client('MH01', 'K4', await ho.register('MH01', 'K4'))
    const pulled = await http.pull(0, 500)
    const catalogs = pulled.changes.filter((ch) => ch.kind === 'catalog')
    expect(catalogs.at(-1)).toMatchObject({ kind: 'catalog', version: '2026.11.2' })

    // The same version again: refused, nothing stored twice.
    const again = await asAdmin.call('POST', '/catalog/publish', { catalog: c })
    expect(again.status).toBe(422)
    expect(again.json.error.message).toContain('newer than the published 2026.11.2')

    // Effective tomorrow: scheduled, the one in force stays.
    const later = { ...c, version: '2026.11.3', effectiveFrom: '2026-11-29' }
    expect((await asAdmin.call('POST', '/catalog/publish', { catalog: later })).status).toBe(200)
    const after = (await asAdmin.call('GET', '/catalog')).json.data
    expect(after.inForce).toBe('2026.11.2')
    expect(after.versions[0]).toMatchObject({ version: '2026.11.3', status: 'scheduled' })
    expect((await asAdmin.call('GET', '/catalog/in-force')).json.data.version).toBe('2026.11.2')
    // A kiosk that pulled both runs 2026.11.2 and holds 2026.11.3 for its day.
    const k6 = ho.client('MH01', 'K6', await ho.register('MH01', 'K6'))
    await k6.heartbeat({
      ...HEARTBEAT,
      sentAt: new Date(ho.now.value).toISOString(),
      catalogVersion: '2026.11.2',
      catalogLatest: '2026.11.3',
    })
    const held = (await asAdmin.call('GET', '/catalog')).json.data
    expect(held.versions[0]).toMatchObject({ version: '2026.11.3', kiosks: [], kiosksHolding: 1 })
    expect(held.versions[1].kiosks).toEqual([
      { storeCode: 'MH01', kioskCode: 'K6', lastSeenAt: expect.any(String), holds: '2026.11.3' },
    ])
    // Automation's publishing (the shared admin token) is named as such.
    const automated = { ...later, version: '2026.11.4', effectiveFrom: '2026-12-01' }
    expect((await ho.admin('POST', '/admin/catalogs', automated)).status).toBe(200)
    const listed = (await asAdmin.call('GET', '/catalog')).json.data
    expect(listed.versions[0]).toMatchObject({ version: '2026.11.4', publishedBy: 'admin token' })
  })

  it('head office refuses an enrollment under a version before its effective date', async () => {
    // 2026.11.3 (published above) is in force from 2026-11-29, with the Redmi Note 9 at ₹12,499.
    const kiosk = fakeKiosk('MH01', 'K5')
    const http = ho.client('MH01', 'K5', await ho.register('MH01', 'K5'))
    const early = kiosk.enroll({
      catalogVersion: '2026.11.3',
      srpPaise: 12_499_00,
      purchaseDate: '2026-11-28',
    })
    const onItsDay = kiosk.enroll({
      catalogVersion: '2026.11.3',
      srpPaise: 12_499_00,
      purchaseDate: '2026-11-29',
    })
    const res = await http.push([early, onItsDay])
    expect(pushOutcomes(res.results)).toEqual(['CATALOG_NOT_YET_IN_FORCE', 'applied'])
    expect(res.results[0]).toMatchObject({
      message: expect.stringContaining('in force from 2026-11-29'),
    })
  })

  it('a draft opened before a store change publishes the store desk’s stores, not its own', async () => {
    const opened = await draft((d) => {
      variantOf(d, 'redmi-note-9-4-64').srpPaise = 12_999_00
    })
    // Meanwhile the store desk adds a store: a catalog version of its own.
    const store = {
      code: 'MH09',
      name: 'Mi Home Andheri',
      kind: 'mi-home',
      legalName: 'Xiaomi Technology India Private Limited',
      address: 'Andheri West, Mumbai, Maharashtra 400053',
      stateCode: '27',
      gstin: withCheck('27AABCM1234A2Z'),
    }
    const added = await asAdmin.call('POST', '/stores', store)
    expect(added.status, JSON.stringify(added.json)).toBe(200)
    const next = (await asAdmin.call('GET', '/catalog')).json.data.nextVersion as string
    const r = await asAdmin.call('POST', '/catalog/publish', {
      catalog: { ...opened, version: next, effectiveFrom: '2026-12-02' },
    })
    expect(r.status, JSON.stringify(r.json)).toBe(200)
    const published = (await asAdmin.call('GET', `/catalog/versions/${next}`)).json.data as Catalog
    expect(published.stores.map((s) => s.code)).toContain('MH09')
    expect(variantOf(published, 'redmi-note-9-4-64').srpPaise).toBe(12_999_00)
  })
})
