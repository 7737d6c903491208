import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { createHttpPartner } from '../../../../electron/core/tradein/http-partner'
import { SIGNED, enrolled, inspect, makeCore, newImei, type TestCore } from '../helpers'
import { startPartnerServer } from './partner-server'

/**
 * The kiosk's trade-in flow through `dispatch` on a real SQLite file (issue 22,
 * docs/program-rules.md#trade-in): start → checklist → quote (partner or grid) → accept (voucher,
 * Old phones pickup, event) or decline; the voucher used once against a new phone.
 */
const KEY = 'partner-key-1'
/** 2026-11-30 11:30 in Kolkata: inside the demo grid's dates. */
const NOW = Date.parse('2026-11-30T06:00:00Z')
const cores: TestCore[] = []
const skew = { ms: 0 }
const stops: Array<() => Promise<void>> = []
afterEach(async () => {
  skew.ms = 0
  for (const s of stops.splice(0)) await s()
  for (const c of cores.splice(0)) await c.cleanup()
})

async function core(options: { partner?: boolean; timeoutMs?: number } = {}) {
  let server: Awaited<ReturnType<typeof startPartnerServer>> | null = null
  let clockRef: () => number = () => NOW
  if (options.partner) {
    // The partner's own clock may run ahead of the kiosk's (`skew`).
    server = await startPartnerServer({ apiKey: KEY, clock: () => clockRef() + skew.ms })
    stops.push(server.stop)
  }
  const tc = await makeCore(
    server
      ? {
          tradeInPartner: createHttpPartner({
            id: 'cashify',
            baseUrl: server.url,
            apiKey: KEY,
            timeoutMs: options.timeoutMs ?? 2_000,
            clock: () => clockRef(),
          }),
        }
      : {},
  )
  cores.push(tc)
  tc.clock.set(NOW)
  clockRef = tc.clock
  await tc.signIn('M1')
  return { tc, server }
}

const CHECKLIST_IDS = async (tc: TestCore, tradeInId: string) =>
  (await tc.ok('tradein.get', { tradeInId })).tradeIn

async function started(tc: TestCore, imei = newImei()) {
  return tc.ok('tradein.start', {
    requestId: randomUUID(),
    imei,
    modelId: 'redmi-9',
    variantId: 'redmi-9-4-64',
  })
}

function answersFor(checklist: Array<{ id: string }>, fail: string[] = []) {
  return checklist.map((c) => ({ itemId: c.id, result: fail.includes(c.id) ? 'fail' : 'pass' }))
}

async function graded(tc: TestCore, fail: string[] = []) {
  const s = await started(tc)
  const c = await tc.ok('tradein.checklist', {
    tradeInId: s.tradeIn.tradeInId,
    answers: answersFor(s.checklist, fail),
  })
  return { id: s.tradeIn.tradeInId as string, checklist: c }
}

async function outboxTypes(tc: TestCore): Promise<string[]> {
  return (await tc.core.outbox.readPending(100)).map((e) => e.type)
}

describe('trade-in: start', () => {
  it('opens a trade-in with the inspection checklist, its inspection row without a plan', async () => {
    const { tc } = await core()
    const s = await started(tc)
    expect(s.tradeIn).toMatchObject({
      status: 'open',
      modelName: 'Redmi 9',
      planNumber: null,
      grade: null,
      quote: null,
    })
    expect(s.checklist.map((c: { id: string }) => c.id)).toContain('powers-on')
    const row = await tc.readDatabase((db) =>
      db.prepare('SELECT plan_id, imei FROM inspections WHERE id = ?').get(s.tradeIn.inspectionId),
    )
    expect(row).toEqual({ plan_id: null, imei: s.tradeIn.imei })
  })

  it('refuses a bad IMEI and a phone not in the catalog before writing anything', async () => {
    const { tc } = await core()
    const bad = await tc.call('tradein.start', { requestId: randomUUID(), imei: '123' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'IMEI_INVALID' } })
    const unknown = await tc.call('tradein.start', {
      requestId: randomUUID(),
      imei: newImei(),
      modelId: 'iphone',
      variantId: 'x',
    })
    expect(unknown).toMatchObject({ ok: false, error: { code: 'TRADE_IN_MODEL_UNKNOWN' } })
    const n = await tc.readDatabase(
      (db) => (db.prepare('SELECT COUNT(*) AS n FROM trade_ins').get() as { n: number }).n,
    )
    expect(n).toBe(0)
  })

  it('is idempotent by requestId', async () => {
    const { tc } = await core()
    const req = {
      requestId: randomUUID(),
      imei: newImei(),
      modelId: 'redmi-9',
      variantId: 'redmi-9-4-64',
    }
    const a = await tc.ok('tradein.start', req)
    const b = await tc.ok('tradein.start', req)
    expect(b.tradeIn.tradeInId).toBe(a.tradeIn.tradeInId)
  })
})

