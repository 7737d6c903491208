import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  SIGNED,
  enrolled,
  enrollmentRequest,
  inspect,
  makeCore,
  newImei,
  type TestCore,
} from '../electron/core/helpers'
import { launchChromium } from './support/chromium'
import { htmlToPdf, pdfToPngs } from './support/receipt-pdf'
import { SHOTS } from './support/screenshots'

/** A signature as the pad gives it: strokes on a white canvas in Chromium, as a PNG data URL. */
async function drawnSignature(browser: Browser): Promise<string> {
  const page = await browser.newPage()
  try {
    return await page.evaluate(() => {
      const c = document.createElement('canvas')
      c.width = 600
      c.height = 180
      const g = c.getContext('2d')!
      g.fillStyle = '#fff'
      g.fillRect(0, 0, c.width, c.height)
      g.strokeStyle = '#111'
      g.lineWidth = 3
      g.beginPath()
      g.moveTo(40, 120)
      for (let x = 40; x <= 560; x += 8) g.lineTo(x, 90 + Math.sin(x / 22) * 45)
      g.stroke()
      return c.toDataURL('image/png')
    })
  } finally {
    await page.close()
  }
}

/** Text of a PDF through poppler's pdftotext, to check what a reader of the file sees. */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'receipt-text-'))
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf)
    return execFileSync('pdftotext', ['-layout', join(dir, 'in.pdf'), '-'], { encoding: 'utf8' })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

type Paper = '80mm' | 'a4'
type Lang = 'en' | 'hi'

/**
 * The reviewed receipt pictures (issue 16 item 8), each rendered from the document the core
 * builds in a real flow on a fresh kiosk — enroll, cancel inside cooling-off, inspect and fail,
 * upgrade, close the day — never from hand-written data. File names say which document.
 */
describe('receipts printed to PDF in Chromium, from a real flow', () => {
  let browser: Browser
  let tc: TestCore
  const refs: Record<string, { kind: string; ref: string; session: string; expect: string[] }> = {}

  beforeAll(async () => {
    browser = await launchChromium()
    tc = await makeCore()
    // Enrolled on 2020-11-10: the tax invoice, and the plan later upgraded.
    const { req, planNumber } = await enrolled(tc)
    // A second plan, cancelled two days later: inside cooling-off, so a credit note.
    const other = await tc.ok('enrollment.create', enrollmentRequest())
    const otherPlan = other.plan.planNumber as string
    tc.clock.advanceDays(2)
    await tc.signIn('M1', 'MGR')
    await tc.ok(
      'plans.cancel',
      {
        requestId: randomUUID(),
        planNumber: otherPlan,
        reason: 'Customer changed mind',
        // Paid by UPI, refunded by UPI: the reference is required (issue 14).
        refundReference: 'UPIREF0077',
      },
      'MGR',
    )
    // A third plan whose phone fails inspection in month 4: the ineligibility slip.
    await tc.signIn('C1')
    const third = enrollmentRequest()
    const failed = (await tc.ok('enrollment.create', third)).plan.planNumber as string
    tc.clock.set(Date.parse('2021-03-01T06:00:00Z'))
    const slip = await inspect(tc, failed, third.imeis[0]!, 'display-no-cracks')
    // The first plan's upgrade the same day: the exchange voucher.
    const pass = await inspect(tc, planNumber, req.imeis[0]!)
    await tc.signIn('C1')
    await tc.ok('redemption.complete', {
      requestId: randomUUID(),
      planNumber,
      inspectionId: pass.inspectionId,
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
      payment: { method: 'cash', amountPaise: 27_600_00 },
      // The customer's declaration, signed as on the pad (issue 17): printed on the voucher.
      handover: { ...SIGNED.handover, signaturePng: await drawnSignature(browser) },
      customerCheck: SIGNED.customerCheck,
    })
    await tc.signIn('M1', 'MGR')
    refs['tax-invoice'] = {
      kind: 'enrollment',
      ref: planNumber,
      session: 'S1',
      expect: ['K1/2021/000001', planNumber, 'SAC 999799', '422.88'],
    }
    refs['credit-note'] = {
      kind: 'cancellation',
      ref: otherPlan,
      session: 'MGR',
      expect: ['K1/C2021/000001', 'K1/2021/000002', otherPlan],
    }
    refs['ineligibility-slip'] = {
      kind: 'inspection',
      ref: slip.inspectionId,
      session: 'MGR',
      expect: ['K1/S2021/000001', failed],
    }
    refs['exchange-voucher'] = {
      kind: 'redemption',
      ref: planNumber,
      session: 'MGR',
      expect: ['K1/X2021/000001', 'MH01-POS/90412', planNumber],
    }
    refs['end-of-day'] = { kind: 'end-of-day', ref: '2021-03-01', session: 'MGR', expect: [] }
  })
  afterAll(async () => {
    await browser?.close()
    await tc?.cleanup()
  })

  const cases = (
    ['tax-invoice', 'credit-note', 'exchange-voucher', 'ineligibility-slip', 'end-of-day'] as const
  ).flatMap((doc) =>
    (['en', 'hi'] as const).flatMap((lang: Lang) =>
      (['80mm', 'a4'] as const).map((paper: Paper) => ({
        doc,
        lang,
        paper,
        name: `receipt-${doc}${lang === 'hi' ? '-hi' : ''}-${paper}`,
      })),
    ),
  )

  it.each(cases)('$name prints on one page and reads back', async ({ doc, lang, paper, name }) => {
    const r = refs[doc]!
    const preview = await tc.ok(
      'receipts.preview',
      { kind: r.kind, ref: r.ref, lang, paper },
      r.session,
    )
    const pdf = await htmlToPdf(browser, preview.html as string, paper)
    const pngs = pdfToPngs(pdf)
    // A roll has no page breaks; each A4 document fits one sheet.
    expect(pngs).toHaveLength(1)
    writeFileSync(join(SHOTS, `${name}.png`), pngs[0] as Buffer)
    const text = pdfText(pdf)
    for (const t of r.expect) expect(text).toContain(t)
    expect(text).not.toContain('9876543210')
  })
})
