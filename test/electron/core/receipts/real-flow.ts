import { randomUUID } from 'node:crypto'
import type { PrintableKind } from '../../../../shared/contract/receipts'
import type { StoredDocument } from '../../../../electron/core/receipts/stored-documents'
import type { DocumentDataByKind, DocumentKind } from '../../../../electron/core/receipts/model'
import { SIGNED, enrollmentRequest, inspect, makeCore, newImei, type TestCore } from '../helpers'

/**
 * Every document the kiosk prints, as the core builds it in a real flow on a fresh kiosk (issue
 * 16 item 5): no test or benchmark prints, measures or reviews hand-written receipt data.
 *
 * On 2020-11-10 at store MH01 (Karnataka): plan A (Redmi Note 9 Pro, fee ₹549, UPI), plan B
 * (Redmi Note 9, cancelled the same day inside cooling-off: a credit note), plan C bought by a
 * Maharashtra business (B2B, IGST), plan D. On 2021-03-01 (month 4): D's phone fails inspection
 * (the ineligibility slip), A's passes and A is upgraded to a Mi 10T (the exchange voucher).
 * The end-of-day report is 2020-11-10's: four invoices, one credit note. On 2026-11-30 (plan D long
 * expired, its phone failed) the phone is traded in at the offline grid's price (issue 22): the
 * trade-in voucher, provisional, with the customer's signed declaration.
 */
export interface RealFlow {
  tc: TestCore
  /** Where each document is found: the preview/print channel's kind and ref, and who may. */
  refs: Record<DocumentKind, { kind: PrintableKind; ref: string; session: string }>
  /** The documents as the builders take them. */
  docs: { [K in DocumentKind]: DocumentDataByKind[K] }
  planNumbers: { a: string; b: string; c: string; d: string }
  /** Events waiting to sync when the end-of-day report was made (before the trade-in). */
  pendingAtClose: number
  cleanup: () => Promise<void>
}

export const B2B_RECIPIENT = {
  gstin: '27AAACR5055K1Z7',
  legalName: 'Reliance Industries Limited',
  address: 'Maker Chambers IV, 222 Nariman Point, Mumbai, Maharashtra 400021',
}

async function enroll(tc: TestCore, over: Parameters<typeof enrollmentRequest>[0] = {}) {
  await tc.signIn('C1')
  const req = enrollmentRequest(over)
  const res = await tc.ok('enrollment.create', req)
  return { req, planNumber: res.plan.planNumber as string }
}

async function upgrade(
  tc: TestCore,
  planNumber: string,
  inspectionId: string,
  signaturePng: string,
) {
  await tc.signIn('C1')
  await tc.ok('redemption.complete', {
    requestId: randomUUID(),
    planNumber,
    inspectionId,
    customer: { mobile: '9876543210' },
    newDevice: {
      brand: 'Xiaomi',
      modelName: 'Mi 10T',
      modelId: 'mi-10t',
      variantId: 'mi-10t-8-128',
      imei: newImei(),
      pricePaise: 35_999_00,
      salesInvoiceNumber: 'MH01-POS/90412',
    },
    payment: { method: 'cash', amountPaise: 26_200_00 },
    // The customer's hand-over declaration, signed on the pad (issue 17).
    ...SIGNED,
    handover: { ...SIGNED.handover, signaturePng },
  })
}

/** Plan D's failed phone traded in on 2026-11-30 at the grid's price; the trade-in's id. */
async function tradeIn(tc: TestCore, imei: string, signaturePng: string): Promise<string> {
  tc.clock.set(Date.parse('2026-11-30T06:00:00Z'))
  await tc.signIn('T1', 'TECH')
  const s = await tc.ok('tradein.start', { requestId: randomUUID(), imei }, 'TECH')
  const id = s.tradeIn.tradeInId as string
  await tc.ok(
    'tradein.checklist',
    {
      tradeInId: id,
      answers: s.checklist.map((c: { id: string }) => ({
        itemId: c.id,
        result: c.id === 'display-no-cracks' ? 'fail' : 'pass',
      })),
    },
    'TECH',
  )
  await tc.signIn('C1')
  const q = await tc.ok('tradein.quote', { tradeInId: id })
  await tc.ok('tradein.accept', {
    requestId: randomUUID(),
    tradeInId: id,
    amountPaise: q.quote.amountPaise,
    handover: { ...SIGNED.handover, signaturePng },
  })
  // Back to the day of the upgrade: what is printed after the flow is printed as then.
  tc.clock.set(Date.parse('2021-03-01T06:00:00Z'))
  await tc.signIn('M1', 'MGR')
  return id
}

