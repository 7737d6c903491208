import { afterEach, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { enrollmentRequest, makeCore, type TestCore } from '../helpers'
import { builtText, paiseOf, valueAfter } from './support'

// Issue 16 item 1: the B2B tax invoice as the core builds it from a real enrollment
// (docs/tax-documents.md#b2b-tax-invoice). The kiosk's store MH01 is in Karnataka (29).
let t: TestCore | undefined
afterEach(async () => {
  await t?.cleanup()
  t = undefined
})

// Reliance Industries' GSTINs in Karnataka and in Maharashtra: real-shaped, check character right.
const KARNATAKA_BUYER = '29AAACR5055K1Z3'
const MAHARASHTRA_BUYER = '27AAACR5055K1Z7'
const BUSINESS = {
  legalName: 'Reliance Industries Limited',
  address: 'Maker Chambers IV, 222 Nariman Point, Mumbai 400021',
}

async function core(): Promise<TestCore> {
  const tc = await makeCore()
  t = tc
  await tc.signIn('C1')
  return tc
}

/** Enrolls a Redmi Note 9 Pro (fee ₹549) for a business with this GSTIN. */
async function enrolledFor(tc: TestCore, gstin: string) {
  const res = await tc.ok(
    'enrollment.create',
    enrollmentRequest({
      variantId: 'redmi-note-9-pro-4-64',
      payment: { method: 'upi', reference: 'UPI123456', amountPaise: 549_00 },
      business: { gstin: ` ${gstin.toLowerCase()} `, ...BUSINESS },
    }),
  )
  const planNumber = res.plan.planNumber as string
  return { planNumber, invoiceNumber: res.receipt.taxInvoiceNumber as string }
}

function expectRecipient(text: string, gstin: string) {
  expect(text).toContain('Billed to (registered recipient)')
  expect(valueAfter(text, 'Legal name')).toBe(BUSINESS.legalName)
  expect(valueAfter(text, 'GSTIN of recipient')).toBe(gstin)
  expect(valueAfter(text, 'Address')).toBe(BUSINESS.address)
}

describe('B2B tax invoice', () => {
  it('to a recipient of the store’s state: CGST + SGST, place of supply Karnataka, the recipient on it', async () => {
    const tc = await core()
    const { planNumber, invoiceNumber } = await enrolledFor(tc, KARNATAKA_BUYER)
    const text = await builtText(tc, 'enrollment', planNumber)
    expect(text).toContain('Tax invoice')
    expect(valueAfter(text, 'Invoice no.')).toBe(invoiceNumber)
    expect(invoiceNumber).toMatch(/^K1\/\d{4}\/\d{6}$/)
    expect(text).toContain('GSTIN: 29AABCM1234A1Z3')
    expect(text).toContain('Xiaomi Technology India Private Limited')
    expectRecipient(text, KARNATAKA_BUYER)
    expect(valueAfter(text, 'Place of supply')).toBe('Karnataka (29)')
    expect(valueAfter(text, 'Reverse charge')).toBe('No')
    expect(text).toContain('SAC 999799')
    const cgst = paiseOf(valueAfter(text, 'CGST @ 9%'))
    const sgst = paiseOf(valueAfter(text, 'SGST @ 9%'))
    const taxable = paiseOf(valueAfter(text, 'Taxable value'))
    expect(cgst).toBe(sgst)
    expect(taxable + cgst + sgst).toBe(549_00)
    expect(text).not.toContain('IGST')
    expect(text).toContain('For Xiaomi Technology India Private Limited')
    expect(text).toContain('Authorised signatory')
  })

  it('to a recipient of another state: IGST at the full rate, place of supply the recipient’s state', async () => {
    const tc = await core()
    const { planNumber } = await enrolledFor(tc, MAHARASHTRA_BUYER)
    for (const lang of ['en', 'hi'] as const) {
      const text = await builtText(tc, 'enrollment', planNumber, { lang })
      expect(valueAfter(text, lang === 'en' ? 'Place of supply' : 'आपूर्ति का स्थान')).toBe(
        'Maharashtra (27)',
      )
      expect(text).toContain(MAHARASHTRA_BUYER)
      expect(text).toContain(BUSINESS.legalName)
      expect(text).not.toMatch(/CGST|SGST/)
    }
    const text = await builtText(tc, 'enrollment', planNumber)
    expectRecipient(text, MAHARASHTRA_BUYER)
    const igst = paiseOf(valueAfter(text, 'IGST @ 18%'))
    const taxable = paiseOf(valueAfter(text, 'Taxable value'))
    expect(igst).toBe(83_75)
    expect(taxable + igst).toBe(549_00)
    const events = await tc.core.outbox.readPending(10)
    const enrolled = events.find((e) => e.type === 'plan.enrolled')
    expect(enrolled?.payload).toMatchObject({
      recipient: { gstin: MAHARASHTRA_BUYER, ...BUSINESS },
      gst: { intraState: false, cgstPaise: 0, sgstPaise: 0, igstPaise: 83_75 },
    })
  })

  it('a consumer’s invoice has no recipient and stays CGST + SGST', async () => {
    const tc = await core()
    const res = await tc.ok('enrollment.create', enrollmentRequest({ business: null }))
    const text = await builtText(tc, 'enrollment', res.plan.planNumber)
    expect(text).not.toContain('Billed to')
    expect(valueAfter(text, 'Place of supply')).toBe('Karnataka (29)')
    const events = await tc.core.outbox.readPending(10)
    expect(events[0]?.payload).not.toHaveProperty('recipient')
  })

  it('the credit note of a B2B invoice names the recipient and reverses its IGST', async () => {
    const tc = await core()
    const { planNumber, invoiceNumber } = await enrolledFor(tc, MAHARASHTRA_BUYER)
    const invoice = await builtText(tc, 'enrollment', planNumber)
    await tc.signIn('M1', 'MGR')
    const res = await tc.ok(
      'plans.cancel',
      { requestId: randomUUID(), planNumber, reason: 'Wrong model', refundReference: 'UPIREF9' },
      'MGR',
    )
    const text = await builtText(tc, 'cancellation', planNumber, { session: 'MGR' })
    expect(valueAfter(text, 'Credit note no.')).toBe(res.receipt.documentNumber)
    expect(valueAfter(text, 'Original invoice')).toBe(invoiceNumber)
    expectRecipient(text, MAHARASHTRA_BUYER)
    expect(valueAfter(text, 'Place of supply')).toBe('Maharashtra (27)')
    for (const row of ['Taxable value', 'IGST @ 18%']) {
      expect(paiseOf(valueAfter(text, row)), row).toBe(paiseOf(valueAfter(invoice, row)))
    }
    expect(text).not.toMatch(/CGST|SGST/)
  })
})

describe('the business purchase fields are checked before payment', () => {
  const cases: Array<[string, Record<string, string>, string, string]> = [
    ['a wrong check character', { gstin: '27AAACR5055K1Z8' }, 'business.gstin', 'GSTIN_INVALID'],
    ['state code 99', { gstin: '99AAACR5055K1ZX' }, 'business.gstin', 'GSTIN_INVALID'],
    ['a PAN-less middle', { gstin: '2712345678901Z5' }, 'business.gstin', 'GSTIN_INVALID'],
    ['a one-letter name', { legalName: 'R' }, 'business.legalName', 'BUSINESS_NAME_INVALID'],
    ['a short address', { address: 'Mumbai' }, 'business.address', 'BUSINESS_ADDRESS_INVALID'],
  ]

  it.each(cases)(
    '%s is refused by the wizard step and by the enrollment',
    async (_, bad, path, code) => {
      const tc = await core()
      const business = { gstin: MAHARASHTRA_BUYER, ...BUSINESS, ...bad }
      const req = enrollmentRequest({ business })
      const check = await tc.ok('enrollment.check', {
        variantId: req.variantId,
        imeis: req.imeis,
        purchase: req.purchase,
        customer: req.customer,
        business,
      })
      expect(check.ok).toBe(false)
      expect(check.issues).toEqual([expect.objectContaining({ path, code })])
      const res = await tc.call('enrollment.create', req)
      expect(res.ok).toBe(false)
      if (!res.ok) expect(res.error).toMatchObject({ code, issues: [{ path, code }] })
      // Nothing was taken or recorded: no plan, no payment, no event.
      const counts = await tc.readDatabase((db) => ({
        plans: (db.prepare('SELECT COUNT(*) AS n FROM plans').get() as { n: number }).n,
        payments: (db.prepare('SELECT COUNT(*) AS n FROM payments').get() as { n: number }).n,
        events: (db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n,
      }))
      expect(counts).toEqual({ plans: 0, payments: 0, events: 0 })
    },
  )
})
