import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFileSecretStore } from '../../electron/core/sync/secret-store'
import { enrollmentRequest, makeCore, tempDir, type TestCore } from '../electron/core/helpers'
import { realFlow, type RealFlow } from '../electron/core/receipts/real-flow'
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
  let flow: RealFlow
  const refs: Record<string, { kind: string; ref: string; session: string; expect: string[] }> = {}

  beforeAll(async () => {
    browser = await launchChromium()
    // The one real flow the unit tests print too (real-flow.ts): enroll four plans on
    // 2020-11-10 (one for a Maharashtra business), cancel one the same day, fail one phone's
    // inspection and upgrade another in month 4, close 2020-11-10.
    flow = await realFlow({ signaturePng: await drawnSignature(browser) })
    const { a, b, c, d } = flow.planNumbers
    const slip = flow.refs['ineligibility-slip'].ref
    refs['tax-invoice'] = {
      kind: 'enrollment',
      ref: a,
      session: 'MGR',
      expect: ['K1/2021/000001', a, 'SAC 999799', '465.26'],
    }
    refs['tax-invoice-b2b'] = {
      kind: 'enrollment',
      ref: c,
      session: 'MGR',
      expect: ['K1/2021/000003', c, '27AAACR5055K1Z7', 'Reliance Industries Limited', '91.37'],
    }
    refs['credit-note'] = {
      kind: 'cancellation',
      ref: b,
      session: 'MGR',
      expect: ['K1/C2021/000001', 'K1/2021/000002', b],
    }
    refs['ineligibility-slip'] = {
      kind: 'inspection',
      ref: slip,
      session: 'MGR',
      expect: ['K1/S2021/000001', d],
    }
    refs['exchange-voucher'] = {
      kind: 'redemption',
      ref: a,
      session: 'MGR',
      expect: ['K1/X2021/000001', 'MH01-POS/90412', a, 'K1/I2021/000002'],
    }
    refs['end-of-day'] = { kind: 'end-of-day', ref: '2020-11-10', session: 'MGR', expect: [] }
    // Plan D's failed phone traded in on 2026-11-30 at the offline grid's price (issue 22).
    refs['trade-in-voucher'] = {
      kind: 'trade-in-voucher',
      ref: flow.refs['trade-in-voucher'].ref,
      session: 'MGR',
      expect: ['K1/T2627/000001', flow.docs['trade-in-voucher'].voucherCode, d],
    }
  })
  afterAll(async () => {
    await browser?.close()
    await flow?.cleanup()
  })

  const cases = (
    [
      'tax-invoice',
      'tax-invoice-b2b',
      'credit-note',
      'exchange-voucher',
      'ineligibility-slip',
      'end-of-day',
      'trade-in-voucher',
    ] as const
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
    const preview = await flow.tc.ok(
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

/**
 * The plan certificate as a provisioned kiosk prints it (issue 22): its QR is the link to head
 * office's public plan page, made offline, and the text beside it says what the page shows.
 */
describe('the plan certificate of a kiosk with head office, printed to PDF in Chromium', () => {
  let browser: Browser
  let t: TestCore
  let planNumber = ''
  beforeAll(async () => {
    browser = await launchChromium()
    const dir = tempDir()
    const secretStore = createFileSecretStore(join(dir, 'headoffice-secret'))
    await secretStore.set('a-secret-head-office-gave-this-kiosk')
    t = await makeCore({
      dataDir: dir,
      idleLockMinutes: 100_000,
      sync: {
        baseUrl: 'http://127.0.0.1:9',
        publicPlanUrl: 'https://plans.example.in/',
        secretStore,
        intervalMs: 3_600_000,
        fetch: (async () => {
          throw new TypeError('fetch failed (network down)')
        }) as typeof fetch,
      },
    })
    await t.signIn('C1')
    const res = await t.ok('enrollment.create', enrollmentRequest())
    expect(res.receipt.qrText).toMatch(/^https:\/\/plans\.example\.in\/p\//)
    planNumber = res.plan.planNumber as string
    await t.signIn('M1', 'MGR')
  })
  afterAll(async () => {
    await browser?.close()
    await t?.cleanup()
  })

  it.each([
    { lang: 'en' as Lang, paper: '80mm' as Paper, name: 'receipt-tax-invoice-link-80mm' },
    { lang: 'hi' as Lang, paper: '80mm' as Paper, name: 'receipt-tax-invoice-link-hi-80mm' },
    { lang: 'en' as Lang, paper: 'a4' as Paper, name: 'receipt-tax-invoice-link-a4' },
  ])('$name prints on one page with the link', async ({ lang, paper, name }) => {
    const preview = await t.ok(
      'receipts.preview',
      { kind: 'enrollment', ref: planNumber, lang, paper },
      'MGR',
    )
    const pdf = await htmlToPdf(browser, preview.html as string, paper)
    const pngs = pdfToPngs(pdf)
    expect(pngs).toHaveLength(1)
    writeFileSync(join(SHOTS, `${name}.png`), pngs[0] as Buffer)
    expect(pdfText(pdf)).toContain(planNumber)
  })
})