describe('trade-in: a phone with a plan', () => {
  it('refuses a plan the customer can redeem today, then takes the phone once it failed inspection or the plan expired', async () => {
    const tc = await makeCore()
    cores.push(tc)
    const { req, planNumber } = await enrolled(tc)
    const imei = req.imeis[0]!
    tc.clock.set(Date.parse('2021-03-01T06:00:00Z')) // month 4: redeemable
    await tc.signIn('M1')
    const refused = await tc.call('tradein.start', { requestId: randomUUID(), imei })
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'TRADE_IN_PLAN_REDEEMABLE', params: { planNumber } },
    })
    // The phone fails its inspection: it can no longer be redeemed, so it may be traded in, as
    // the plan's phone (model and variant from the plan).
    await inspect(tc, planNumber, imei, 'display-no-cracks')
    await tc.signIn('M1')
    const s = await tc.ok('tradein.start', { requestId: randomUUID(), imei })
    expect(s.tradeIn).toMatchObject({
      planNumber,
      modelId: 'redmi-note-9',
      variantId: 'redmi-note-9-4-64',
    })
  })

  it('takes the phone of a plan that expired after month 15', async () => {
    const tc = await makeCore()
    cores.push(tc)
    const { req, planNumber } = await enrolled(tc)
    tc.clock.set(Date.parse('2022-06-01T06:00:00Z'))
    await tc.signIn('M1')
    const s = await tc.ok('tradein.start', { requestId: randomUUID(), imei: req.imeis[1]! })
    expect(s.tradeIn.planNumber).toBe(planNumber)
  })
})

describe('trade-in: checklist and grade', () => {
  it('grades by the catalog: all pass is A, a B-capping failure B, a C-capping one C', async () => {
    const { tc } = await core()
    expect((await graded(tc)).checklist.tradeIn).toMatchObject({ status: 'graded', grade: 'A' })
    expect((await graded(tc, ['holds-charge'])).checklist.tradeIn.grade).toBe('B')
    const c = await graded(tc, ['holds-charge', 'display-no-cracks'])
    expect(c.checklist.tradeIn).toMatchObject({
      grade: 'C',
      gradeLabel: { en: 'Damaged but working' },
    })
  })

  it('answers not acceptable with the items and their labels; a quote is then refused', async () => {
    const { tc } = await core()
    const g = await graded(tc, ['powers-on'])
    expect(g.checklist.acceptable).toBe(false)
    expect(g.checklist.tradeIn.status).toBe('not-acceptable')
    expect(g.checklist.tradeIn.notAcceptable).toEqual([
      { itemId: 'powers-on', label: expect.objectContaining({ en: expect.any(String) }) },
    ])
    const q = await tc.call('tradein.quote', { tradeInId: g.id })
    expect(q).toMatchObject({ ok: false, error: { code: 'TRADE_IN_NOT_ACCEPTABLE' } })
  })

  it('refuses a checklist with a required item unanswered or an unknown item', async () => {
    const { tc } = await core()
    const s = await started(tc)
    const answers = answersFor(s.checklist).filter((a) => a.itemId !== 'powers-on')
    const missing = await tc.call('tradein.checklist', { tradeInId: s.tradeIn.tradeInId, answers })
    expect(missing).toMatchObject({ ok: false, error: { code: 'TRADE_IN_CHECKLIST_INCOMPLETE' } })
    const extra = await tc.call('tradein.checklist', {
      tradeInId: s.tradeIn.tradeInId,
      answers: [...answersFor(s.checklist), { itemId: 'made-up', result: 'pass' }],
    })
    expect(extra).toMatchObject({ ok: false, error: { code: 'TRADE_IN_CHECKLIST_INCOMPLETE' } })
    expect((await CHECKLIST_IDS(tc, s.tradeIn.tradeInId)).status).toBe('open')
  })
})

