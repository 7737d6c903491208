import { randomUUID } from 'node:crypto'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { luhnCheckDigit } from '../../shared/domain'
import { createConsoleUser } from '../../headoffice/services/console-users'
import type { ConsoleRole } from '../../headoffice/services/console-access'
import type { SyncHttp } from '../../electron/core/sync/sync-http'
import { consoleClient } from './console-client'
import { fakeKiosk, type AnyEvent } from './fixtures'
import { count, startHeadOffice, TARGETS, type TestHeadOffice } from './harness'

// Issue 21: the dashboard's filters, the reports (JSON, CSV) and the fraud reports, checked against
// a small network whose figures are worked out by hand below. Head office's day is 2026-11-28
// (the harness's clock); the demo catalog's stores are MH01 (Karnataka, 29), MS01 (Delhi, 07) and
// PP01 (Maharashtra, 27); every plan has the demo SRP ₹11,999 and the default schedule, so a plan
// is worth ₹8,399 at 70%, ₹7,199 at 60% (half-up to the rupee, docs/program-rules.md#value-bands).
const V70 = 839_900
const V60 = 719_900
const FEE = 49_900
const PASSWORD = 'reports-password-123'

async function pushAll(http: SyncHttp, events: AnyEvent[]): Promise<void> {
  const answer = await http.push(events)
  const refused = answer.results.filter((r) => r.status !== 'applied')
  expect(refused, JSON.stringify(refused)).toEqual([])
}

