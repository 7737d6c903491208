import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHttpPartner } from '../../../../electron/core/tradein/http-partner'
import { quoteTradeIn } from '../../../../electron/core/tradein/quote'
import { CatalogSchema, type Catalog } from '../../../../shared/domain/catalog'
import { conditionGrade, type TradeInSection } from '../../../../shared/domain/trade-in'
import { CATALOG_PATH } from '../helpers'
import { startPartnerServer } from './partner-server'

/**
 * Issue 22, trade-in: the partner adapter over HTTP against a real local partner server (slow
 * answers, errors, expired quotes, a changed price at confirmation), and the catalog's offline
 * grid when the partner cannot answer.
 */

const SECTION: TradeInSection = {
  partner: { id: 'cashify', name: 'Cashify' },
  grades: [
    { grade: 'A', label: { en: 'Like new', hi: 'नए जैसा' } },
    { grade: 'B', label: { en: 'Good', hi: 'अच्छा' } },
    { grade: 'C', label: { en: 'Fair', hi: 'ठीक' } },
  ],
  failures: { 'body-scratches': 'B', 'display-cracked': 'C', 'battery-swollen': 'not-acceptable' },
  grid: {
    validFrom: '2026-11-01',
    validTo: '2026-12-31',
    prices: [
      {
        modelId: 'redmi-note-9',
        variantId: 'redmi-note-9-4-64',
        grade: 'A',
        amountPaise: 5_500_00,
      },
      {
        modelId: 'redmi-note-9',
        variantId: 'redmi-note-9-4-64',
        grade: 'B',
        amountPaise: 4_000_00,
      },
    ],
  },
}

function catalogWithTradeIn(): Catalog {
  const raw = JSON.parse(readFileSync(CATALOG_PATH, 'utf8')) as Record<string, unknown>
  return CatalogSchema.parse({ ...raw, tradeIn: SECTION })
}

const PHONE = {
  modelId: 'redmi-note-9',
  variantId: 'redmi-note-9-4-64',
  imei: '490154203237518',
  answers: [
    { itemId: 'body-scratches', pass: false },
    { itemId: 'powers-on', pass: true },
  ],
}

describe('condition grade', () => {
  it('is the worst grade a failed item caps the phone at; unnamed failures refuse it', () => {
    expect(conditionGrade(SECTION, [{ itemId: 'powers-on', pass: true }])).toEqual({
      acceptable: true,
      grade: 'A',
    })
    expect(conditionGrade(SECTION, PHONE.answers)).toEqual({ acceptable: true, grade: 'B' })
    expect(
      conditionGrade(SECTION, [
        { itemId: 'display-cracked', pass: false },
        { itemId: 'body-scratches', pass: false },
      ]),
    ).toEqual({ acceptable: true, grade: 'C' })
    expect(
      conditionGrade(SECTION, [
        { itemId: 'battery-swollen', pass: false },
        { itemId: 'mystery-item', pass: false },
      ]),
    ).toEqual({ acceptable: false, reasons: ['battery-swollen', 'mystery-item'] })
  })

  it('is checked in the catalog: grades of failures and grid must exist', () => {
    const raw = JSON.parse(readFileSync(CATALOG_PATH, 'utf8')) as Record<string, unknown>
    const bad = { ...SECTION, failures: { 'body-scratches': 'Z' } }
    expect(CatalogSchema.safeParse({ ...raw, tradeIn: bad }).success).toBe(false)
  })
})