describe('trade-in: offline grid', () => {
  it('quotes from the catalog grid, provisional, and issues a voucher on accept', async () => {
    const { tc } = await core()
    const { id } = await graded(tc)
    const q = await tc.ok('tradein.quote', { tradeInId: id })
    expect(q.quote).toMatchObject({
      source: 'grid',
      partnerId: 'cashify',
      partnerName: 'Cashify',
      quoteId: null,
      amountPaise: 4_050_00,
      provisional: true,
    })
    expect(q.partnerError).toBeNull()
    const a = await tc.ok('tradein.accept', {
      requestId: randomUUID(),
      tradeInId: id,
      amountPaise: 4_050_00,
      handover: SIGNED.handover,
    })
    expect(a.voucher).toMatchObject({
      number: 'K1/T2627/000001',
      amountPaise: 4_050_00,
      issuedOn: '2026-11-30',
      validTo: '2026-12-29',
      status: 'issued',
    })
    expect(a.voucher.code).toMatch(/^[A-Z2-9]{6}$/)
    expect(a.tradeIn).toMatchObject({
      status: 'accepted',
      confirmation: 'pending',
      partnerReference: null,
    })
    const devices = (await tc.ok('devices.list', {})).devices
    expect(devices).toEqual([
      expect.objectContaining({
        id: a.deviceIntakeId,
        planNumber: null,
        source: 'trade-in',
        partnerReference: 'pending',
        assuredValuePaise: 4_050_00,
      }),
    ])
    expect(await outboxTypes(tc)).toEqual(['tradein.accepted'])
    const event = (await tc.core.outbox.readPending(10))[0]!
    expect(event.payload).toMatchObject({
      voucherNumber: 'K1/T2627/000001',
      source: 'grid',
      amountPaise: 4_050_00,
      provisional: true,
      grade: 'A',
      confirmation: 'pending',
    })
  })

  it('refuses an accept without the signed declaration, or for another amount, and issues nothing', async () => {
    const { tc } = await core()
    const { id } = await graded(tc)
    await tc.ok('tradein.quote', { tradeInId: id })
    const unsigned = await tc.call('tradein.accept', {
      requestId: randomUUID(),
      tradeInId: id,
      amountPaise: 4_050_00,
    })
    expect(unsigned.ok).toBe(false)
    if (!unsigned.ok) {
      expect(new Set(unsigned.error.issues?.map((i) => i.code))).toEqual(
        new Set(['HANDOVER_DECLARATION_REQUIRED']),
      )
    }
    const other = await tc.call('tradein.accept', {
      requestId: randomUUID(),
      tradeInId: id,
      amountPaise: 5_000_00,
      handover: SIGNED.handover,
    })
    expect(other).toMatchObject({
      ok: false,
      error: {
        code: 'TRADE_IN_PRICE_CHANGED',
        params: { quotedPaise: 5_000_00, newPaise: 4_050_00 },
      },
    })
    expect(await outboxTypes(tc)).toEqual([])
    expect((await tc.ok('devices.list', {})).devices).toEqual([])
  })

  it('prices a grid quote again at accept: the grid out of its dates refuses, nothing issued', async () => {
    const { tc } = await core()
    const { id } = await graded(tc)
    await tc.ok('tradein.quote', { tradeInId: id })
    // A grid quote is not stored: the trade-in stays graded until accepted.
    expect((await tc.ok('tradein.get', { tradeInId: id })).tradeIn).toMatchObject({
      status: 'graded',
      quote: null,
    })
    tc.clock.set(Date.parse('2028-01-02T06:00:00Z'))
    await tc.signIn('M1')
    const late = await tc.call('tradein.accept', {
      requestId: randomUUID(),
      tradeInId: id,
      amountPaise: 4_050_00,
      handover: SIGNED.handover,
    })
    expect(late).toMatchObject({ ok: false, error: { code: 'TRADE_IN_GRID_EXPIRED' } })
    expect(await outboxTypes(tc)).toEqual([])
  })

  it('declines, after which nothing else can be done', async () => {
    const { tc } = await core()
    const { id } = await graded(tc)
    await tc.ok('tradein.quote', { tradeInId: id })
    const d = await tc.ok('tradein.decline', { requestId: randomUUID(), tradeInId: id })
    expect(d.tradeIn.status).toBe('declined')
    const after = await tc.call('tradein.accept', {
      requestId: randomUUID(),
      tradeInId: id,
      amountPaise: 4_050_00,
      handover: SIGNED.handover,
    })
    expect(after).toMatchObject({ ok: false, error: { code: 'TRADE_IN_STATE_INVALID' } })
  })

  it('refuses a second trade-in of a phone already traded in', async () => {
    const { tc } = await core()
    const s = await started(tc)
    await tc.ok('tradein.checklist', {
      tradeInId: s.tradeIn.tradeInId,
      answers: answersFor(s.checklist),
    })
    await tc.ok('tradein.quote', { tradeInId: s.tradeIn.tradeInId })
    await tc.ok('tradein.accept', {
      requestId: randomUUID(),
      tradeInId: s.tradeIn.tradeInId,
      amountPaise: 4_050_00,
      handover: SIGNED.handover,
    })
    const again = await tc.call('tradein.start', {
      requestId: randomUUID(),
      imei: s.tradeIn.imei,
      modelId: 'redmi-9',
      variantId: 'redmi-9-4-64',
    })
    expect(again).toMatchObject({ ok: false, error: { code: 'TRADE_IN_IMEI_TRADED' } })
  })
})

