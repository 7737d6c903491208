import { describe, expect, it } from 'vitest'
import { buildDocument } from '../../../../electron/core/receipts/build'
import type { DocumentKind } from '../../../../electron/core/receipts/model'
import { DOCUMENT_KINDS } from '../../../../electron/core/receipts/model'
import { realDocuments } from './real-documents'
import { allText, kvValue, paiseOf } from './support'

// The builders on the documents the core builds in a real flow (real-flow.ts), never on
// hand-written data (issue 16 item 5).
const fx = await realDocuments()
const { flow, FULL_MOBILE } = fx
const dataOf = (kind: DocumentKind) => flow.docs[kind]

describe('enrollment receipt', () => {
  it('splits the GST-inclusive fee into taxable value + CGST + SGST within the state, to the paisa', () => {
    const doc = buildDocument('tax-invoice', fx.enrollment, { lang: 'en' })
    const taxable = paiseOf(kvValue(doc, 'Taxable value'))
    const cgst = paiseOf(kvValue(doc, 'CGST @ 9%'))
    const sgst = paiseOf(kvValue(doc, 'SGST @ 9%'))
    expect(paiseOf(kvValue(doc, 'Total (incl. GST)'))).toBe(549_00)
    expect(taxable + cgst + sgst).toBe(549_00)
    expect(taxable).toBe(465_26) // 549 / 1.18 = 465.254…, plus the odd paisa of tax
    expect(cgst).toBe(sgst)
    expect(allText(doc)).not.toContain('IGST')
  })

  it('charges IGST alone when the place of supply is another state', () => {
    const doc = buildDocument(
      'tax-invoice',
      { ...fx.enrollment, placeOfSupplyStateCode: '27' },
      { lang: 'en' },
    )
    const taxable = paiseOf(kvValue(doc, 'Taxable value'))
    const igst = paiseOf(kvValue(doc, 'IGST @ 18%'))
    expect(taxable + igst).toBe(549_00)
    expect(allText(doc)).not.toMatch(/CGST|SGST/)
  })

  it('prints the plan number with its QR code and the value timeline in rupees', () => {
    const doc = buildDocument('tax-invoice', fx.enrollment, { lang: 'en' })
    const qr = doc.blocks.find((b) => b.type === 'qr')
    expect(qr).toMatchObject({ type: 'qr', payload: flow.planNumbers.a })
    const text = allText(doc)
    expect(text).toContain('from 05 Feb 2021 to 04 May 2021\n₹ 9,799 (70%)')
    expect(text).toContain('from 05 Nov 2021 to 04 Feb 2022\n₹ 5,600 (40%)')
    expect(text).toContain('before 05 Feb 2021: not yet redeemable')
    expect(text).toContain('after 04 Feb 2022: plan expired')
    expect(text).toContain('GSTIN: 29AABCM1234A1Z3')
    expect(text).toMatch(/no part missing or replaced/)
  })

  it('prints the DPDP notice in short on the plan certificate: consent, retention, grievance officer', () => {
    const privacy = {
      consentVersion: 'dpdp-2026.11',
      notifications: true,
      marketing: false,
      retentionDays: 365,
      grievanceOfficer: { name: 'A. Officer', email: 'dpo@example.in', phone: '18001030000' },
    }
    const text = allText(
      buildDocument('tax-invoice', { ...fx.enrollment, privacy }, { lang: 'en' }),
    )
    expect(text).toContain('Your data (DPDP Act 2023)')
    expect(text).toContain('offers only if you ask')
    expect(text).toContain('erased 365 days after the plan ends')
    expect(text).toContain('Grievance officer: A. Officer, dpo@example.in, 18001030000')
    expect(text).toContain('Consent to notice dpdp-2026.11')
    const hi = allText(buildDocument('tax-invoice', { ...fx.enrollment, privacy }, { lang: 'hi' }))
    expect(hi).toContain('शिकायत अधिकारी: A. Officer')
  })

  it('uses a verification URL as the QR payload when given one', () => {
    const url = `https://verify.example.in/p/${flow.planNumbers.a}`
    const doc = buildDocument('tax-invoice', { ...fx.enrollment, qrPayload: url }, { lang: 'en' })
    expect(doc.blocks.find((b) => b.type === 'qr')).toMatchObject({ payload: url })
  })
})

