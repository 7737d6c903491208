import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createHttpPartner } from '../../../../electron/core/tradein/http-partner'
import { imeiRegisterServer } from '../../../headoffice/counter-sinks'
import { TARGETS, startHeadOffice, type TestHeadOffice } from '../../../headoffice/harness'
import { SIGNED, fixedClock, newImei, type TestCore } from '../helpers'
import { startPartnerServer } from '../tradein/partner-server'
import { demoCatalog, followClock, syncedCore } from './support'

/**
 * A trade-in from the counter to head office (issue 22): accepted offline at the grid's price,
 * synced, then confirmed by the partner at another price on a later sync cycle (recorded and
 * flagged, the voucher stands), and the voucher used — head office holds each step, with its own
 * re-check of the amount.
 */
describe.each(TARGETS)('trade-in sync on %s', (kind) => {
  let ho: TestHeadOffice
  let register: Awaited<ReturnType<typeof imeiRegisterServer>>
  const clock = fixedClock(Date.parse('2026-11-30T06:00:00Z'))
  const cores: TestCore[] = []
  const stops: Array<() => Promise<void>> = []

  beforeAll(async () => {
    register = await imeiRegisterServer()
    ho = await startHeadOffice(kind, {
      start: clock(),
      catalog: false,
      fraud: { register: register.register },
    })
    followClock(ho, clock)
    expect((await ho.admin('POST', '/admin/catalogs', demoCatalog())).status).toBe(200)
  })
  afterEach(async () => {
    for (const s of stops.splice(0)) await s()
    for (const c of cores.splice(0)) await c.cleanup()
  })
  afterAll(async () => {
    await ho?.close()
    await register?.close()
  })

  it('refuses a phone the lost/stolen register lists, before anything is written', async () => {
    const t = await syncedCore(ho, 'KS', { clock })
    cores.push(t)
    await t.signIn('M1')
    const stolen = newImei()
    register.listed.add(stolen)
    const refused = await t.call('tradein.start', {
      requestId: randomUUID(),
      imei: stolen,
      modelId: 'redmi-9',
      variantId: 'redmi-9-4-64',
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'IMEI_LOST_OR_STOLEN' } })
    const trades = await t.readDatabase(
      (db) => (db.prepare('SELECT COUNT(*) AS n FROM trade_ins').get() as { n: number }).n,
    )
    expect(trades).toBe(0)
    await t.signIn('M1') // the database was read with the core closed
    // The register down: the trade-in goes on.
    register.mode = 'down'
    const ok = await t.ok('tradein.start', {
      requestId: randomUUID(),
      imei: newImei(),
      modelId: 'redmi-9',
      variantId: 'redmi-9-4-64',
    })
    register.mode = 'up'
    expect(ok.tradeIn.status).toBe('open')
  })

  it('syncs the trade-in, the partner’s later confirmation and the voucher’s use', async () => {
    const partner = await startPartnerServer({ apiKey: 'k', clock })
    stops.push(partner.stop)
    const t = await syncedCore(ho, 'KT', {
      clock,
      extra: {
        tradeInPartner: createHttpPartner({
          id: 'cashify',
          baseUrl: partner.url,
          apiKey: 'k',
          timeoutMs: 500,
          clock,
        }),
      },
    })
    cores.push(t)
    await t.signIn('M1')
    partner.state.failNext = 1_000
    const s = await t.ok('tradein.start', {
      requestId: randomUUID(),
      imei: newImei(),
      modelId: 'redmi-9',
      variantId: 'redmi-9-4-64',
    })
    const id = s.tradeIn.tradeInId as string
    await t.ok('tradein.checklist', {
      tradeInId: id,
      answers: s.checklist.map((c: { id: string }) => ({ itemId: c.id, result: 'pass' })),
    })
    const q = await t.ok('tradein.quote', { tradeInId: id })
    expect(q.quote).toMatchObject({ source: 'grid', provisional: true })
    const a = await t.ok('tradein.accept', {
      requestId: randomUUID(),
      tradeInId: id,
      amountPaise: q.quote.amountPaise,
      handover: SIGNED.handover,
    })
    // The partner still down: the cycle pushes the trade-in, the confirmation waits.
    expect(await t.ok('sync.now', {})).toMatchObject({ pendingEvents: 0 })
    const row = async () =>
      (
        await ho.ds.query(
          kind === 'postgres'
            ? 'SELECT * FROM ho_trade_in WHERE trade_in_id = $1'
            : 'SELECT * FROM ho_trade_in WHERE trade_in_id = ?',
          [id],
        )
      )[0] as Record<string, unknown>
    expect(await row()).toMatchObject({
      check_status: 'ok',
      confirmation: 'pending',
      voucher_number: a.voucher.number,
    })
    // The partner is back and pays more now: the next cycle confirms, the one after pushes it.
    partner.state.failNext = 0
    partner.state.prices.A = 4_200_00
    await t.ok('sync.now', {})
    await t.ok('sync.now', {})
    expect((await t.ok('tradein.get', { tradeInId: id })).tradeIn).toMatchObject({
      confirmation: 'price-changed',
      voucher: { amountPaise: q.quote.amountPaise },
    })
    const confirmed = await row()
    expect(confirmed.confirmation).toBe('price-changed')
    expect(Number(confirmed.confirmed_paise)).toBe(4_200_00)
    expect(Number(confirmed.recognised_paise)).toBe(q.quote.amountPaise)

    await t.ok('redemption.voucherComplete', {
      requestId: randomUUID(),
      voucherNumber: a.voucher.number,
      code: a.voucher.code,
      newDevice: {
        brand: 'Xiaomi',
        modelName: 'Redmi Note 9 Pro',
        modelId: 'redmi-note-9-pro',
        variantId: 'redmi-note-9-pro-4-64',
        imei: newImei(),
        pricePaise: 13_999_00,
        salesInvoiceNumber: 'MH01-POS/77',
      },
      payment: { method: 'card', reference: 'APPR1', amountPaise: 13_999_00 - q.quote.amountPaise },
    })
    expect(await t.ok('sync.now', {})).toMatchObject({ pendingEvents: 0 })
    const used = await row()
    expect(used.used_on).toBe('2026-11-30')
    expect(Number(used.credit_paise)).toBe(q.quote.amountPaise)
  })
})