describe('trade-in: the partner online', () => {
  it('quotes from the partner and confirms at accept: reference with the phone', async () => {
    const { tc, server } = await core({ partner: true })
    const { id } = await graded(tc)
    const q = await tc.ok('tradein.quote', { tradeInId: id })
    expect(q.quote).toMatchObject({ source: 'partner', amountPaise: 6_000_00, provisional: false })
    expect(q.quote.quoteId).toMatch(/^Q-/)
    expect(server!.state.requests[0]).toMatchObject({
      path: '/quotes',
      auth: `Bearer ${KEY}`,
      body: { grade: 'A', model: { id: 'redmi-9' }, variant: { id: 'redmi-9-4-64' } },
    })
    const a = await tc.ok('tradein.accept', {
      requestId: randomUUID(),
      tradeInId: id,
      amountPaise: 6_000_00,
      handover: SIGNED.handover,
    })
    expect(a.tradeIn).toMatchObject({
      confirmation: 'confirmed',
      partnerReference: `CF-${q.quote.quoteId}`,
    })
    const devices = (await tc.ok('devices.list', {})).devices
    expect(devices[0].partnerReference).toBe(`CF-${q.quote.quoteId}`)
  })

  it('falls back to the grid, provisional, when the partner is slow or failing', async () => {
    const { tc, server } = await core({ partner: true, timeoutMs: 200 })
    server!.state.delayMs = 600
    const slow = await graded(tc)
    const q1 = await tc.ok('tradein.quote', { tradeInId: slow.id })
    expect(q1.quote).toMatchObject({ source: 'grid', provisional: true, amountPaise: 4_050_00 })
    expect(q1.partnerError).toBe('TRADE_IN_PARTNER_UNAVAILABLE')
    server!.state.delayMs = 0
    server!.state.failNext = 1
    const failing = await graded(tc)
    const q2 = await tc.ok('tradein.quote', { tradeInId: failing.id })
    expect(q2.quote.source).toBe('grid')
  })

  it('surfaces a changed price at confirmation before anything is issued, then accepts the new price', async () => {
    const { tc, server } = await core({ partner: true })
    const { id } = await graded(tc)
    await tc.ok('tradein.quote', { tradeInId: id })
    server!.state.priceAtConfirm = 5_500_00
    const changed = await tc.call('tradein.accept', {
      requestId: randomUUID(),
      tradeInId: id,
      amountPaise: 6_000_00,
      handover: SIGNED.handover,
    })
    expect(changed).toMatchObject({
      ok: false,
      error: {
        code: 'TRADE_IN_PRICE_CHANGED',
        params: { quotedPaise: 6_000_00, newPaise: 5_500_00 },
      },
    })
    expect(await outboxTypes(tc)).toEqual([])
    expect((await tc.ok('tradein.get', { tradeInId: id })).tradeIn).toMatchObject({
      status: 'quoted',
      voucher: null,
      quote: { amountPaise: 5_500_00 },
    })
    const a = await tc.ok('tradein.accept', {
      requestId: randomUUID(),
      tradeInId: id,
      amountPaise: 5_500_00,
      handover: SIGNED.handover,
    })
    expect(a.voucher.amountPaise).toBe(5_500_00)
    expect(a.tradeIn.confirmation).toBe('confirmed')
  })

  it('surfaces a quote past its time without asking, and one the partner says expired', async () => {
    const { tc, server } = await core({ partner: true })
    server!.state.validForMs = 60_000
    const { id } = await graded(tc)
    await tc.ok('tradein.quote', { tradeInId: id })
    tc.clock.set(NOW + 120_000)
    const asked = server!.state.requests.length
    const late = await tc.call('tradein.accept', {
      requestId: randomUUID(),
      tradeInId: id,
      amountPaise: 6_000_00,
      handover: SIGNED.handover,
    })
    expect(late).toMatchObject({ ok: false, error: { code: 'TRADE_IN_QUOTE_EXPIRED' } })
    expect(server!.state.requests.length).toBe(asked)
    // A fresh quote; the partner's clock is ahead, so at confirmation it answers 410.
    await tc.ok('tradein.quote', { tradeInId: id })
    skew.ms = 120_000
    const gone = await tc.call('tradein.accept', {
      requestId: randomUUID(),
      tradeInId: id,
      amountPaise: 6_000_00,
      handover: SIGNED.handover,
    })
    expect(gone).toMatchObject({ ok: false, error: { code: 'TRADE_IN_QUOTE_EXPIRED' } })
    // Nothing issued; the trade-in goes back to be quoted again.
    expect((await tc.ok('tradein.get', { tradeInId: id })).tradeIn).toMatchObject({
      status: 'graded',
      quote: null,
      voucher: null,
    })
    expect(await outboxTypes(tc)).toEqual([])
    // A quote that arrives already expired is refused as such.
    server!.state.validForMs = -1_000
    skew.ms = 0
    const stale = await tc.call('tradein.quote', { tradeInId: id })
    expect(stale).toMatchObject({ ok: false, error: { code: 'TRADE_IN_QUOTE_EXPIRED' } })
  })

  it('accepts with the partner unreachable at accept: pending, confirmed later by the sync step', async () => {
    const { tc, server } = await core({ partner: true })
    const { id } = await graded(tc)
    const q = await tc.ok('tradein.quote', { tradeInId: id })
    server!.state.failNext = 1
    const a = await tc.ok('tradein.accept', {
      requestId: randomUUID(),
      tradeInId: id,
      amountPaise: 6_000_00,
      handover: SIGNED.handover,
    })
    expect(a.tradeIn).toMatchObject({ confirmation: 'pending', partnerReference: null })
    const tally = await tc.core.tradeIn.confirmPending()
    expect(tally).toEqual({ confirmed: 1, priceChanged: 0, stillPending: 0 })
    const after = (await tc.ok('tradein.get', { tradeInId: id })).tradeIn
    expect(after).toMatchObject({
      confirmation: 'confirmed',
      partnerReference: `CF-${q.quote.quoteId}`,
    })
    expect(await outboxTypes(tc)).toEqual(['tradein.accepted', 'tradein.confirmed'])
  })

  it('confirms an offline grid trade-in on sync: a changed price is recorded and flagged, the voucher stands', async () => {
    const { tc, server } = await core({ partner: true, timeoutMs: 200 })
    server!.state.failNext = 1
    const { id } = await graded(tc)
    const q = await tc.ok('tradein.quote', { tradeInId: id })
    expect(q.quote.source).toBe('grid')
    const a = await tc.ok('tradein.accept', {
      requestId: randomUUID(),
      tradeInId: id,
      amountPaise: 4_050_00,
      handover: SIGNED.handover,
    })
    // A second pending trade-in, also priced offline.
    server!.state.failNext = 1
    const second = await graded(tc, ['holds-charge'])
    const q2 = await tc.ok('tradein.quote', { tradeInId: second.id })
    await tc.ok('tradein.accept', {
      requestId: randomUUID(),
      tradeInId: second.id,
      amountPaise: q2.quote.amountPaise,
      handover: SIGNED.handover,
    })
    // Partner still down: both stay pending, and it is asked once, not once per trade-in.
    server!.state.failNext = 5
    const asked = server!.state.requests.length
    expect(await tc.core.tradeIn.confirmPending()).toEqual({
      confirmed: 0,
      priceChanged: 0,
      stillPending: 2,
    })
    expect(server!.state.requests.length - asked).toBe(1)
    server!.state.failNext = 0
    expect(await tc.core.tradeIn.confirmPending()).toEqual({
      confirmed: 0,
      priceChanged: 2,
      stillPending: 0,
    })
    const after = (await tc.ok('tradein.get', { tradeInId: id })).tradeIn
    expect(after).toMatchObject({
      confirmation: 'price-changed',
      voucher: { amountPaise: 4_050_00 },
    })
    expect(after.partnerReference).toMatch(/^CF-Q-/)
    const events = await tc.core.outbox.readPending(10)
    expect(events.map((e) => e.type)).toEqual([
      'tradein.accepted',
      'tradein.accepted',
      'tradein.confirmed',
      'tradein.confirmed',
    ])
    expect(events[2]!.payload).toMatchObject({
      voucherNumber: a.voucher.number,
      confirmedAmountPaise: 6_000_00,
      outcome: 'price-changed',
    })
  })
})

