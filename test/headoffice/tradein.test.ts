import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { luhnCheckDigit } from '../../shared/domain'
import type { PayloadOf } from '../../shared/sync/events'
import { checkPartnerTradeIns } from '../../headoffice/services/tradein-check'
import { activityReport, liabilityReport } from '../../headoffice/services/reports'
import { startPartnerServer } from '../electron/core/tradein/partner-server'
import { fakeKiosk } from './fixtures'
import { TARGETS, startHeadOffice, type TestHeadOffice } from './harness'

/**
 * Head office and trade-ins (issue 22, docs/program-rules.md#trade-in), on SQLite and PostgreSQL:
 * it records a kiosk's trade-in but re-checks the money itself — the grid price from its own
 * catalog, the partner's price by asking the partner — flags a disagreement
 * (TRADE_IN_AMOUNT_MISMATCH) and counts only what it recognises; the reports show trade-ins
 * apart from plan redemptions.
 */
let imeiN = 500_000
const imei = () => {
  const body = `86${String(imeiN++).padStart(12, '0')}`
  return body + luhnCheckDigit(body)
}

function accepted(
  over: Partial<PayloadOf<'tradein.accepted'>> = {},
): PayloadOf<'tradein.accepted'> {
  return {
    tradeInId: randomUUID(),
    voucherNumber: `K1/T2627/${String(imeiN).padStart(6, '0')}`,
    imei: imei(),
    modelId: 'redmi-9',
    variantId: 'redmi-9-4-64',
    catalogVersion: '2026.11.1',
    answers: [{ itemId: 'powers-on', result: 'pass' }],
    grade: 'A',
    source: 'grid',
    partnerId: 'cashify',
    quoteId: null,
    amountPaise: 4_050_00,
    provisional: true,
    confirmation: 'pending',
    partnerReference: null,
    acceptedOn: '2026-11-30',
    voucherValidTo: '2026-12-29',
    deviceIntakeId: randomUUID(),
    staffCode: 'C1',
    ...over,
  }
}