describe('masking', () => {
  it.each(DOCUMENT_KINDS)('%s never prints a full mobile or ID number', (kind) => {
    const leaky = {
      ...fx.enrollment.customer,
      id: { kind: 'aadhaar' as const, last4: '234567891234' },
    }
    const data = 'customer' in dataOf(kind) ? { ...dataOf(kind), customer: leaky } : dataOf(kind)
    for (const lang of ['en', 'hi'] as const) {
      const text = allText(buildDocument(kind, data as never, { lang }))
      expect(text).not.toContain(FULL_MOBILE)
      expect(text).not.toContain('234567891234')
      // The end-of-day report and the trade-in voucher (issue 22) name no customer at all.
      if (kind !== 'end-of-day' && kind !== 'trade-in-voucher') {
        expect(text).toContain('XXXXXX3210')
        expect(text).toContain('XXXX XXXX 1234')
      }
    }
  })
})

describe('copies and training', () => {
  it.each(DOCUMENT_KINDS)(
    '%s: a reprint says DUPLICATE with its copy number, at the top and bottom',
    (kind) => {
      const original = buildDocument(kind, dataOf(kind) as never, { lang: 'en' })
      expect(allText(original)).not.toContain('DUPLICATE')
      const reprint = buildDocument(kind, dataOf(kind) as never, { lang: 'en', copy: 3 })
      expect(reprint.blocks[0]).toEqual({ type: 'notice', text: 'DUPLICATE – copy 3' })
      expect(reprint.blocks.at(-1)).toEqual({ type: 'notice', text: 'DUPLICATE – copy 3' })
      const hi = buildDocument(kind, dataOf(kind) as never, { lang: 'hi', copy: 2 })
      expect(hi.blocks[0]).toEqual({ type: 'notice', text: 'डुप्लिकेट – प्रति 2' })
    },
  )

  it.each(DOCUMENT_KINDS)('%s in training mode is marked on every copy', (kind) => {
    for (const copy of [1, 2]) {
      for (const lang of ['en', 'hi'] as const) {
        const doc = buildDocument(kind, { ...dataOf(kind), training: true } as never, {
          lang,
          copy,
        })
        const mark = lang === 'en' ? 'TRAINING – NOT A VALID DOCUMENT' : 'प्रशिक्षण – मान्य दस्तावेज़ नहीं'
        expect(doc.training).toBe(true)
        expect(doc.blocks[0]).toEqual({ type: 'notice', text: mark })
        expect(doc.blocks.at(-1)?.type).toBe('notice')
        expect(doc.blocks.filter((b) => b.type === 'notice' && b.text === mark)).toHaveLength(2)
      }
    }
  })

  it('rejects a copy number below 1', () => {
    expect(() => buildDocument('tax-invoice', fx.enrollment, { lang: 'en', copy: 0 })).toThrow(
      RangeError,
    )
  })
})

describe('Hindi', () => {
  it('prints Hindi labels and month names, amounts in international digits', () => {
    const text = allText(buildDocument('tax-invoice', fx.enrollment, { lang: 'hi' }))
    expect(text).toContain('टैक्स इनवॉइस')
    expect(text).toContain('प्लान संख्या')
    expect(text).toContain('आपका सुनिश्चित अपग्रेड मूल्य')
    expect(text).toContain('05 फ़रवरी 2021 से 04 मई 2021 तक\n₹ 9,799 (70%)')
    expect(text).toContain('मुख्य शर्तें')
  })

  it('prints catalog checklist labels in the document language', () => {
    const text = allText(buildDocument('ineligibility-slip', fx.ineligibility, { lang: 'hi' }))
    expect(text).toContain('डिस्प्ले पर कोई दरार नहीं है: cracked')
    expect(text).toContain('असफल जाँचें')
  })
})