describe('trade-in voucher against a new phone', () => {
  async function voucher(tc: TestCore) {
    const { id } = await graded(tc)
    await tc.ok('tradein.quote', { tradeInId: id })
    const a = await tc.ok('tradein.accept', {
      requestId: randomUUID(),
      tradeInId: id,
      amountPaise: 4_050_00,
      handover: SIGNED.handover,
    })
    return a.voucher as { number: string; code: string }
  }
  const newDevice = (pricePaise: number) => ({
    brand: 'Xiaomi',
    modelName: 'Redmi Note 9 Pro',
    modelId: 'redmi-note-9-pro',
    variantId: 'redmi-note-9-pro-4-64',
    imei: newImei(),
    pricePaise,
    salesInvoiceNumber: 'MH01-POS/90412',
  })

  it('credits min(voucher, price), takes the balance, and is used once', async () => {
    const { tc } = await core()
    const v = await voucher(tc)
    const check = await tc.ok('redemption.voucherCheck', {
      voucherNumber: v.number,
      code: v.code.toLowerCase(),
      newPricePaise: 13_999_00,
    })
    expect(check).toMatchObject({
      ok: true,
      reasons: [],
      creditPaise: 4_050_00,
      duePaise: 9_949_00,
    })
    const done = await tc.ok('redemption.voucherComplete', {
      requestId: randomUUID(),
      voucherNumber: v.number,
      code: v.code,
      newDevice: newDevice(13_999_00),
      payment: { method: 'upi', reference: 'UPI77', amountPaise: 9_949_00 },
    })
    expect(done).toMatchObject({ creditPaise: 4_050_00, amountPaidPaise: 9_949_00 })
    expect(done.tradeIn.status).toBe('used')
    expect(await outboxTypes(tc)).toEqual(['tradein.accepted', 'tradein.voucher-used'])
    const again = await tc.call('redemption.voucherComplete', {
      requestId: randomUUID(),
      voucherNumber: v.number,
      code: v.code,
      newDevice: newDevice(13_999_00),
      payment: { method: 'upi', reference: 'UPI78', amountPaise: 9_949_00 },
    })
    expect(again).toMatchObject({ ok: false, error: { code: 'TRADE_IN_VOUCHER_USED' } })
    const checked = await tc.ok('redemption.voucherCheck', {
      voucherNumber: v.number,
      code: v.code,
    })
    expect(checked.ok).toBe(false)
    expect(checked.reasons.map((r: { code: string }) => r.code)).toEqual(['TRADE_IN_VOUCHER_USED'])
  })

  it('refuses a wrong code, an expired voucher, another brand and a missing payment', async () => {
    const { tc } = await core()
    const v = await voucher(tc)
    const wrong = await tc.call('redemption.voucherCheck', {
      voucherNumber: v.number,
      code: 'ZZZZZZ',
    })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'TRADE_IN_VOUCHER_CODE_INVALID' } })
    const none = await tc.call('redemption.voucherCheck', {
      voucherNumber: 'K1/T2627/000999',
      code: v.code,
    })
    expect(none).toMatchObject({ ok: false, error: { code: 'TRADE_IN_VOUCHER_NOT_FOUND' } })
    const unpaid = await tc.call('redemption.voucherComplete', {
      requestId: randomUUID(),
      voucherNumber: v.number,
      code: v.code,
      newDevice: { ...newDevice(13_999_00), brand: 'Samsung' },
    })
    expect(unpaid.ok).toBe(false)
    if (!unpaid.ok) {
      expect(unpaid.error.issues?.map((i) => i.code).sort()).toEqual([
        'AMOUNT_INVALID',
        'NEW_DEVICE_NOT_BRAND',
      ])
    }
    tc.clock.advanceDays(30)
    await tc.signIn('M1')
    const expired = await tc.call('redemption.voucherComplete', {
      requestId: randomUUID(),
      voucherNumber: v.number,
      code: v.code,
      newDevice: newDevice(3_000_00),
    })
    expect(expired).toMatchObject({ ok: false, error: { code: 'TRADE_IN_VOUCHER_EXPIRED' } })
    expect(await outboxTypes(tc)).toEqual(['tradein.accepted'])
  })

  it('needs no payment when the voucher covers the phone, and repeats the answer for the same requestId', async () => {
    const { tc } = await core()
    const v = await voucher(tc)
    const req = {
      requestId: randomUUID(),
      voucherNumber: v.number,
      code: v.code,
      newDevice: newDevice(3_000_00),
    }
    const first = await tc.ok('redemption.voucherComplete', req)
    expect(first).toMatchObject({ creditPaise: 3_000_00, amountPaidPaise: 0 })
    const second = await tc.ok('redemption.voucherComplete', req)
    expect(second).toEqual(first)
  })
})

