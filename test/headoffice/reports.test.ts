import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeKiosk } from './fixtures'
import { DEMO_CATALOG, TARGETS, startHeadOffice, type TestHeadOffice } from './harness'

/** The demo catalog and four models with the round SRPs and fees the figures below use. */
function reportCatalog() {
  const demo = DEMO_CATALOG() as { version: string; models: unknown[] }
  const model = (id: string, srpPaise: number, feePaise: number) => ({
    id,
    name: id,
    feePaise,
    active: true,
    variants: [{ id: `${id}-v`, name: 'one', srpPaise }],
  })
  return {
    ...demo,
    version: '2026.11.2',
    models: [
      ...demo.models,
      model('report-a', 1_000_000, 49_900),
      model('report-b', 2_000_000, 59_900),
      model('report-c', 1_500_000, 54_900),
      model('report-d', 999_900, 49_900),
    ],
  }
}
/** The activity report's trade-in columns on a day without any (issue 22). */
const NO_TRADE_INS = {
  tradeIns: 0,
  tradeInPaise: 0,
  tradeInsFlagged: 0,
  vouchersUsed: 0,
  voucherCreditPaise: 0,
}
const on = (id: string) => ({ catalogVersion: '2026.11.2', modelId: id, variantId: `${id}-v` })

describe.each(TARGETS)('reports on %s', (kind) => {
  let ho: TestHeadOffice
  beforeAll(async () => {
    ho = await startHeadOffice(kind)
    expect((await ho.admin('POST', '/admin/catalogs', reportCatalog())).status).toBe(200)
    const a = fakeKiosk('MH01', 'K1')
    const b = fakeKiosk('MS01', 'K1')
    const httpA = ho.client('MH01', 'K1', await ho.register('MH01', 'K1'))
    const httpB = ho.client('MS01', 'K1', await ho.register('MS01', 'K1'))
    const p1 = a.enroll({
      purchaseDate: '2026-01-05',
      srpPaise: 1_000_000,
      feePaise: 49_900,
      ...on('report-a'),
    })
    const p2 = a.enroll({
      purchaseDate: '2026-01-05',
      srpPaise: 2_000_000,
      feePaise: 59_900,
      ...on('report-b'),
    })
    const p3 = a.enroll({
      purchaseDate: '2026-02-10',
      enrolledOn: '2026-02-11',
      srpPaise: 1_500_000,
      feePaise: 54_900,
      ...on('report-c'),
    })
    const p4 = a.enroll({
      purchaseDate: '2026-02-10',
      enrolledOn: '2026-02-11',
      srpPaise: 999_900,
      ...on('report-d'),
    })
    const cancel4 = a.cancel(p4, '2026-02-12')
    await httpA.push([p1, p2, p3, p4, cancel4])
    const redeem2 = b.redeem(p2, '2026-05-06', { newPricePaise: 1_000_000 })
    await httpB.push([redeem2])
  })
  afterAll(async () => {
    await ho?.close()
  })

  it('reports outstanding liability by band and purchase month (JSON and CSV)', async () => {
    const json = await ho.admin('GET', '/admin/reports/liability?asOf=2026-05-06')
    // p1 (Jan cohort) is at 70% of ₹10,000; p3 (Feb cohort) is too early, owed 70% of ₹15,000 later.
    expect(json.json.data).toEqual([
      { band: '70%', purchaseMonth: '2026-01', plans: 1, liabilityPaise: 700_000 },
      { band: 'too-early', purchaseMonth: '2026-02', plans: 1, liabilityPaise: 1_050_000 },
    ])
    const csv = await ho.admin('GET', '/admin/reports/liability?asOf=2026-05-06&format=csv')
    expect(csv.text).toBe(
      'band,purchaseMonth,plans,liabilityPaise\r\n70%,2026-01,1,700000\r\ntoo-early,2026-02,1,1050000\r\n',
    )
  })

  it('reports enrollments, credited redemptions and cancellations by store and day', async () => {
    const json = await ho.admin('GET', '/admin/reports/activity?from=2026-01-01&to=2026-12-31')
    expect(json.json.data).toEqual([
      {
        storeCode: 'MH01',
        day: '2026-01-05',
        enrollments: 2,
        feesPaise: 109_800,
        redemptions: 0,
        creditPaise: 0,
        cancellations: 0,
        refundsPaise: 0,
        ...NO_TRADE_INS,
      },
      {
        storeCode: 'MH01',
        day: '2026-02-11',
        enrollments: 2,
        feesPaise: 104_800,
        redemptions: 0,
        creditPaise: 0,
        cancellations: 0,
        refundsPaise: 0,
        ...NO_TRADE_INS,
      },
      {
        storeCode: 'MH01',
        day: '2026-02-12',
        enrollments: 0,
        feesPaise: 0,
        redemptions: 0,
        creditPaise: 0,
        cancellations: 1,
        refundsPaise: 49_900,
        ...NO_TRADE_INS,
      },
      {
        storeCode: 'MS01',
        day: '2026-05-06',
        enrollments: 0,
        feesPaise: 0,
        redemptions: 1,
        creditPaise: 1_000_000,
        cancellations: 0,
        refundsPaise: 0,
        ...NO_TRADE_INS,
      },
    ])
    const csv = await ho.admin(
      'GET',
      '/admin/reports/activity?from=2026-05-01&to=2026-05-31&format=csv',
    )
    expect(csv.text.split('\r\n')[0]).toBe(
      'storeCode,day,enrollments,feesPaise,redemptions,creditPaise,cancellations,refundsPaise,' +
        'tradeIns,tradeInPaise,tradeInsFlagged,vouchersUsed,voucherCreditPaise',
    )
    expect(csv.text.split('\r\n')[1]).toBe('MS01,2026-05-06,0,0,1,1000000,0,0,0,0,0,0,0')
    const bad = await ho.admin('GET', '/admin/reports/activity?from=yesterday&to=2026-05-31')
    expect(bad.json.error.code).toBe('VALIDATION_FAILED')
  })
})
