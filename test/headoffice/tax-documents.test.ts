import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
        exchange_voucher_number: redeemed.payload.creditNoteNumber,
      },
    ])
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
