import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { gstSplit } from '../../shared/domain'
import type { OutboxEventOf } from '../../shared/sync/events'
import { TARGETS, kioskPair, pushOutcomes, startHeadOffice, type TestHeadOffice } from './harness'

/**
 * Head office's GST summary (issue 16, docs/tax-documents.md#head-offices-gst-summary): by store
 * and business day, the plan fees' tax invoices, the credit notes of the day's refunds and the
 * net, CGST, SGST and IGST apart — figures head office derives itself, on SQLite and PostgreSQL.
 */
describe.each(TARGETS)('the GST summary at head office on %s', (kind) => {
  let ho: TestHeadOffice
  beforeAll(async () => {
    ho = await startHeadOffice(kind)
  })
  afterAll(async () => {
    await ho?.close()
  })

  // Store MH01 is in Karnataka (29); this buyer is registered in Maharashtra (27): IGST.
  const MAHARASHTRA_BUYER = '27AAACR5055K1Z7'
  const business = (event: OutboxEventOf<'plan.enrolled'>): OutboxEventOf<'plan.enrolled'> => ({
    ...event,
    payload: {
      ...event.payload,
      recipient: {
        gstin: MAHARASHTRA_BUYER,
        legalName: 'Reliance Industries Limited',
        address: 'Maker Chambers IV, Nariman Point, Mumbai 400021',
      },
      gst: { ...event.payload.gst, intraState: false, ...gstSplit(49_900, 18, false) },
    },
  })

  it('sums invoices, nets the credit notes of each day, keeps IGST apart (JSON and CSV)', async () => {
    const { kiosk, http } = await pair()
    const day = '2026-01-05'
    const consumer = kiosk.enroll({ purchaseDate: day })
    const sameDay = kiosk.enroll({ purchaseDate: day })
    const later = kiosk.enroll({ purchaseDate: day })
    const late = kiosk.enroll({ purchaseDate: day })
    const b2b = business(kiosk.enroll({ purchaseDate: day }))
    const pushed = await http.push([
      consumer,
      sameDay,
      later,
      late,
      b2b,
      kiosk.cancel(sameDay, day), // inside cooling-off: a credit note the same day
      kiosk.cancel(later, '2026-01-07'), // inside: a credit note two days later
      kiosk.cancel(late, '2026-01-20'), // outside: no refund, no credit note
    ])
    expect(pushOutcomes(pushed.results)).toEqual(Array(8).fill('applied'))

    const res = await ho.admin('GET', '/admin/reports/gst?from=2026-01-01&to=2026-01-31')
    expect(res.status).toBe(200)
    // ₹499 GST-inclusive at 18%: taxable ₹422.88, tax ₹76.12 — ₹38.06 + ₹38.06 in Karnataka,
    // ₹76.12 IGST to a Maharashtra business.
    const line = (count: number, intra: number, inter: number) => ({
      count,
      taxablePaise: 42_288 * (intra + inter),
      cgstPaise: 3_806 * intra,
      sgstPaise: 3_806 * intra,
      igstPaise: 7_612 * inter,
      totalPaise: 49_900 * (intra + inter),
    })
    expect(res.json.data).toEqual([
      {
        storeCode: 'MH01',
        gstin: '29AABCM1234A1Z3',
        day,
        invoices: line(5, 4, 1),
        creditNotes: line(1, 1, 0),
        net: line(4, 3, 1),
      },
      {
        storeCode: 'MH01',
        gstin: '29AABCM1234A1Z3',
        day: '2026-01-07',
        invoices: line(0, 0, 0),
        creditNotes: line(1, 1, 0),
        net: line(-1, -1, 0),
      },
    ])
    const csv = await ho.admin('GET', '/admin/reports/gst?from=2026-01-07&to=2026-01-07&format=csv')
    const [header, row] = csv.text.trim().split('\r\n')
    const cells = Object.fromEntries(header!.split(',').map((h, i) => [h, row!.split(',')[i]]))
    expect(cells).toMatchObject({
      storeCode: 'MH01',
      day: '2026-01-07',
      creditNoteCount: '1',
      creditNoteCgstPaise: '3806',
      netTotalPaise: '-49900',
    })
  })

  it('refuses a request without its days', async () => {
    const res = await ho.admin('GET', '/admin/reports/gst?from=2026-01-01')
    expect(res.status).toBe(400)
  })

  let n = 0
  const pair = () => kioskPair(ho, 'MH01', `G${++n}`)
})
