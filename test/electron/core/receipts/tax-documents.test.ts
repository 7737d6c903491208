import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import {
  SIGNED,
  enrolled,
  enrollmentRequest,
  inspect,
  makeCore,
  newImei,
  type TestCore,
} from '../helpers'
import { builtText, paiseOf, valueAfter } from './support'

// Tax documents as the core really builds them from a real flow (docs/tax-documents.md).
let t: TestCore | undefined
afterEach(async () => {
  await t?.cleanup()
  t = undefined
})

async function enrolledModel(variantId: string, feePaise: number) {
  const tc = await makeCore()
  t = tc
  await tc.signIn('C1')
  const res = await tc.ok(
    'enrollment.create',
    enrollmentRequest({
      variantId,
      payment: { method: 'upi', reference: 'UPI123456', amountPaise: feePaise },
    }),
  )
  return { tc, planNumber: res.plan.planNumber as string }
}

describe('tax invoice of the plan fee', () => {
  it.each([
    ['redmi-note-9-pro-4-64', 549_00],
    ['redmi-note-9-pro-max-6-64', 599_00],
    ['redmi-k20-pro-6-128', 999_00],
    ['mi-10t-pro-8-128', 1_699_00],
    ['mi-10-8-128', 1_999_00],
  ])('%s: CGST and SGST are equal and the parts add up to the fee', async (variantId, fee) => {
    const { tc, planNumber } = await enrolledModel(variantId, fee)
    const text = await builtText(tc, 'enrollment', planNumber)
    const cgst = paiseOf(valueAfter(text, 'CGST @ 9%'))
    const sgst = paiseOf(valueAfter(text, 'SGST @ 9%'))
    const taxable = paiseOf(valueAfter(text, 'Taxable value'))
    expect(cgst).toBe(sgst)
    expect(taxable + cgst + sgst).toBe(fee)
  })
})

describe('the plan fee SAC', () => {
  it('is printed on the tax invoice the core builds and carried in the plan.enrolled event', async () => {
    const { tc, planNumber } = await enrolledModel('redmi-note-9-4-64', 499_00)
    for (const lang of ['en', 'hi'] as const) {
      expect(await builtText(tc, 'enrollment', planNumber, { lang })).toContain('SAC 999799')
    }
    const events = await tc.core.outbox.readPending(10)
    const enrolled = events.find((e) => e.type === 'plan.enrolled')
    expect(enrolled?.payload).toMatchObject({ gst: { sacCode: '999799' } })
  })
})

