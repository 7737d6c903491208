import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { enrollmentRequest, makeCore, type TestCore } from '../helpers'
import { builtText, paiseOf, valueAfter } from './support'

// Issue 16 item 3: the end of day nets the day's credit notes against its tax invoices and
// reconciles to the paisa with the documents of the day (docs/tax-documents.md#end-of-day-report).

interface Figures {
  count: number
  taxablePaise: number
  cgstPaise: number
  sgstPaise: number
  igstPaise: number
  totalPaise: number
}

const ZERO: Figures = {
  count: 0,
  taxablePaise: 0,
  cgstPaise: 0,
  sgstPaise: 0,
  igstPaise: 0,
  totalPaise: 0,
}

/** A row's amount in a built tax document, 0 when the document has no such row. */
function amount(text: string, label: string): number {
  return text.includes(label) ? paiseOf(valueAfter(text, label)) : 0
}

/** The figures a built tax invoice or credit note prints. */
function figuresOf(text: string, totalLabel: string): Figures {
  return {
    count: 1,
    taxablePaise: amount(text, 'Taxable value'),
    cgstPaise: amount(text, 'CGST @ 9%'),
    sgstPaise: amount(text, 'SGST @ 9%'),
    igstPaise: amount(text, 'IGST @ 18%'),
    totalPaise: amount(text, totalLabel),
  }
}

function sum(list: Figures[]): Figures {
  return list.reduce(
    (s, f) => ({
      count: s.count + f.count,
      taxablePaise: s.taxablePaise + f.taxablePaise,
      cgstPaise: s.cgstPaise + f.cgstPaise,
      sgstPaise: s.sgstPaise + f.sgstPaise,
      igstPaise: s.igstPaise + f.igstPaise,
      totalPaise: s.totalPaise + f.totalPaise,
    }),
    ZERO,
  )
}

function minus(a: Figures, b: Figures): Figures {
  return {
    count: a.count - b.count,
    taxablePaise: a.taxablePaise - b.taxablePaise,
    cgstPaise: a.cgstPaise - b.cgstPaise,
    sgstPaise: a.sgstPaise - b.sgstPaise,
    igstPaise: a.igstPaise - b.igstPaise,
    totalPaise: a.totalPaise - b.totalPaise,
  }
}

/** The printed end-of-day report's GST table: per row, the invoices, credit notes and net. */
function printedGst(text: string): { invoices: Figures; creditNotes: Figures; net: Figures } {
  const table = text.slice(text.indexOf('GST of the day'))
  const lines = table.split('\n').map((l) => l.trim())
  const cells = (label: string) => {
    const i = lines.indexOf(label)
    if (i < 0) throw new Error(`no row ${label} in:\n${table}`)
    return lines.slice(i + 1, i + 4)
  }
  const column = (c: number): Figures => ({
    count: Number(cells('Count')[c]),
    taxablePaise: paiseOf(cells('Taxable value')[c]!),
    cgstPaise: paiseOf(cells('CGST')[c]!),
    sgstPaise: paiseOf(cells('SGST')[c]!),
    igstPaise: paiseOf(cells('IGST')[c]!),
    totalPaise: paiseOf(cells('Total')[c]!),
  })
  return { invoices: column(0), creditNotes: column(1), net: column(2) }
}

describe('end of day nets the credit notes of the day', () => {
  let tc: TestCore
  const invoices: Record<string, Figures[]> = {}
  const creditNotes: Record<string, Figures[]> = {}
  const DAY1 = '2020-11-10'
  const DAY3 = '2020-11-12'

  async function enroll(day: string, variantId: string, feePaise: number, gstin?: string) {
    await tc.signIn('C1')
    const res = await tc.ok(
      'enrollment.create',
      enrollmentRequest({
        variantId,
        payment: { method: 'upi', reference: 'UPI123456', amountPaise: feePaise },
        ...(gstin
          ? {
              business: {
                gstin,
                legalName: 'Reliance Industries Limited',
                address: 'Maker Chambers IV, Nariman Point, Mumbai 400021',
              },
            }
          : {}),
      }),
    )
    const planNumber = res.plan.planNumber as string
    const text = await builtText(tc, 'enrollment', planNumber)
    ;(invoices[day] ??= []).push(figuresOf(text, 'Total (incl. GST)'))
    return planNumber
  }

  async function cancel(day: string, planNumber: string) {
    await tc.signIn('M1', 'MGR')
    await tc.ok(
      'plans.cancel',
      { requestId: randomUUID(), planNumber, reason: 'Changed mind', refundReference: 'UPIREF1' },
      'MGR',
    )
    const text = await builtText(tc, 'cancellation', planNumber, { session: 'MGR' })
    ;(creditNotes[day] ??= []).push(figuresOf(text, 'Total credited (refund)'))
  }

  beforeAll(async () => {
    tc = await makeCore()
    // Day 1: three invoices (one inter-state B2B, IGST), one of them cancelled the same day.
    const a = await enroll(DAY1, 'redmi-note-9-pro-4-64', 549_00)
    await enroll(DAY1, 'redmi-note-9-pro-max-6-64', 599_00, '27AAACR5055K1Z7')
    const c = await enroll(DAY1, 'mi-10-8-128', 1_999_00)
    await cancel(DAY1, c)
    // Day 3: the first plan cancelled, still inside the cooling-off period, and a new invoice.
    tc.clock.advanceDays(2)
    await cancel(DAY3, a)
    await enroll(DAY3, 'redmi-k20-pro-6-128', 999_00)
  })
  afterAll(async () => {
    await tc?.cleanup()
  })

  it.each([
    ['the day of the invoices and a same-day credit note', DAY1, 3, 1],
    ['a later day with a credit note of an earlier invoice', DAY3, 1, 1],
  ])('%s reconciles to the paisa', async (_, day, nInvoices, nCreditNotes) => {
    const inv = sum(invoices[day]!)
    const cn = sum(creditNotes[day]!)
    expect([inv.count, cn.count]).toEqual([nInvoices, nCreditNotes])
    const report = await tc.ok('reports.endOfDay', { businessDate: day }, 'MGR')
    expect(report.gst).toEqual({ invoices: inv, creditNotes: cn, net: minus(inv, cn) })
    const printed = await builtText(tc, 'end-of-day', day, { session: 'MGR' })
    expect(printedGst(printed)).toEqual({ invoices: inv, creditNotes: cn, net: minus(inv, cn) })
  })

  it('keeps IGST apart from CGST and SGST', async () => {
    const report = await tc.ok('reports.endOfDay', { businessDate: DAY1 }, 'MGR')
    expect(report.gst.invoices.igstPaise).toBe(91_37)
    expect(report.gst.invoices.cgstPaise).toBe(report.gst.invoices.sgstPaise)
    expect(report.gst.invoices.cgstPaise).toBeGreaterThan(0)
  })
})