describe('trade-ins at end of day', () => {
  it('lists the day’s trade-ins apart from redemptions, provisional ones marked, and prints them', async () => {
    const { tc } = await core()
    // One declined, one not acceptable, two accepted (grid, provisional); one voucher used.
    const declined = await graded(tc)
    await tc.ok('tradein.quote', { tradeInId: declined.id })
    await tc.ok('tradein.decline', { requestId: randomUUID(), tradeInId: declined.id })
    await graded(tc, ['powers-on'])
    const vouchers = []
    for (const fail of [[], ['holds-charge']]) {
      const g = await graded(tc, fail)
      const q = await tc.ok('tradein.quote', { tradeInId: g.id })
      const a = await tc.ok('tradein.accept', {
        requestId: randomUUID(),
        tradeInId: g.id,
        amountPaise: q.quote.amountPaise,
        handover: SIGNED.handover,
      })
      vouchers.push(a.voucher)
    }
    await tc.ok('redemption.voucherComplete', {
      requestId: randomUUID(),
      voucherNumber: vouchers[0].number,
      code: vouchers[0].code,
      newDevice: {
        brand: 'Xiaomi',
        modelName: 'Redmi Note 9 Pro',
        modelId: 'redmi-note-9-pro',
        variantId: 'redmi-note-9-pro-4-64',
        imei: newImei(),
        pricePaise: 13_999_00,
        salesInvoiceNumber: 'MH01-POS/90413',
      },
      payment: { method: 'cash', amountPaise: 13_999_00 - 4_050_00 },
    })
    const report = await tc.ok('reports.endOfDay', {})
    expect(report.tradeIns).toMatchObject({
      started: 4,
      accepted: 2,
      declined: 1,
      notAcceptable: 1,
      vouchersIssued: 2,
      amountPaise: 4_050_00 + 2_880_00,
      provisionalCount: 2,
      provisionalAmountPaise: 4_050_00 + 2_880_00,
      vouchersUsed: 1,
      voucherCreditPaise: 4_050_00,
      voucherPaidPaise: 9_949_00,
    })
    expect(
      report.tradeIns.vouchers.map((v: { status: string; provisional: boolean }) => [
        v.status,
        v.provisional,
      ]),
    ).toEqual([
      ['used', true],
      ['issued', true],
    ])
    // Trade-in checklists are not plan inspections; the balance paid is cash in the drawer.
    expect(report.inspections.count).toBe(0)
    expect(report.redemptions.count).toBe(0)
    expect(report.totals.cashExpectedPaise).toBe(9_949_00)
    const printed = await tc.ok('receipts.preview', {
      kind: 'end-of-day',
      ref: '2026-11-30',
      lang: 'en',
      paper: '80mm',
    })
    expect(printed.html).toContain('Trade-ins')
    expect(printed.html).toContain('Vouchers issued')
  })
})