describe('HTTP trade-in partner against a local partner server', () => {
  let now = Date.parse('2026-11-28T06:00:00Z')
  const clock = () => now
  let server: Awaited<ReturnType<typeof startPartnerServer>>
  const catalog = catalogWithTradeIn()
  const partner = (timeoutMs = 1_000) =>
    createHttpPartner({ id: 'cashify', baseUrl: server.url, apiKey: 'k-123', timeoutMs, clock })

  beforeEach(async () => {
    now = Date.parse('2026-11-28T06:00:00Z')
    server = await startPartnerServer({ apiKey: 'k-123', clock })
  })
  afterEach(async () => {
    await server.stop()
  })

  it('quotes online with model, variant, IMEI, grade and the answers, then confirms', async () => {
    const offer = await quoteTradeIn(catalog, partner(), PHONE, '2026-11-28')
    expect(offer).toMatchObject({
      source: 'partner',
      grade: 'B',
      amountPaise: 4_500_00,
      provisional: false,
    })
    const sent = server.state.requests[0]!
    expect(sent.auth).toBe('Bearer k-123')
    expect(sent.body).toMatchObject({
      model: { id: 'redmi-note-9', name: 'Redmi Note 9' },
      variant: { id: 'redmi-note-9-4-64' },
      imei: PHONE.imei,
      grade: 'B',
      answers: PHONE.answers,
    })
    if (offer.source !== 'partner') return
    const confirmed = await partner().confirm(offer)
    expect(confirmed).toEqual({ reference: `CF-${offer.quoteId}`, amountPaise: 4_500_00 })
  })

  it('falls back to the grid, provisional, when the partner is slow, failing or stopped', async () => {
    server.state.delayMs = 300
    const slow = await quoteTradeIn(catalog, partner(100), PHONE, '2026-11-28')
    expect(slow).toEqual({
      source: 'grid',
      partnerId: 'cashify',
      grade: 'B',
      amountPaise: 4_000_00,
      validTo: '2026-12-31',
      provisional: true,
    })
    server.state.delayMs = 0
    server.state.failNext = 1
    expect(await quoteTradeIn(catalog, partner(), PHONE, '2026-11-28')).toMatchObject({
      source: 'grid',
      provisional: true,
    })
    await server.stop()
    expect(await quoteTradeIn(catalog, partner(), PHONE, '2026-11-28')).toMatchObject({
      source: 'grid',
    })
    server = await startPartnerServer({ apiKey: 'k-123', clock })
  })

  it('refuses an expired quote and a changed price at confirmation, with stable codes', async () => {
    const p = partner()
    const offer = await p.quote({
      modelId: 'redmi-note-9',
      modelName: 'Redmi Note 9',
      variantId: 'redmi-note-9-4-64',
      variantName: '4 GB + 64 GB',
      imei: PHONE.imei,
      grade: 'A',
      answers: [],
    })
    server.state.priceAtConfirm = 5_800_00
    await expect(p.confirm(offer)).rejects.toMatchObject({
      code: 'TRADE_IN_PRICE_CHANGED',
      params: { quotedPaise: 6_000_00, newPaise: 5_800_00 },
    })
    server.state.priceAtConfirm = null
    now += 16 * 60_000
    await expect(p.confirm(offer)).rejects.toMatchObject({ code: 'TRADE_IN_QUOTE_EXPIRED' })
    // The partner refuses it too, when the kiosk's clock still thinks it valid.
    const lagging = createHttpPartner({
      id: 'cashify',
      baseUrl: server.url,
      apiKey: 'k-123',
      clock: () => now - 10 * 60_000,
    })
    await expect(lagging.confirm(offer)).rejects.toMatchObject({ code: 'TRADE_IN_QUOTE_EXPIRED' })
  })

  it('refuses a phone that is not acceptable before asking anyone, and an out-of-date grid', async () => {
    const broken = { ...PHONE, answers: [{ itemId: 'battery-swollen', pass: false }] }
    await expect(quoteTradeIn(catalog, partner(), broken, '2026-11-28')).rejects.toMatchObject({
      code: 'TRADE_IN_NOT_ACCEPTABLE',
    })
    expect(server.state.requests).toEqual([])
    await expect(quoteTradeIn(catalog, null, PHONE, '2027-01-01')).rejects.toMatchObject({
      code: 'TRADE_IN_GRID_EXPIRED',
    })
    const gradeC = { ...PHONE, answers: [{ itemId: 'display-cracked', pass: false }] }
    await expect(quoteTradeIn(catalog, null, gradeC, '2026-11-28')).rejects.toMatchObject({
      code: 'TRADE_IN_NO_PRICE',
    })
  })
})

describe('the demo catalog’s trade-in section', () => {
  it('grades every checklist item and prices every variant in every grade, offline', async () => {
    const demo = CatalogSchema.parse(JSON.parse(readFileSync(CATALOG_PATH, 'utf8')))
    const section = demo.tradeIn!
    expect(Object.keys(section.failures).sort()).toEqual(demo.checklist.map((c) => c.id).sort())
    for (const m of demo.models)
      for (const v of m.variants)
        for (const g of section.grades)
          expect(
            section.grid.prices.some(
              (p) => p.modelId === m.id && p.variantId === v.id && p.grade === g.grade,
            ),
            `${v.id} ${g.grade}`,
          ).toBe(true)
    const noFingerprint = { ...PHONE, answers: [{ itemId: 'fingerprint', pass: false }] }
    const offer = await quoteTradeIn(demo, null, noFingerprint, '2026-11-28')
    // Grade B of a Redmi Note 9 4+64 (SRP Rs 11,999): 32 %, Rs 3,840.
    expect(offer).toMatchObject({
      source: 'grid',
      partnerId: 'cashify',
      grade: 'B',
      amountPaise: 3_840_00,
      provisional: true,
    })
  })
})
