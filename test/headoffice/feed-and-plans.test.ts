import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Catalog } from '../../shared/catalog'
import { formatPlanNumber, planCheckChar } from '../../shared/domain/plan-number'
import { fakeKiosk } from './fixtures'
import { TARGETS, count, startHeadOffice, type TestHeadOffice } from './harness'

const demo = JSON.parse(readFileSync('resources/catalog/demo-catalog.json', 'utf8')) as Catalog

describe.each(TARGETS)('pull feed, catalog publishing, staff and reservations on %s', (kind) => {
  let ho: TestHeadOffice
  beforeAll(async () => {
    ho = await startHeadOffice(kind, { catalog: false })
  })
  afterAll(async () => {
    await ho?.close()
  })

  it('publishes validated catalogs, newer versions only, and kiosks pick them up by cursor', async () => {
    const invalid = await ho.admin('POST', '/admin/catalogs', { ...demo, version: 'latest' })
    expect(invalid).toMatchObject({
      status: 422,
      json: { ok: false, error: { code: 'CATALOG_INVALID' } },
    })
    // A new version carries the DPDP notice's configuration (issue 18).
    const { privacy: _privacy, ...withoutNotice } = demo
    const noNotice = await ho.admin('POST', '/admin/catalogs', withoutNotice)
    expect(noNotice).toMatchObject({
      status: 422,
      json: { ok: false, error: { code: 'CATALOG_INVALID' } },
    })
    expect(JSON.stringify(noNotice.json)).toContain('privacy')
    expect((await ho.admin('POST', '/admin/catalogs', demo)).json).toEqual({
      ok: true,
      data: { version: demo.version },
    })
    const same = await ho.admin('POST', '/admin/catalogs', demo)
    expect(same).toMatchObject({ status: 409, json: { error: { code: 'CATALOG_VERSION_OLDER' } } })

    const secret = await ho.register('MH01', 'K1')
    const http = ho.client('MH01', 'K1', secret)
    const first = await http.pull(0)
    expect(
      first.changes
        .filter((c) => c.kind === 'catalog')
        .map((c) => c.kind === 'catalog' && c.version),
    ).toEqual([demo.version])

    const next = {
      ...demo,
      version: '2026.11.10',
      models: demo.models.map((m) => ({ ...m, feePaise: m.feePaise + 100 })),
    }
    expect((await ho.admin('POST', '/admin/catalogs', next)).status).toBe(200)
    const older = await ho.admin('POST', '/admin/catalogs', { ...demo, version: '2026.11.9' })
    expect(older.json.error.code).toBe('CATALOG_VERSION_OLDER')
    const later = await http.pull(first.nextSince)
    expect(later.changes.map((c) => c.kind)).toEqual(['catalog'])
    expect(later.changes[0]).toMatchObject({ version: '2026.11.10' })
    expect((await http.pull(later.nextSince)).changes).toEqual([])
    const listed = await ho.admin('GET', '/admin/catalogs')
    expect(listed.json.data.map((c: { version: string }) => c.version)).toEqual([
      '2026.11.10',
      '2026.11.1',
    ])
  })

  it('pages the feed with limit/hasMore and sends staff only to their store', async () => {
    const a = ho.client('MH01', 'K2', await ho.register('MH01', 'K2'))
    const b = ho.client('MS01', 'K1', await ho.register('MS01', 'K1'))
    for (const code of ['S1', 'S2', 'S3']) {
      const r = await ho.admin('PUT', `/admin/stores/MH01/staff/${code}`, {
        name: `Staff ${code}`,
        role: 'clerk',
        pinHash: 'scrypt$16384$8$1$c2FsdA$aGFzaA',
        active: true,
      })
      expect(r.status).toBe(200)
    }
    const badStaff = await ho.admin('PUT', '/admin/stores/MH01/staff/S4', {
      name: 'X',
      role: 'boss',
      pinHash: 'h',
      active: true,
    })
    expect(badStaff.json.error.code).toBe('VALIDATION_FAILED')
    const staffSeen: string[] = []
    let since = 0
    let pages = 0
    for (;;) {
      const page = await a.pull(since, 2)
      pages += 1
      expect(page.changes.length).toBeLessThanOrEqual(2)
      for (const c of page.changes) if (c.kind === 'staff') staffSeen.push(c.staff.staffCode)
      since = page.nextSince
      if (!page.hasMore) break
    }
    expect(pages).toBeGreaterThan(1)
    expect(staffSeen).toEqual(['S1', 'S2', 'S3'])
    const other = await b.pull(0)
    expect(other.changes.some((c) => c.kind === 'staff')).toBe(false)
  })

  it('looks a plan up online and reserves it for one kiosk with a TTL', async () => {
    const enrollAt = fakeKiosk('MH02', 'E1')
    const enrollHttp = ho.client('MH02', 'E1', await ho.register('MH02', 'E1'))
    const plan = enrollAt.enroll({
      planNumber: formatPlanNumber('MH02', 'E1', 1),
      purchaseDate: '2026-01-05',
      srpPaise: 1_199_900,
    })
    await enrollHttp.push([plan])
    const b = ho.client('MS01', 'R1', await ho.register('MS01', 'R1'))
    const c = ho.client('PP01', 'R1', await ho.register('PP01', 'R1'))

    const found = await b.lookup(plan.payload.planNumber, '2026-05-10')
    expect(found).toMatchObject({
      status: 'active',
      storeCode: 'MH02',
      srpPaise: 1_199_900,
      quote: { status: 'redeemable', percent: 70, valuePaise: 839_900 },
    })
    expect(found.customer.mobileLast4).toBe('3210')
    await expect(b.lookup('SUNOSUCHPLAN1', '2026-05-10')).rejects.toMatchObject({
      code: 'PLAN_NOT_FOUND',
      status: 404,
    })

    await expect(
      b.reserve(plan.payload.planNumber, { onDate: '2026-02-01' }),
    ).rejects.toMatchObject({ code: 'TOO_EARLY' })
    const held = await b.reserve(plan.payload.planNumber, { onDate: '2026-05-10', ttlSeconds: 60 })
    expect(held.plan.reservation?.kioskId).toBe('MS01/R1')
    await expect(
      c.reserve(plan.payload.planNumber, { onDate: '2026-05-10' }),
    ).rejects.toMatchObject({ code: 'PLAN_RESERVED', status: 409 })
    ho.now.value += 61_000
    const taken = await c.reserve(plan.payload.planNumber, { onDate: '2026-05-10' })
    expect(taken.plan.reservation?.kioskId).toBe('PP01/R1')

    // C redeems (its event clears the hold); B can no longer reserve: redeemed elsewhere.
    const kioskC = fakeKiosk('PP01', 'R1')
    const redeemed = await c.push([kioskC.redeem(plan, '2026-05-10')])
    expect(redeemed.results[0]?.status).toBe('applied')
    await expect(
      b.reserve(plan.payload.planNumber, { onDate: '2026-05-11' }),
    ).rejects.toMatchObject({ code: 'REDEEMED_ELSEWHERE' })
    const after = await b.lookup(plan.payload.planNumber, '2026-05-11')
    expect(after).toMatchObject({
      status: 'redeemed',
      reservation: null,
      closedBy: { storeCode: 'PP01', kioskCode: 'R1' },
    })
  })

  it('finds, reserves and releases a plan by number however it is typed', async () => {
    const enrollHttp = ho.client('MH03', 'E1', await ho.register('MH03', 'E1'))
    const planNumber = formatPlanNumber('MH03', 'E1', 123)
    const typed = planNumber.replace(/-/g, '').toLowerCase()
    expect(typed).toMatch(/^mh03e10000123[0-9a-z]$/)
    const pushed = await enrollHttp.push([fakeKiosk('MH03', 'E1').enroll({ planNumber })])
    expect(pushed.results[0]?.status).toBe('applied')
    const b = ho.client('MS02', 'R1', await ho.register('MS02', 'R1'))
    const c = ho.client('PP02', 'R1', await ho.register('PP02', 'R1'))

    // Another store's clerk types it the way the kiosk's own lookup accepts it.
    for (const query of [typed, ` ${planNumber.replace(/-/g, ' ')} `.toLowerCase()]) {
      expect(await b.lookup(query, '2026-05-10')).toMatchObject({
        planNumber,
        status: 'active',
        storeCode: 'MH03',
      })
    }

    const held = await b.reserve(typed, { onDate: '2026-05-10', ttlSeconds: 60 })
    expect(held.plan).toMatchObject({ planNumber, reservation: { kioskId: 'MS02/R1' } })
    await expect(c.reserve(planNumber, { onDate: '2026-05-10' })).rejects.toMatchObject({
      code: 'PLAN_RESERVED',
      status: 409,
      message: `Plan ${planNumber} is being redeemed elsewhere.`,
    })
    await expect(c.reserve(typed, { onDate: '2026-05-10' })).rejects.toMatchObject({
      code: 'PLAN_RESERVED',
      message: `Plan ${planNumber} is being redeemed elsewhere.`,
    })
    // B's release by the formatted number frees it for C at once.
    await b.release(planNumber.toLowerCase(), held.reservationId)
    const taken = await c.reserve(typed.toUpperCase(), { onDate: '2026-05-10' })
    expect(taken.plan.reservation?.kioskId).toBe('PP02/R1')
    await expect(b.release(typed, held.reservationId)).rejects.toMatchObject({
      code: 'RESERVATION_NOT_FOUND',
      status: 404,
    })
  })

  it('answers PLAN_NOT_FOUND for a number whose check character does not match', async () => {
    const enrollHttp = ho.client('MH04', 'E1', await ho.register('MH04', 'E1'))
    const planNumber = formatPlanNumber('MH04', 'E1', 7)
    await enrollHttp.push([fakeKiosk('MH04', 'E1').enroll({ planNumber })])
    const check = planNumber.slice(-1)
    const wrong = planNumber.slice(0, -1) + (check === 'A' ? 'B' : 'A')
    // A swapped pair of neighbours is caught too.
    const swapped = planNumber.replace('0000007', '0000070')
    expect(planCheckChar('MH04E10000070')).not.toBe(check)
    const b = ho.client('MS03', 'R1', await ho.register('MS03', 'R1'))
    const typo = {
      code: 'PLAN_NOT_FOUND',
      status: 404,
      message: 'The plan number has a typo (its check character does not match).',
    }
    for (const number of [wrong, wrong.replace(/-/g, '').toLowerCase(), swapped]) {
      await expect(b.lookup(number, '2026-05-10')).rejects.toMatchObject(typo)
      await expect(b.reserve(number, { onDate: '2026-05-10' })).rejects.toMatchObject(typo)
    }
    await expect(b.release(wrong, 'no-such-reservation')).rejects.toMatchObject(typo)
    await expect(b.lookup('MH04-E1-000000!-X', '2026-05-10')).rejects.toMatchObject({
      code: 'PLAN_NOT_FOUND',
      status: 404,
      message: 'That is not a plan number.',
    })
    // Well formed but never registered: not found, named as typed.
    const unknown = formatPlanNumber('MH04', 'E1', 8)
    await expect(b.lookup(unknown, '2026-05-10')).rejects.toMatchObject({
      code: 'PLAN_NOT_FOUND',
      status: 404,
      message: `No plan ${unknown}.`,
    })
    expect(await b.lookup(planNumber, '2026-05-10')).toMatchObject({ planNumber })
  })

  it('refuses an enrollment whose number differs from a registered one only in form', async () => {
    const kiosk = fakeKiosk('MH05', 'E1')
    const http = ho.client('MH05', 'E1', await ho.register('MH05', 'E1'))
    const planNumber = formatPlanNumber('MH05', 'E1', 1)
    const first = kiosk.enroll({ planNumber })
    const sameKey = kiosk.enroll({ planNumber: planNumber.replace(/-/g, '').toLowerCase() })
    const inBatch = kiosk.enroll({ planNumber: planNumber.toLowerCase() })
    const next = kiosk.enroll({ planNumber: formatPlanNumber('MH05', 'E1', 2) })
    expect((await http.push([first])).results[0]?.status).toBe('applied')
    // The batch goes on past the refused ones (a unique-key failure would sink all of it).
    const res = await http.push([sameKey, inBatch, next])
    expect(res.results.map((r) => [r.status, 'reason' in r ? r.reason : null])).toEqual([
      ['rejected', 'PLAN_EXISTS'],
      ['rejected', 'PLAN_EXISTS'],
      ['applied', null],
    ])
    expect(res.results[0]).toMatchObject({
      message: `Plan ${sameKey.payload.planNumber} is already registered as ${planNumber}.`,
    })
    expect(await count(ho.ds, 'ho_plan', 'store_code = ?', ['MH05'])).toBe(2)
  })
})