describe.each(TARGETS)('console dashboard filters, reports, fraud reports (%s)', (kind) => {
  let ho: TestHeadOffice
  const plan: Record<string, string> = {}
  let refundPaise = 0

  async function signedIn(role: ConsoleRole) {
    const c = consoleClient(ho.url)
    await c.signIn(`${role}@brand.example`, PASSWORD)
    return c
  }

  beforeAll(async () => {
    ho = await startHeadOffice(kind)
    for (const role of ['admin', 'finance', 'operations', 'customer-care', 'fraud-audit'] as const)
      await createConsoleUser(
        ho.ds,
        { email: `${role}@brand.example`, role, actor: 'cli', password: PASSWORD },
        ho.now.value,
      )
    // MH01: two plans on 11-10 (one cancelled on 11-12), two live older plans, two redeemed on
    // 11-15 (one 2 days before its value steps down, one 16 days before), three failed inspections.
    const mh = fakeKiosk('MH01', 'K1')
    const a1 = mh.enroll({ purchaseDate: '2026-11-10', mobile: '9800000001' })
    const a2 = mh.enroll({ purchaseDate: '2026-11-10', mobile: '9800000002' })
    const a3 = mh.enroll({ purchaseDate: '2026-07-20', mobile: '9800000002' })
    const a4 = mh.enroll({ purchaseDate: '2026-04-01', mobile: '9800000004' })
    const r1 = mh.enroll({ purchaseDate: '2026-05-17', mobile: '9800000005' })
    const r2 = mh.enroll({ purchaseDate: '2026-06-01', mobile: '9800000006' })
    const cancel = mh.cancel(a2, '2026-11-12')
    refundPaise = cancel.payload.refundPaise
    await pushAll(ho.client('MH01', 'K1', await ho.register('MH01', 'K1')), [
      a1,
      a2,
      a3,
      a4,
      r1,
      r2,
      cancel,
      mh.redeem(r1, '2026-11-15'),
      mh.redeem(r2, '2026-11-15'),
      mh.inspect(a1, '2026-11-20', 'ineligible'),
      mh.inspect(a3, '2026-11-20', 'ineligible'),
      mh.inspect(a4, '2026-11-20', 'ineligible'),
      mh.inspect(a1, '2026-11-21', 'eligible'),
    ])
    // MS01 (Delhi): one new plan of the customer with three, one expired plan, one live 60% plan.
    const ms = fakeKiosk('MS01', 'K1')
    const b1 = ms.enroll({ purchaseDate: '2026-11-20', mobile: '9800000001' })
    const b2 = ms.enroll({ purchaseDate: '2025-07-01', mobile: '9800000007' })
    const b3 = ms.enroll({ purchaseDate: '2026-04-01', mobile: '9800000008' })
    await pushAll(ho.client('MS01', 'K1', await ho.register('MS01', 'K1')), [
      b1,
      b2,
      b3,
      ...[b1, b2, b3, b1].map((p) => ms.inspect(p, '2026-11-22')),
    ])
    // PP01 (Maharashtra): the third plan of the customer with three.
    const pp = fakeKiosk('PP01', 'K1')
    const c1 = pp.enroll({ purchaseDate: '2026-11-10', mobile: '9800000001' })
    await pushAll(ho.client('PP01', 'K1', await ho.register('PP01', 'K1')), [
      c1,
      ...[1, 2, 3, 4].map(() => pp.inspect(c1, '2026-11-23')),
    ])
    for (const [k, e] of Object.entries({ a1, a2, a3, a4, r1, r2, b1, b2, b3, c1 }))
      plan[k] = e.payload.planNumber
  }, 120_000)
  afterAll(async () => ho.close())

  it('offers the regions (GST states, from the catalog) and stores to filter by', async () => {
    const c = await signedIn('finance')
    const scopes = (await c.call('GET', '/report-scopes')).json.data
    expect(scopes.regions).toEqual(
      expect.arrayContaining([
        { code: '07', name: 'Delhi' },
        { code: '29', name: 'Karnataka' },
      ]),
    )
    expect(scopes.stores).toContainEqual({ code: 'MH01', name: expect.any(String), region: '29' })
  })

  it('filters the daily figures by store and dates, and by region', async () => {
    const c = await signedIn('finance')
    const mh = (await c.call('GET', '/dashboard?store=MH01&from=2026-11-01&to=2026-11-30')).json
      .data
    expect(mh.enrolledPerDay).toHaveLength(30) // every day, quiet ones at zero
    const nonZero = (list: { day: string }[], key: string) =>
      list.filter((d) => (d as Record<string, unknown>)[key] !== 0)
    expect(nonZero(mh.enrolledPerDay, 'plans')).toEqual([{ day: '2026-11-10', plans: 2 }])
    expect(nonZero(mh.upgradesPerDay, 'upgrades')).toEqual([{ day: '2026-11-15', upgrades: 2 }])
    expect(nonZero(mh.cancellationsPerDay, 'cancellations')).toEqual([
      { day: '2026-11-12', cancellations: 1 },
    ])
    const network = (await c.call('GET', '/dashboard?from=2026-11-01&to=2026-11-30')).json.data
    expect(nonZero(network.enrolledPerDay, 'plans')).toEqual([
      { day: '2026-11-10', plans: 3 },
      { day: '2026-11-20', plans: 1 },
    ])
    const delhi = (await c.call('GET', '/dashboard?region=07&from=2026-11-01&to=2026-11-30')).json
      .data
    expect(nonZero(delhi.enrolledPerDay, 'plans')).toEqual([{ day: '2026-11-20', plans: 1 }])
    expect(nonZero(delhi.upgradesPerDay, 'upgrades')).toEqual([])
    // A period that ends before it starts, or a region that is not a state code: refused.
    const reversed = await c.call('GET', '/dashboard?from=2026-11-30&to=2026-11-01')
    expect(reversed.status).toBe(400)
    expect(reversed.json.error.code).toBe('VALIDATION_FAILED')
    expect((await c.call('GET', '/dashboard?region=Karnataka')).status).toBe(400)
    const notADay = await c.call('GET', '/dashboard?from=2026-02-30&to=2026-03-01')
    expect(notADay.status).toBe(400)
    expect(notADay.json.error.code).toBe('VALIDATION_FAILED')
  })

  it('sums the outstanding liability by band and by the month it steps down, per scope', async () => {
    const c = await signedIn('operations')
    const mh = (await c.call('GET', '/dashboard/liability?store=MH01')).json.data
    // a1 too early (first band's value, steps down 2027-05-10), a3 70% (to 2027-01-20),
    // a4 60% (to 2027-01-01); a2 cancelled, r1 and r2 redeemed.
    expect(mh).toMatchObject({ asOf: '2026-11-28', plans: 3, liabilityPaise: V70 + V70 + V60 })
    expect(mh.byBand).toEqual([
      { band: 'too-early', plans: 1, liabilityPaise: V70 },
      { band: '70%', plans: 1, liabilityPaise: V70 },
      { band: '60%', plans: 1, liabilityPaise: V60 },
    ])
    expect(mh.byStepDown).toEqual([
      { month: '2027-01', plans: 2, liabilityPaise: V70 + V60 },
      { month: '2027-05', plans: 1, liabilityPaise: V70 },
    ])
    // Delhi: b1 too early, b3 60%; b2 (bought 2025-07-01) expired and owes nothing.
    const delhi = (await c.call('GET', '/dashboard/liability?region=07')).json.data
    expect(delhi).toMatchObject({ plans: 2, liabilityPaise: V70 + V60 })
    const all = (await c.call('GET', '/dashboard/liability')).json.data
    expect(all).toMatchObject({ plans: 6, liabilityPaise: 3 * V70 + V70 + 2 * V60 })
  })

  it('exports the activity report as CSV that reads back to the same figures', async () => {
    const c = await signedIn('finance')
    const q = 'store=MH01&from=2026-11-01&to=2026-11-30'
    const json = (await c.call('GET', `/reports/activity?${q}`)).json.data
    expect(json.lines).toEqual([
      {
        storeCode: 'MH01',
        day: '2026-11-10',
        enrollments: 2,
        feesPaise: 2 * FEE,
        redemptions: 0,
        creditPaise: 0,
        cancellations: 0,
        refundsPaise: 0,
        tradeIns: 0,
        tradeInPaise: 0,
        vouchersUsed: 0,
        voucherCreditPaise: 0,
      },
      expect.objectContaining({ day: '2026-11-12', cancellations: 1, refundsPaise: refundPaise }),
      expect.objectContaining({ day: '2026-11-15', redemptions: 2, creditPaise: 2 * V70 }),
    ])
    const response = await c.fetch('GET', `/reports/activity.csv?${q}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="activity-MH01-2026-11-01-2026-11-30.csv"',
    )
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // UTF-8 BOM for Excel
    const records = parse(new TextDecoder().decode(bytes), { bom: true, columns: true }) as Record<
      string,
      string
    >[]
    expect(records).toEqual([
      {
        Store: 'MH01',
        'Business day': '2026-11-10',
        Enrollments: '2',
        'Fees collected (INR)': '998.00',
        Redemptions: '0',
        'Upgrade credit (INR)': '0.00',
        Cancellations: '0',
        'Refunds (INR)': '0.00',
        'Trade-ins': '0',
        'Trade-in value (INR)': '0.00',
        'Trade-in vouchers used': '0',
        'Voucher credit (INR)': '0.00',
      },
      expect.objectContaining({
        'Business day': '2026-11-12',
        Cancellations: '1',
        'Refunds (INR)': (refundPaise / 100).toFixed(2),
      }),
      expect.objectContaining({
        'Business day': '2026-11-15',
        Redemptions: '2',
        'Upgrade credit (INR)': '16798.00',
      }),
    ])

    const liability = await c.fetch('GET', '/reports/liability.csv?region=29')
    const rows = parse(await liability.text(), { bom: true, columns: true }) as Record<
      string,
      string
    >[]
    expect(rows).toEqual([
      { Band: 'too-early', 'Steps down in': '2027-05', Plans: '1', 'Liability (INR)': '8399.00' },
      { Band: '70%', 'Steps down in': '2027-01', Plans: '1', 'Liability (INR)': '8399.00' },
      { Band: '60%', 'Steps down in': '2027-01', Plans: '1', 'Liability (INR)': '7199.00' },
    ])
  })

  it('values the liability on a later day (if nothing is redeemed first), never a past one', async () => {
    const c = await signedIn('finance')
    const rows = parse(
      await (await c.fetch('GET', '/reports/liability.csv?region=29&asOf=2027-06-01')).text(),
      { bom: true, columns: true },
    ) as Record<string, string>[]
    // On 2027-06-01 a1 is in month 7 (60% until 2027-08-10), a3 in month 11 (50% until
    // 2027-07-20), a4 in month 15 (40%, its last band, until it expires on 2027-07-01).
    expect(rows).toEqual([
      { Band: '60%', 'Steps down in': '2027-08', Plans: '1', 'Liability (INR)': '7199.00' },
      { Band: '50%', 'Steps down in': '2027-07', Plans: '1', 'Liability (INR)': '6000.00' },
      { Band: '40%', 'Steps down in': '2027-07', Plans: '1', 'Liability (INR)': '4800.00' },
    ])
    const later = (await c.call('GET', '/reports/liability?region=29&asOf=2027-06-01')).json.data
    expect(later).toMatchObject({ asOf: '2027-06-01', projected: true, region: '29' })
    const today = (await c.call('GET', '/reports/liability')).json.data
    expect(today).toMatchObject({ asOf: '2026-11-28', projected: false })
    const past = await c.call('GET', '/reports/liability?asOf=2026-11-27')
    expect(past.status).toBe(400)
    expect(past.json.error.code).toBe('VALIDATION_FAILED')
  })

  it('finds the customer with many plans without ever showing the mobile', async () => {
    const c = await signedIn('fraud-audit')
    const r = await c.call('GET', '/fraud/many-plans?min=3&from=2026-01-01&to=2026-11-30')
    expect(r.status).toBe(200)
    expect(r.json.data.people).toEqual([
      {
        label: 'Customer 1',
        count: 3,
        stores: ['MH01', 'MS01', 'PP01'],
        plans: expect.any(Array),
      },
    ])
    expect(
      r.json.data.people[0].plans.map((p: { planNumber: string }) => p.planNumber).sort(),
    ).toEqual([plan.a1, plan.b1, plan.c1].sort())
    expect(JSON.stringify(r.json)).not.toMatch(/98000000\d\d/)
    // A lower threshold adds the customer with two; a store filter counts that store's plans only.
    const two = (await c.call('GET', '/fraud/many-plans?min=2&from=2026-01-01&to=2026-11-30')).json
      .data.people
    expect(two.map((p: { count: number }) => p.count)).toEqual([3, 2])
    const mhOnly = (
      await c.call('GET', '/fraud/many-plans?min=2&store=MH01&from=2026-01-01&to=2026-11-30')
    ).json.data.people
    expect(mhOnly).toHaveLength(1)
    expect(mhOnly[0].plans.map((p: { planNumber: string }) => p.planNumber).sort()).toEqual(
      [plan.a2, plan.a3].sort(),
    )
  })

  it('flags redemptions made right before the value stepped down, not the others', async () => {
    const c = await signedIn('fraud-audit')
    const three = (await c.call('GET', '/fraud/step-down?days=3&from=2026-11-01&to=2026-11-30'))
      .json.data
    expect(three).toMatchObject({ redemptions: 2, atStepDown: 1, networkShare: 0.5 })
    expect(three.plans).toEqual([
      {
        planNumber: plan.r1,
        storeCode: 'MH01',
        redeemedOn: '2026-11-15',
        stepsDownOn: '2026-11-17',
        daysBefore: 2,
        percent: 70,
        nextPercent: 60,
        creditPaise: V70,
      },
    ])
    const wide = (await c.call('GET', '/fraud/step-down?days=20&from=2026-11-01&to=2026-11-30'))
      .json.data
    expect(wide.plans.map((p: { planNumber: string }) => p.planNumber).sort()).toEqual(
      [plan.r1, plan.r2].sort(),
    )
  })

  it('flags the store whose inspection failure rate is far above the network’s', async () => {
    const c = await signedIn('fraud-audit')
    const r = (
      await c.call('GET', '/fraud/store-rates?factor=2&minSample=4&from=2026-11-01&to=2026-11-30')
    ).json.data
    // 3 of 12 inspections failed in the network (25%); MH01: 3 of 4 (75%).
    expect(r.inspections).toMatchObject({ count: 12, flagged: 3, rate: 0.25 })
    const high = r.inspections.stores.filter((s: { high: boolean }) => s.high)
    expect(high).toEqual([
      {
        storeCode: 'MH01',
        count: 4,
        flagged: 3,
        rate: 0.75,
        high: true,
        plans: [plan.a1, plan.a3, plan.a4].sort(),
      },
    ])
    // Cancellations: MH01 1 of 2 plans (50%, network 1 of 4): too few plans at minSample 4…
    expect(r.cancellations.stores.filter((s: { high: boolean }) => s.high)).toEqual([])
    // …flagged with its cancelled plan once two plans are enough to judge.
    const small = (
      await c.call('GET', '/fraud/store-rates?factor=2&minSample=2&from=2026-11-01&to=2026-11-30')
    ).json.data
    expect(small.cancellations.stores.filter((s: { high: boolean }) => s.high)).toEqual([
      expect.objectContaining({ storeCode: 'MH01', rate: 0.5, plans: [plan.a2] }),
    ])
  })

  it('records a session’s activity at most once a minute (no write per request)', async () => {
    const c = await signedIn('finance')
    const signedInAt = ho.now.value
    // Sessions whose activity was recorded after the sign-in (every session here began before).
    const touched = () => count(ho.ds, 'ho_console_session', 'last_seen_at > ?', [signedInAt])
    ho.now.value += 30_000
    expect((await c.call('GET', '/report-scopes')).status).toBe(200)
    expect(await touched()).toBe(0)
    ho.now.value += 31_000
    expect((await c.call('GET', '/report-scopes')).status).toBe(200)
    expect(await touched()).toBe(1)
  })

  it('searches plans in one statement and still answers the total past the last page', async () => {
    const c = await signedIn('finance')
    const first = (await c.call('GET', '/plans?q=9800000001&page=1&pageSize=2')).json.data
    expect(first.total).toBe(3)
    expect(first.plans).toHaveLength(2)
    const past = (await c.call('GET', '/plans?q=9800000001&page=3&pageSize=2')).json.data
    expect(past).toMatchObject({ total: 3, plans: [] })
    const none = (await c.call('GET', '/plans?q=9899999999')).json.data
    expect(none).toMatchObject({ total: 0, plans: [] })
    const all = (await c.call('GET', '/plans?page=1&pageSize=5')).json.data
    expect(all.total).toBe(10)
    expect(all.plans[0].planNumber).toBe(plan.b1) // the newest enrollment first
  })

  it('answers each role by its permissions (403 otherwise)', async () => {
    const paths = {
      dashboard: '/dashboard',
      liability: '/dashboard/liability',
      scopes: '/report-scopes',
      reports: '/reports/activity',
      csv: '/reports/activity.csv',
      liabilityCsv: '/reports/liability.csv',
      fraud: '/fraud/many-plans',
      stepDown: '/fraud/step-down',
      rates: '/fraud/store-rates',
    }
    const expected: Record<ConsoleRole, string[]> = {
      admin: Object.keys(paths),
      finance: ['dashboard', 'liability', 'scopes', 'reports', 'csv', 'liabilityCsv'],
      operations: ['dashboard', 'liability', 'scopes', 'reports', 'csv', 'liabilityCsv'],
      'customer-care': [],
      'fraud-audit': Object.keys(paths),
    }
    for (const [role, allowed] of Object.entries(expected) as [ConsoleRole, string[]][]) {
      const c = await signedIn(role)
      const got: Record<string, number> = {}
      for (const [name, path] of Object.entries(paths))
        got[name] = (await c.fetch('GET', path)).status
      const want = Object.fromEntries(
        Object.keys(paths).map((n) => [n, allowed.includes(n) ? 200 : 403]),
      )
      expect({ role, got }).toEqual({ role, got: want })
    }
    const anonymous = await fetch(`${ho.url}/console/api/reports/activity.csv`)
    expect(anonymous.status).toBe(401)
  })

  it('shows trade-ins apart from plan redemptions, at head office’s own amount (issue 22)', async () => {
    const pp = fakeKiosk('PP01', 'K2')
    const http = ho.client('PP01', 'K2', await ho.register('PP01', 'K2'))
    const imeiOf = (n: number) => {
      const body = `86${String(700_000 + n).padStart(12, '0')}`
      return body + luhnCheckDigit(body)
    }
    const tradeIn = (n: number, amountPaise: number) => ({
      tradeInId: randomUUID(),
      voucherNumber: `K2/T2627/00000${n}`,
      imei: imeiOf(n),
      modelId: 'redmi-9',
      variantId: 'redmi-9-4-64',
      catalogVersion: '2026.11.1',
      answers: [{ itemId: 'powers-on', result: 'pass' as const }],
      grade: 'A',
      source: 'grid' as const,
      partnerId: 'cashify',
      quoteId: null,
      amountPaise,
      provisional: true,
      confirmation: 'pending' as const,
      partnerReference: null,
      acceptedOn: '2026-11-27',
      voucherValidTo: '2026-12-26',
      deviceIntakeId: randomUUID(),
      staffCode: 'C1',
    })
    // The grid pays ₹4,050 for this phone at grade A; the second kiosk claims ₹9,000.
    const honest = tradeIn(1, 4_050_00)
    const inflated = tradeIn(2, 9_000_00)
    await pushAll(http, [
      pp.event('tradein.accepted', honest, '2026-11-27'),
      pp.event('tradein.accepted', inflated, '2026-11-27'),
      pp.event(
        'tradein.voucher-used',
        {
          tradeInId: honest.tradeInId,
          voucherNumber: honest.voucherNumber,
          usedOn: '2026-11-28',
          newDevice: {
            brand: 'Xiaomi',
            modelName: 'Redmi Note 9 Pro',
            modelId: 'redmi-note-9-pro',
            variantId: 'redmi-note-9-pro-4-64',
            imei: imeiOf(3),
            pricePaise: 13_999_00,
            salesInvoiceNumber: 'PP01-POS/1',
          },
          creditPaise: 4_050_00,
          amountPaidPaise: 9_949_00,
          payment: { method: 'cash', reference: null, amountPaise: 9_949_00 },
          staffCode: 'C1',
        },
        '2026-11-28',
      ),
    ])
    const c = await signedIn('finance')
    const q = 'store=PP01&from=2026-11-27&to=2026-11-28'
    const lines = (await c.call('GET', `/reports/activity?${q}`)).json.data.lines
    expect(lines).toEqual([
      expect.objectContaining({
        day: '2026-11-27',
        tradeIns: 2,
        tradeInPaise: 2 * 4_050_00, // head office's amount, not the ₹9,000 claimed
        redemptions: 0,
        creditPaise: 0,
      }),
      expect.objectContaining({
        day: '2026-11-28',
        vouchersUsed: 1,
        voucherCreditPaise: 4_050_00,
        redemptions: 0,
      }),
    ])
    const csv = parse(await (await c.fetch('GET', `/reports/activity.csv?${q}`)).text(), {
      bom: true,
      columns: true,
    }) as Record<string, string>[]
    expect(
      csv.map((r) => [r['Trade-ins'], r['Trade-in value (INR)'], r['Voucher credit (INR)']]),
    ).toEqual([
      ['2', '8100.00', '0.00'],
      ['0', '0.00', '4050.00'],
    ])
    // The voucher not yet spent is owed, apart from the plans, until the month it expires.
    const liability = (await c.call('GET', '/reports/liability?store=PP01')).json.data.lines
    expect(liability.filter((l: { band: string }) => l.band === 'trade-in voucher')).toEqual([
      { band: 'trade-in voucher', stepDownMonth: '2026-12', plans: 1, liabilityPaise: 4_050_00 },
    ])
  })
})