describe('a traded-in phone collected by logistics', () => {
  it('leaves the Old phones pickup with its own event naming the trade-in', async () => {
    const { tc } = await core()
    const { id } = await graded(tc)
    const q = await tc.ok('tradein.quote', { tradeInId: id })
    const a = await tc.ok('tradein.accept', {
      requestId: randomUUID(),
      tradeInId: id,
      amountPaise: q.quote.amountPaise,
      handover: SIGNED.handover,
    })
    const collected = await tc.ok('devices.collect', {
      deviceIds: [a.deviceIntakeId],
      reference: 'DKT-9',
    })
    expect(collected.devices[0]).toMatchObject({ status: 'collected', source: 'trade-in' })
    const events = await tc.core.outbox.readPending(10)
    expect(events.map((e) => e.type)).toEqual(['tradein.accepted', 'tradein.collected'])
    expect(events[1]!.payload).toMatchObject({
      tradeInId: id,
      voucherNumber: a.voucher.number,
      deviceIntakeId: a.deviceIntakeId,
      reference: 'DKT-9',
    })
  })
})

describe('a trade-in’s signature under the retention policy', () => {
  it('is forgotten once the voucher ran out more than the customer-contact days ago', async () => {
    const { tc } = await core()
    const { id } = await graded(tc)
    const q = await tc.ok('tradein.quote', { tradeInId: id })
    await tc.ok('tradein.accept', {
      requestId: randomUUID(),
      tradeInId: id,
      amountPaise: q.quote.amountPaise,
      handover: SIGNED.handover,
    })
    const signature = () =>
      tc.readDatabase(
        (db) =>
          db
            .prepare('SELECT signature_png, signature_sha256 FROM trade_ins WHERE id = ?')
            .get(id) as {
            signature_png: Buffer | null
            signature_sha256: string
          },
      )
    // Within the time: kept.
    await tc.core.runRetention(NOW + 200 * 86_400_000)
    expect((await signature()).signature_png).not.toBeNull()
    // The voucher ran out on 2026-12-29; a year and more after that it is gone, its hash kept.
    await tc.core.runRetention(Date.parse('2028-01-15T06:00:00Z'))
    const after = await signature()
    expect(after.signature_png).toBeNull()
    expect(after.signature_sha256).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('the trade-in voucher document', () => {
  it('prints the voucher from the stored trade-in, and once used says so with the new phone', async () => {
    const { tc } = await core()
    const { id } = await graded(tc, ['holds-charge'])
    const q = await tc.ok('tradein.quote', { tradeInId: id })
    const a = await tc.ok('tradein.accept', {
      requestId: randomUUID(),
      tradeInId: id,
      amountPaise: q.quote.amountPaise,
      handover: SIGNED.handover,
    })
    const issued = await tc.ok('receipts.preview', { kind: 'trade-in-voucher', ref: id })
    expect(issued).toMatchObject({ documentNumber: a.voucher.number, copy: 1 })
    expect(issued.html).toContain(a.voucher.code)
    expect(issued.html).toContain('PROVISIONAL')
    expect(issued.html).not.toContain('USED')
    await tc.ok('redemption.voucherComplete', {
      requestId: randomUUID(),
      voucherNumber: a.voucher.number,
      code: a.voucher.code,
      newDevice: {
        brand: 'Xiaomi',
        modelName: 'Redmi Note 9 Pro',
        modelId: 'redmi-note-9-pro',
        variantId: 'redmi-note-9-pro-4-64',
        imei: newImei(),
        pricePaise: 2_000_00,
        salesInvoiceNumber: 'MH01-POS/55',
      },
    })
    const used = await tc.ok('receipts.preview', { kind: 'trade-in-voucher', ref: id, lang: 'hi' })
    expect(used.html).toContain('इस्तेमाल हो चुका')
    expect(used.html).toContain('MH01-POS/55')
    // A technician does not print vouchers.
    await tc.signIn('T1', 'TECH')
    const tech = await tc.call('receipts.preview', { kind: 'trade-in-voucher', ref: id }, 'TECH')
    expect(tech).toMatchObject({ ok: false, error: { code: 'ROLE_FORBIDDEN' } })
  })
})
