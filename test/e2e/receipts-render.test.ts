import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDocument, renderHtml, type Paper } from '../../electron/core/receipts'
import * as fx from '../electron/core/receipts/fixtures'
import { launchChromium } from './support/chromium'
import { htmlToPdf, pdfToPngs } from './support/receipt-pdf'
import { SHOTS } from './support/screenshots'

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

describe('receipts printed to PDF in Chromium', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  const cases: Array<{ name: string; paper: Paper; html: () => string; expectText: string[] }> = [
    {
      name: 'receipt-enrollment-a4',
      paper: 'a4',
      html: () =>
        renderHtml(buildDocument('tax-invoice', fx.enrollment, { lang: 'en' }), { paper: 'a4' }),
      expectText: ['Tax invoice', 'MSU-BLR01-2020-000123', 'XXXXXX3210', '465.25'],
    },
    {
      name: 'receipt-enrollment-80mm',
      paper: '80mm',
      html: () =>
        renderHtml(buildDocument('tax-invoice', fx.enrollment, { lang: 'en' }), { paper: '80mm' }),
      expectText: ['Tax invoice', 'MSU-BLR01-2020-000123', 'XXXX XXXX 1234', '9,799'],
    },
    {
      name: 'receipt-enrollment-hi-80mm',
      paper: '80mm',
      html: () =>
        renderHtml(
          buildDocument(
            'tax-invoice',
            { ...fx.enrollment, training: true },
            { lang: 'hi', copy: 2 },
          ),
          {
            paper: '80mm',
          },
        ),
      expectText: ['MSU-BLR01-2020-000123', '9,799'],
    },
    {
      name: 'receipt-credit-note-80mm',
      paper: '80mm',
      html: () =>
        renderHtml(buildDocument('exchange-voucher', fx.creditNote, { lang: 'en' }), {
          paper: '80mm',
        }),
      expectText: ['Upgrade credit note', '26,200.00'],
    },
    {
      name: 'receipt-end-of-day-training-80mm',
      paper: '80mm',
      html: () =>
        renderHtml(
          buildDocument('end-of-day', { ...fx.endOfDay, training: true }, { lang: 'en' }),
          {
            paper: '80mm',
          },
        ),
      expectText: ['TRAINING', 'Net collected', 'Cash expected in drawer'],
    },
  ]

  it.each(cases)(
    '$name prints on one page and reads back',
    async ({ name, paper, html, expectText }) => {
      const pdf = await htmlToPdf(browser, html(), paper)
      const pngs = pdfToPngs(pdf)
      // A roll has no page breaks; the A4 invoice fits one sheet.
      expect(pngs).toHaveLength(1)
      writeFileSync(join(SHOTS, `${name}.png`), pngs[0] as Buffer)
      const text = pdfText(pdf)
      for (const t of expectText) expect(text).toContain(t)
      expect(text).not.toContain(fx.FULL_MOBILE)
    },
  )
})