/** Runs the flow on a fresh kiosk and loads each document the core builds from its records. */
export async function realFlow(options: { signaturePng?: string } = {}): Promise<RealFlow> {
  const tc = await makeCore()
  const a = await enroll(tc, {
    variantId: 'redmi-note-9-pro-4-64',
    payment: { method: 'upi', reference: 'UPI031012345678', amountPaise: 549_00 },
  })
  const b = await enroll(tc)
  const c = await enroll(tc, {
    variantId: 'redmi-note-9-pro-max-6-64',
    payment: { method: 'card', reference: 'APPR4471', amountPaise: 599_00 },
    business: B2B_RECIPIENT,
  })
  const d = await enroll(tc)
  await tc.signIn('M1', 'MGR')
  await tc.ok(
    'plans.cancel',
    {
      requestId: randomUUID(),
      planNumber: b.planNumber,
      reason: 'Customer changed mind',
      refundReference: 'UPIREF0077',
    },
    'MGR',
  )
  tc.clock.set(Date.parse('2021-03-01T06:00:00Z'))
  const slip = await inspect(tc, d.planNumber, d.req.imeis[0]!, 'display-no-cracks')
  const pass = await inspect(tc, a.planNumber, a.req.imeis[0]!)
  await upgrade(
    tc,
    a.planNumber,
    pass.inspectionId,
    options.signaturePng ?? SIGNED.handover.signaturePng,
  )
  await tc.signIn('M1', 'MGR')

  const refs: RealFlow['refs'] = {
    'tax-invoice': { kind: 'enrollment', ref: a.planNumber, session: 'MGR' },
    'credit-note': { kind: 'cancellation', ref: b.planNumber, session: 'MGR' },
    'cancellation-notice': { kind: 'cancellation', ref: b.planNumber, session: 'MGR' },
    'exchange-voucher': { kind: 'redemption', ref: a.planNumber, session: 'MGR' },
    'ineligibility-slip': { kind: 'inspection', ref: slip.inspectionId, session: 'MGR' },
    'end-of-day': { kind: 'end-of-day', ref: '2020-11-10', session: 'MGR' },
    'trade-in-voucher': { kind: 'trade-in-voucher', ref: '', session: 'MGR' },
  }
  const load = async <K extends DocumentKind>(kind: K, ref = refs[kind]) => {
    const doc: StoredDocument = await tc.core.loadDocument(ref.kind, ref.ref)
    return doc.data as DocumentDataByKind[K]
  }
  const creditNote = await load('credit-note')
  const loaded = {
    'tax-invoice': await load('tax-invoice'),
    'credit-note': creditNote,
    // The same cancellation had it come after the cooling-off period: nothing refunded.
    'cancellation-notice': { ...creditNote, refund: null },
    'exchange-voucher': await load('exchange-voucher'),
    'ineligibility-slip': await load('ineligibility-slip'),
    'end-of-day': await load('end-of-day'),
  }
  const pendingAtClose = await tc.core.outboxPendingCount()
  // The documents above are loaded first: nothing of theirs depends on the later clock.
  refs['trade-in-voucher'].ref = await tradeIn(
    tc,
    d.req.imeis[0]!,
    options.signaturePng ?? SIGNED.handover.signaturePng,
  )
  const docs: RealFlow['docs'] = {
    ...loaded,
    'trade-in-voucher': await load('trade-in-voucher'),
  }
  return {
    tc,
    refs,
    docs,
    planNumbers: { a: a.planNumber, b: b.planNumber, c: c.planNumber, d: d.planNumber },
    pendingAtClose,
    cleanup: () => tc.cleanup(),
  }
}

/** The B2B invoice of the flow (plan C) as the builders take it. */
export async function b2bInvoice(flow: RealFlow): Promise<DocumentDataByKind['tax-invoice']> {
  const doc = await flow.tc.core.loadDocument('enrollment', flow.planNumbers.c)
  return doc.data as DocumentDataByKind['tax-invoice']
}