describe('cancellation', () => {
  async function cancelledAfter(days: number) {
    const { tc, planNumber } = await enrolledModel('redmi-note-9-pro-4-64', 549_00)
    const invoice = await builtText(tc, 'enrollment', planNumber)
    tc.clock.advanceDays(days)
    await tc.signIn('M1', 'MGR')
    const res = await tc.ok(
      'plans.cancel',
      // The fee was paid by UPI, so a refund goes back by UPI with its reference (issue 14).
      {
        requestId: randomUUID(),
        planNumber,
        reason: 'Customer changed mind',
        refundReference: 'UPIREF0042',
      },
      'MGR',
    )
    const text = await builtText(tc, 'cancellation', planNumber, { session: 'MGR' })
    return { tc, planNumber, invoice, res, text }
  }

  it('inside cooling-off issues a credit note of its own series naming the original invoice and reversing its tax', async () => {
    const { invoice, res, text } = await cancelledAfter(2)
    const number = res.receipt.documentNumber as string
    expect(number).toMatch(/^K1\/C\d{4}\/\d{6}$/)
    expect(text).toContain('Credit note')
    expect(valueAfter(text, 'Credit note no.')).toBe(number)
    expect(valueAfter(text, 'Original invoice date')).toBe(valueAfter(invoice, 'Date').slice(0, 11))
    expect(valueAfter(text, 'Original invoice')).toBe(valueAfter(invoice, 'Invoice no.'))
    for (const row of ['Taxable value', 'CGST @ 9%', 'SGST @ 9%']) {
      expect(paiseOf(valueAfter(text, row)), row).toBe(paiseOf(valueAfter(invoice, row)))
    }
    expect(paiseOf(valueAfter(text, 'Total credited (refund)'))).toBe(549_00)
    expect(valueAfter(text, 'Reason')).toBe('Customer changed mind')
    expect(text).not.toMatch(/refund note|R\d{4}\//i)
  })

  it('outside cooling-off issues no tax document', async () => {
    const { res, text } = await cancelledAfter(30)
    expect(res.receipt.documentNumber).toBeNull()
    expect(text).toContain('Not a tax document')
    expect(text).not.toMatch(/Credit note|CGST|SGST|Taxable value/)
  })
})

describe('exchange (buyback) voucher of an upgrade', () => {
  async function upgraded(salesInvoiceNumber: unknown) {
    const tc = await makeCore()
    t = tc
    const { req, planNumber } = await enrolled(tc)
    tc.clock.set(Date.parse('2021-03-01T06:00:00Z'))
    const insp = await inspect(tc, planNumber, req.imeis[0]!)
    await tc.signIn('C1')
    const newPhone = { modelName: 'Mi 10T', modelId: 'mi-10t', variantId: 'mi-10t-8-128' }
    const res = await tc.call('redemption.complete', {
      requestId: randomUUID(),
      planNumber,
      inspectionId: insp.inspectionId,
      customer: { mobile: '9876543210' },
      newDevice: {
        brand: 'Xiaomi',
        ...newPhone,
        imei: newImei(),
        pricePaise: 35_999_00,
        salesInvoiceNumber,
      },
      payment: { method: 'cash', amountPaise: 27_600_00 },
      ...SIGNED,
    })
    return { tc, req, planNumber, insp, res }
  }

  it('is a voucher of its own non-GST series with every field, naming the POS invoice of the new phone', async () => {
    const { tc, req, planNumber, insp, res } = await upgraded(' mh01-pos/90412 ')
    expect(res.ok).toBe(true)
    const text = await builtText(tc, 'redemption', planNumber)
    const number = valueAfter(text, 'Voucher no.')
    expect(number).toMatch(/^K1\/X\d{4}\/\d{6}$/)
    expect(text).toContain('Exchange (buyback) voucher')
    expect(text).toContain('Not a tax invoice')
    expect(text).not.toMatch(/Credit note/i)
    expect(paiseOf(valueAfter(text, 'Assured value (70% of SRP)'))).toBe(8_399_00)
    // A short reference of the kiosk's own, not the inspection's UUID (issue 16 item 4).
    const reference = valueAfter(text, 'Inspection ref.')
    expect(reference).toMatch(/^K1\/I\d{4}\/\d{6}$/)
    expect(text).not.toContain(insp.inspectionId)
    for (const imei of req.imeis) expect(text).toContain(imei)
    expect(text).toContain('Upgrade credit')
    expect(valueAfter(text, 'New phone tax invoice (POS)')).toBe('MH01-POS/90412')
    expect(text).toMatch(/GST on its full price/)
    expect(text).toMatch(/not a discount/)
    const events = await tc.core.outbox.readPending(10)
    const redeemed = events.find((e) => e.type === 'plan.redeemed')
    expect(redeemed?.payload).not.toHaveProperty('creditNoteNumber')
    expect(redeemed?.payload).toMatchObject({
      exchangeVoucherNumber: number,
      newDevice: { salesInvoiceNumber: 'MH01-POS/90412' },
    })
    const hi = await builtText(tc, 'redemption', planNumber, { lang: 'hi' })
    expect(hi).toContain('MH01-POS/90412')
  })

  it('sends the voucher number under its new name, also for events queued under the old one', async () => {
    const { tc } = await upgraded('MH01-POS/90413')
    // An outbox written by the kiosk before the rename: the same number as `creditNoteNumber`.
    await tc.core.close()
    const db = new Database(tc.core.databasePath)
    const row = db
      .prepare("SELECT seq, payload FROM outbox WHERE type = 'plan.redeemed'")
      .get() as {
      seq: number
      payload: string
    }
    const { exchangeVoucherNumber, ...rest } = JSON.parse(row.payload) as Record<string, unknown>
    const old = JSON.stringify({ ...rest, creditNoteNumber: exchangeVoucherNumber })
    db.prepare('UPDATE outbox SET payload = ? WHERE seq = ?').run(old, row.seq)
    db.close()
    await tc.reopen()
    const redeemed = (await tc.core.outbox.readPending(10)).find((e) => e.type === 'plan.redeemed')
    expect(redeemed?.payload).toMatchObject({ exchangeVoucherNumber })
    expect(redeemed?.payload).not.toHaveProperty('creditNoteNumber')
  })

  it('refuses an upgrade without a valid POS invoice number', async () => {
    for (const bad of [undefined, '', 'POS 12', 'X'.repeat(17)]) {
      const { res } = await upgraded(bad)
      expect(res.ok, String(bad)).toBe(false)
      if (!res.ok) {
        const codes = [res.error.code, ...(res.error.issues ?? []).map((i) => i.code)]
        expect(codes.some((c) => c === 'SALES_INVOICE_INVALID' || c === 'VALIDATION_FAILED')).toBe(
          true,
        )
      }
      await t?.cleanup()
      t = undefined
    }
  })
})

describe('Rule 46 fields', () => {
  it('the tax invoice and the credit note name the supplier as registered, the state of supply, reverse charge and the signatory', async () => {
    const { tc, planNumber } = await enrolledModel('redmi-note-9-4-64', 499_00)
    const invoice = await builtText(tc, 'enrollment', planNumber)
    await tc.signIn('M1', 'MGR')
    await tc.ok(
      'plans.cancel',
      {
        requestId: randomUUID(),
        planNumber,
        reason: 'Changed mind',
        refundReference: 'UPIREF0043',
      },
      'MGR',
    )
    const credit = await builtText(tc, 'cancellation', planNumber, { session: 'MGR' })
    for (const text of [invoice, credit]) {
      expect(text).toContain('Xiaomi Technology India Private Limited')
      expect(valueAfter(text, 'Place of supply')).toBe('Karnataka (29)')
      expect(valueAfter(text, 'Reverse charge')).toBe('No')
      expect(text).toContain('For Xiaomi Technology India Private Limited')
      expect(text).toContain('Authorised signatory')
    }
    const hi = await builtText(tc, 'enrollment', planNumber, { lang: 'hi', session: 'MGR' })
    expect(hi).toContain('अधिकृत हस्ताक्षरकर्ता')
    expect(hi).toContain('Karnataka (29)')
  })
})

describe('ineligibility slip and the plan QR', () => {
  it('a failed inspection slip has a short number of its own series', async () => {
    const tc = await makeCore()
    t = tc
    const { req, planNumber } = await enrolled(tc)
    tc.clock.set(Date.parse('2021-03-01T06:00:00Z'))
    const start = await inspect(tc, planNumber, req.imeis[0]!, 'display-no-cracks')
    const text = await builtText(tc, 'inspection', start.inspectionId, { session: 'TECH' })
    const number = valueAfter(text, 'Slip no.')
    expect(number).toMatch(/^K1\/S\d{4}\/\d{6}$/)
    expect(number.length).toBeLessThanOrEqual(16)
  })

  it('the tax invoice says what its QR code is for', async () => {
    const { tc, planNumber } = await enrolledModel('redmi-note-9-4-64', 499_00)
    const text = await builtText(tc, 'enrollment', planNumber)
    expect(text).toContain('This code is your plan number')
    expect(text).not.toContain('Scan to check your plan')
  })
})