describe('exchange voucher', () => {
  it('credits min(assured value, price) and shows the balance paid', () => {
    const doc = buildDocument('exchange-voucher', fx.exchangeVoucher, { lang: 'en' })
    expect(paiseOf(kvValue(doc, 'Price'))).toBe(35_999_00)
    expect(paiseOf(kvValue(doc, 'Upgrade credit'))).toBe(-9_799_00)
    expect(paiseOf(kvValue(doc, 'Balance paid'))).toBe(35_999_00 - 9_799_00)
    expect(allText(doc)).toContain('Assured value (70% of SRP)')
  })

  it('says the excess is not carried over when the new phone costs less than the value', () => {
    const cheap = {
      ...fx.exchangeVoucher,
      creditPaise: 8_999_00,
      newDevice: { ...fx.exchangeVoucher.newDevice, pricePaise: 8_999_00 },
    }
    const doc = buildDocument('exchange-voucher', cheap, { lang: 'en' })
    expect(paiseOf(kvValue(doc, 'Balance paid'))).toBe(0)
    expect(allText(doc)).toContain('not carried over')
  })

  it('refuses to print a credit that disagrees with the rule', () => {
    expect(() =>
      buildDocument(
        'exchange-voucher',
        { ...fx.exchangeVoucher, creditPaise: 10_000_00 },
        { lang: 'en' },
      ),
    ).toThrow(/not min/)
  })
})

describe('credit note and cancellation notice', () => {
  it('reverses the GST of the refund to the paisa', () => {
    const doc = buildDocument('credit-note', fx.cancellation, { lang: 'en' })
    const parts = ['Taxable value', 'CGST @ 9%', 'SGST @ 9%'].map((l) => paiseOf(kvValue(doc, l)))
    expect(parts.reduce((a, b) => a + b, 0)).toBe(499_00)
    expect(paiseOf(kvValue(doc, 'Total credited (refund)'))).toBe(499_00)
    expect(doc.title).toContain('Credit note')
  })

  it('says there is no refund after the cooling-off period', () => {
    const doc = buildDocument(
      'cancellation-notice',
      { ...fx.cancellation, refund: null },
      { lang: 'en' },
    )
    expect(allText(doc)).toContain('no refund')
    expect(allText(doc)).not.toContain('Taxable value')
  })
})

describe('end-of-day report', () => {
  it('nets refunds against collections and counts cash for the drawer', async () => {
    const doc = buildDocument('end-of-day', fx.endOfDay, { lang: 'en' })
    // Fees 549 (UPI) + 499 (UPI) + 599 (card) + 499 (UPI); 499 refunded by UPI; no cash.
    expect(paiseOf(kvValue(doc, 'Net collected'))).toBe(549_00 + 499_00 + 599_00 + 499_00 - 499_00)
    expect(paiseOf(kvValue(doc, 'Cash expected in drawer'))).toBe(0)
    expect(kvValue(doc, 'Events waiting to sync')).toBe(String(flow.pendingAtClose))
  })

  it('shows the GST of the day: invoices, credit notes and net, IGST apart', () => {
    const doc = buildDocument('end-of-day', fx.endOfDay, { lang: 'en' })
    const table = doc.blocks.find(
      (b) => b.type === 'table' && b.columns[1]?.header === 'Tax invoices',
    )
    expect(table).toMatchObject({
      columns: [
        { header: '' },
        { header: 'Tax invoices' },
        { header: 'Credit notes' },
        { header: 'Net' },
      ],
    })
    const rows = table?.type === 'table' ? table.rows : []
    expect(rows.map((r) => r[0])).toEqual([
      'Count',
      'Taxable value',
      'CGST',
      'SGST',
      'IGST',
      'Total',
    ])
    expect(rows[0]).toEqual(['Count', '4', '1', '3'])
    // The B2B invoice of a Maharashtra business (fee 599): IGST 91.37, nothing of it reversed.
    expect(rows[4]!.map((c) => c.replaceAll('\u00a0', ' '))).toEqual([
      'IGST',
      '₹ 91.37',
      '₹ 0.00',
      '₹ 91.37',
    ])
    expect(rows[5]!.slice(1).map(paiseOf)).toEqual([2_146_00, 499_00, 1_647_00])
  })

  it('leaves the sync count off a training report (practice sales are never sent)', () => {
    const doc = buildDocument('end-of-day', { ...fx.endOfDay, training: true }, { lang: 'en' })
    expect(allText(doc)).not.toContain('Events waiting to sync')
    expect(allText(doc)).toContain('Net collected')
  })
})