describe.each(TARGETS)('head office trade-ins on %s', (kind) => {
  let ho: TestHeadOffice
  let push: (
    events: Parameters<ReturnType<TestHeadOffice['client']>['push']>[0],
  ) => Promise<Array<{ status: string; reason?: string }>>
  const kiosk = fakeKiosk('MH01', 'K1')
  const stops: Array<() => Promise<void>> = []
  beforeAll(async () => {
    ho = await startHeadOffice(kind)
    const http = ho.client('MH01', 'K1', await ho.register('MH01', 'K1'))
    push = async (events) =>
      (await http.push(events)).results as Array<{ status: string; reason?: string }>
  })
  afterEach(async () => {
    for (const s of stops.splice(0)) await s()
  })
  afterAll(async () => {
    await ho?.close()
  })

  const row = async (tradeInId: string) =>
    (
      await ho.ds.query(
        kind === 'postgres'
          ? 'SELECT * FROM ho_trade_in WHERE trade_in_id = $1'
          : 'SELECT * FROM ho_trade_in WHERE trade_in_id = ?',
        [tradeInId],
      )
    )[0] as Record<string, unknown>

  it('re-checks a grid price against its own catalog: agreed is recognised, a higher figure flagged', async () => {
    const good = accepted()
    const bad = accepted({ amountPaise: 9_000_00 })
    const results = await push([
      kiosk.event('tradein.accepted', good, '2026-11-30'),
      kiosk.event('tradein.accepted', bad, '2026-11-30'),
    ])
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied'])
    expect(await row(good.tradeInId)).toMatchObject({ check_status: 'ok', check_reason: null })
    expect(Number((await row(good.tradeInId)).recognised_paise)).toBe(4_050_00)
    const flagged = await row(bad.tradeInId)
    expect(flagged.check_status).toBe('mismatch')
    expect(flagged.check_reason).toMatch(/^TRADE_IN_AMOUNT_MISMATCH/)
    expect(Number(flagged.recognised_paise)).toBe(4_050_00)
    expect(Number(flagged.kiosk_paise)).toBe(9_000_00)

    // The reports count what head office recognises, apart from the plans.
    const day = (await activityReport(ho.ds, '2026-11-30', '2026-11-30')).find(
      (l) => l.storeCode === 'MH01',
    )
    expect(day).toMatchObject({
      tradeIns: 2,
      tradeInPaise: 8_100_00,
      tradeInsFlagged: 1,
      redemptions: 0,
      creditPaise: 0,
    })
    const liability = await liabilityReport(ho.ds, '2026-12-01')
    expect(liability.filter((l) => l.band === 'trade-in voucher')).toEqual([
      { band: 'trade-in voucher', purchaseMonth: '2026-11', plans: 2, liabilityPaise: 8_100_00 },
    ])
  })

  it('records a voucher used once, against the credit it recognises, and drops it from the liability', async () => {
    const t = accepted()
    const used = (requestDay: string, creditPaise = 4_050_00) =>
      kiosk.event(
        'tradein.voucher-used',
        {
          tradeInId: t.tradeInId,
          voucherNumber: t.voucherNumber,
          usedOn: requestDay,
          newDevice: {
            brand: 'Xiaomi',
            modelName: 'Redmi Note 9 Pro',
            modelId: 'redmi-note-9-pro',
            variantId: 'redmi-note-9-pro-4-64',
            imei: imei(),
            pricePaise: 13_999_00,
            salesInvoiceNumber: 'MH01-POS/1',
          },
          creditPaise,
          amountPaidPaise: 13_999_00 - creditPaise,
          payment: { method: 'cash', reference: null, amountPaise: 13_999_00 - creditPaise },
          staffCode: 'C1',
        },
        requestDay,
      )
    const results = await push([
      kiosk.event('tradein.accepted', t, '2026-11-30'),
      used('2026-12-02', 5_000_00),
      used('2026-12-02'),
      used('2026-12-03'),
    ])
    expect(results.map((r) => [r.status, r.reason ?? null])).toEqual([
      ['applied', null],
      ['rejected', 'TRADE_IN_AMOUNT_MISMATCH'],
      ['applied', null],
      ['rejected', 'TRADE_IN_VOUCHER_USED'],
    ])
    const day = (await activityReport(ho.ds, '2026-12-02', '2026-12-02')).find(
      (l) => l.storeCode === 'MH01',
    )
    expect(day).toMatchObject({ vouchersUsed: 1, voucherCreditPaise: 4_050_00, redemptions: 0 })
    const liability = await liabilityReport(ho.ds, '2026-12-02')
    const vouchers = liability.filter((l) => l.band === 'trade-in voucher')
    expect(vouchers.reduce((n, l) => n + l.plans, 0)).toBe(2) // the two of the first test
  })

  it('asks the partner itself about a partner price: agreed, different, unknown, unreachable', async () => {
    const partner = await startPartnerServer({ apiKey: 'ho-key', clock: Date.now })
    stops.push(partner.stop)
    const quote = async () => {
      const res = await fetch(`${partner.url}/quotes`, {
        method: 'POST',
        headers: { authorization: 'Bearer ho-key', 'content-type': 'application/json' },
        body: JSON.stringify({ grade: 'A' }),
      })
      return (await res.json()) as { quoteId: string; amountPaise: number }
    }
    const q1 = await quote()
    const q2 = await quote()
    const honest = accepted({
      source: 'partner',
      quoteId: q1.quoteId,
      amountPaise: q1.amountPaise,
      provisional: false,
      confirmation: 'confirmed',
      partnerReference: 'CF-1',
    })
    const inflated = accepted({
      source: 'partner',
      quoteId: q2.quoteId,
      amountPaise: q2.amountPaise + 50_000,
      provisional: false,
      confirmation: 'confirmed',
      partnerReference: 'CF-2',
    })
    const invented = accepted({
      source: 'partner',
      quoteId: 'Q-made-up',
      amountPaise: 7_000_00,
      provisional: false,
      confirmation: 'confirmed',
      partnerReference: 'CF-3',
    })
    await push([
      kiosk.event('tradein.accepted', honest, '2026-11-30'),
      kiosk.event('tradein.accepted', inflated, '2026-11-30'),
      kiosk.event('tradein.accepted', invented, '2026-11-30'),
    ])
    expect((await row(honest.tradeInId)).check_status).toBe('pending-partner')
    // The partner does not answer: everything stays pending.
    partner.state.failNext = 10
    expect(await checkPartnerTradeIns(ho.ds, { baseUrl: partner.url, apiKey: 'ho-key' })).toEqual({
      ok: 0,
      mismatch: 0,
      pending: 3,
    })
    partner.state.failNext = 0
    expect(await checkPartnerTradeIns(ho.ds, { baseUrl: partner.url, apiKey: 'ho-key' })).toEqual({
      ok: 1,
      mismatch: 2,
      pending: 0,
    })
    expect(await row(honest.tradeInId)).toMatchObject({ check_status: 'ok' })
    const over = await row(inflated.tradeInId)
    expect(over.check_status).toBe('mismatch')
    expect(Number(over.recognised_paise)).toBe(q2.amountPaise)
    expect((await row(invented.tradeInId)).check_reason).toMatch(/does not know quote/)
  })

  it('records the traded-in phone collected, and refuses events of a trade-in it does not hold', async () => {
    const t = accepted()
    const results = await push([
      kiosk.event('tradein.accepted', t, '2026-11-30'),
      kiosk.event(
        'tradein.collected',
        {
          tradeInId: t.tradeInId,
          voucherNumber: t.voucherNumber,
          deviceIntakeId: t.deviceIntakeId,
          imei: t.imei,
          collectedOn: '2026-12-01',
          reference: 'DKT-1',
          staffCode: 'M1',
        },
        '2026-12-01',
      ),
      kiosk.event(
        'tradein.confirmed',
        {
          tradeInId: randomUUID(),
          voucherNumber: 'K1/T2627/999999',
          quoteId: 'Q-x',
          partnerReference: 'CF-x',
          confirmedAmountPaise: 1,
          outcome: 'confirmed',
          confirmedAt: '2026-12-01T10:00:00.000+05:30',
        },
        '2026-12-01',
      ),
    ])
    expect(results.map((r) => [r.status, r.reason ?? null])).toEqual([
      ['applied', null],
      ['applied', null],
      ['rejected', 'TRADE_IN_NOT_FOUND'],
    ])
    expect((await row(t.tradeInId)).collected_on).toBe('2026-12-01')
  })

  it('refuses a trade-in of a catalog it never published', async () => {
    const results = await push([
      kiosk.event('tradein.accepted', accepted({ catalogVersion: '1999.1.1' }), '2026-11-30'),
    ])
    expect(results[0]).toMatchObject({ status: 'rejected', reason: 'CATALOG_VERSION_UNKNOWN' })
  })
})
