import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { gstSplit } from '../../shared/domain'
import type { OutboxEventOf } from '../../shared/sync/events'
import { fakeKiosk } from './fixtures'
import { publishCatalog } from '../../headoffice/services/catalog-publisher'
import {
  DEMO_CATALOG,
  TARGETS,
  kioskPair,
  startHeadOffice,
  type TestHeadOffice,
  pushOutcomes,
} from './harness'

// Issue 16: what head office records of the kiosks' tax documents (docs/tax-documents.md).
describe.each(TARGETS)('tax documents at head office on %s', (kind) => {
  let ho: TestHeadOffice
  beforeAll(async () => {
    ho = await startHeadOffice(kind)
  })
  afterAll(async () => {
    await ho?.close()
  })

  const pair = (store: string, code: string) => kioskPair(ho, store, code)

  it('records the plan fee SAC of the published catalog with the plan', async () => {
    const { kiosk, http } = await pair('MH01', 'S1')
    const event = kiosk.enroll()
    expect(pushOutcomes((await http.push([event])).results)).toEqual(['applied'])
    const rows = (await ho.ds.query(
      `SELECT sac_code FROM ho_plan WHERE plan_number = '${event.payload.planNumber}'`,
    )) as Array<{ sac_code: string }>
    expect(rows).toEqual([{ sac_code: '999799' }])
  })

  it('refuses a plan fee invoiced under another SAC than the catalog gives', async () => {
    const { kiosk, http } = await pair('MH01', 'S2')
    const event = kiosk.enroll()
    const wrong = {
      ...event,
      payload: { ...event.payload, gst: { ...event.payload.gst, sacCode: '997159' } },
    }
    expect(pushOutcomes((await http.push([wrong])).results)).toEqual(['FEE_MISMATCH'])
  })

  // Store MH01 is in Karnataka (29). Reliance Industries' GSTINs: Karnataka and Maharashtra.
  const KARNATAKA_BUYER = '29AAACR5055K1Z3'
  const MAHARASHTRA_BUYER = '27AAACR5055K1Z7'

  /** A plan.enrolled event of a business purchase, its split as the kiosk claims it. */
  function b2b(
    event: OutboxEventOf<'plan.enrolled'>,
    gstin: string,
    intraState: boolean,
  ): OutboxEventOf<'plan.enrolled'> {
    const p = event.payload
    return {
      ...event,
      payload: {
        ...p,
        recipient: {
          gstin,
          legalName: 'Reliance Industries Limited',
          address: 'Maker Chambers IV, Nariman Point, Mumbai 400021',
        },
        gst: { ...p.gst, intraState, ...gstSplit(p.feePaise, 18, intraState) },
      },
    }
  }

  async function planRow(planNumber: string) {
    const rows = (await ho.ds.query(
      `SELECT recipient_gstin, recipient_name, recipient_address, place_of_supply
       FROM ho_plan WHERE plan_number = '${planNumber}'`,
    )) as Array<Record<string, string | null>>
    return rows[0]
  }

  it('records a B2B plan with its recipient and derives the place of supply from the GSTIN', async () => {
    const { kiosk, http } = await pair('MH01', 'B1')
    const intra = b2b(kiosk.enroll(), KARNATAKA_BUYER, true)
    const inter = b2b(kiosk.enroll(), MAHARASHTRA_BUYER, false)
    const consumer = kiosk.enroll()
    const results = (await http.push([intra, inter, consumer])).results
    expect(pushOutcomes(results)).toEqual(['applied', 'applied', 'applied'])
    expect(await planRow(intra.payload.planNumber)).toEqual({
      recipient_gstin: KARNATAKA_BUYER,
      recipient_name: 'Reliance Industries Limited',
      recipient_address: 'Maker Chambers IV, Nariman Point, Mumbai 400021',
      place_of_supply: '29',
    })
    expect(await planRow(inter.payload.planNumber)).toMatchObject({
      recipient_gstin: MAHARASHTRA_BUYER,
      place_of_supply: '27',
    })
    expect(await planRow(consumer.payload.planNumber)).toEqual({
      recipient_gstin: null,
      recipient_name: null,
      recipient_address: null,
      place_of_supply: '29',
    })
  })

  it('refuses a split that disagrees with the place of supply it derives itself', async () => {
    const { kiosk, http } = await pair('MH01', 'B2')
    // Inter-state recipient invoiced CGST + SGST; in-state recipient and a consumer invoiced IGST.
    const events = [
      b2b(kiosk.enroll(), MAHARASHTRA_BUYER, true),
      b2b(kiosk.enroll(), KARNATAKA_BUYER, false),
      b2b(kiosk.enroll(), KARNATAKA_BUYER, true),
    ]
    const consumer = kiosk.enroll()
    const igstConsumer = {
      ...consumer,
      payload: {
        ...consumer.payload,
        gst: { ...consumer.payload.gst, intraState: false, ...gstSplit(49_900, 18, false) },
      },
    }
    const results = (await http.push([...events, igstConsumer])).results
    expect(pushOutcomes(results)).toEqual([
      'GST_SPLIT_MISMATCH',
      'GST_SPLIT_MISMATCH',
      'applied',
      'GST_SPLIT_MISMATCH',
    ])
  })

  it('refuses a recipient GSTIN whose check character is wrong', async () => {
    const { kiosk, http } = await pair('MH01', 'B3')
    const wrong = b2b(kiosk.enroll(), '27AAACR5055K1Z8', false)
    expect(pushOutcomes((await http.push([wrong])).results)).toEqual(['GSTIN_INVALID'])
  })
})

describe.each(TARGETS)('exchange vouchers at head office on %s', (kind) => {
  let ho: TestHeadOffice
  beforeAll(async () => {
    ho = await startHeadOffice(kind)
  })
  afterAll(async () => {
    await ho?.close()
  })

  it('records the exchange voucher number and the new phone POS invoice with the redemption', async () => {
    const secret = await ho.register('MH01', 'S3')
    const kiosk = fakeKiosk('MH01', 'S3')
    const http = ho.client('MH01', 'S3', secret)
    const plan = kiosk.enroll({ enrolledOn: '2026-01-05' })
    const inspection = kiosk.inspect(plan, '2026-05-01')
    const redeemed = kiosk.redeem(plan, '2026-05-01', {
      inspectionId: inspection.payload.inspectionId,
    })
    const pushed = await http.push([plan, inspection, redeemed])
    expect(pushed.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied'])
    const rows = (await ho.ds.query(
      `SELECT new_sales_invoice, exchange_voucher_number FROM ho_redemption WHERE plan_number = '${plan.payload.planNumber}'`,
    )) as Array<Record<string, string>>
    expect(rows).toEqual([
      {
        new_sales_invoice: redeemed.payload.newDevice.salesInvoiceNumber,
        exchange_voucher_number: redeemed.payload.exchangeVoucherNumber,
      },
    ])
  })

  it('takes the voucher number under its old name from events queued by older kiosks', async () => {
    const { kiosk, http } = await kioskPair(ho, 'MH01', 'S4')
    const plan = kiosk.enroll({ enrolledOn: '2026-01-05' })
    const inspection = kiosk.inspect(plan, '2026-05-01')
    const redeemed = kiosk.redeem(plan, '2026-05-01', {
      inspectionId: inspection.payload.inspectionId,
    })
    // The wire shape of a kiosk before the rename: the same number as `creditNoteNumber`.
    const { exchangeVoucherNumber, ...rest } = redeemed.payload
    const old = { ...redeemed, payload: { ...rest, creditNoteNumber: exchangeVoucherNumber } }
    const pushed = await http.push([plan, inspection, old as unknown as typeof redeemed])
    expect(pushOutcomes(pushed.results)).toEqual(['applied', 'applied', 'applied'])
    const rows = (await ho.ds.query(
      `SELECT exchange_voucher_number FROM ho_redemption WHERE plan_number = '${plan.payload.planNumber}'`,
    )) as Array<Record<string, string>>
    expect(rows).toEqual([{ exchange_voucher_number: exchangeVoucherNumber }])
  })

  it('refuses an event naming two different voucher numbers under the old and new names', async () => {
    const { kiosk, http } = await kioskPair(ho, 'MH01', 'S5')
    const plan = kiosk.enroll({ enrolledOn: '2026-01-05' })
    const inspection = kiosk.inspect(plan, '2026-05-01')
    const redeemed = kiosk.redeem(plan, '2026-05-01', {
      inspectionId: inspection.payload.inspectionId,
    })
    const both = {
      ...redeemed,
      payload: { ...redeemed.payload, creditNoteNumber: 'K1/X2627/999999' },
    }
    const pushed = await http.push([plan, inspection, both as unknown as typeof redeemed])
    expect(pushOutcomes(pushed.results)).toEqual(['applied', 'applied', 'EVENT_INVALID'])
  })
})

describe.each(TARGETS)('kiosk codes are unique per GSTIN on %s', (kind) => {
  let ho: TestHeadOffice
  beforeAll(async () => {
    ho = await startHeadOffice(kind)
    // Two Karnataka stores billing under one GSTIN (one registration per state is the rule).
    const catalog = DEMO_CATALOG() as { version: string; stores: Array<Record<string, unknown>> }
    const mh01 = catalog.stores.find((s) => s.code === 'MH01')!
    catalog.version = '2099.01.1'
    catalog.stores.push({ ...mh01, code: 'KA02', name: 'Mi Home Koramangala' })
    await publishCatalog(ho.ds, catalog, Date.now())
  })
  afterAll(async () => {
    await ho?.close()
  })

  it('refuses a kiosk code already used at another store of the same GSTIN', async () => {
    await ho.register('MH01', 'G1')
    await expect(ho.register('KA02', 'G1')).rejects.toMatchObject({ code: 'KIOSK_CODE_TAKEN' })
    await expect(ho.register('KA02', 'G2')).resolves.toBeTruthy()
    // Another GSTIN may use the code.
    await expect(ho.register('MS01', 'G1')).resolves.toBeTruthy()
  })

  it('applies the kiosk rule of shared/domain: 1–3 capitals or digits, never TRN', async () => {
    for (const bad of ['k1', 'ABCD', 'K-1', 'TRN', '']) {
      await expect(ho.register('MH01', bad), bad).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      })
    }
  })
})
