import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'

/**
 * Prints receipt HTML to PDF the way the shell does: A4 by its CSS page, an 80 mm roll as one
 * page exactly as tall as the content (a roll has no page breaks).
 */
export async function htmlToPdf(
  browser: Browser,
  html: string,
  paper: '80mm' | 'a4',
): Promise<Buffer> {
  const page = await browser.newPage()
  try {
    await page.setContent(html, { waitUntil: 'load' })
    // Strings, not functions: this file type-checks without the DOM library.
    await page.evaluate('document.fonts.ready')
    if (paper === 'a4') {
      return await page.pdf({ preferCSSPageSize: true, printBackground: true })
    }
    await page.emulateMedia({ media: 'print' })
    await page.setViewportSize({ width: 302, height: 800 }) // 80 mm at 96 px/in
    const heightPx = await page.evaluate<number>('document.documentElement.scrollHeight')
    return await page.pdf({
      width: '80mm',
      height: `${Math.ceil(heightPx) + 4}px`,
      printBackground: true,
      margin: { top: '0', right: '0', bottom: '0', left: '0' },
    })
  } finally {
    await page.close()
  }
}

/** Converts a PDF to PNGs with poppler's `pdftoppm`, one buffer per page. */
export function pdfToPngs(pdf: Buffer, dpi = 110): Buffer[] {
  const dir = mkdtempSync(join(tmpdir(), 'receipt-png-'))
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf)
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), join(dir, 'in.pdf'), join(dir, 'page')])
    return readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .map((f) => readFileSync(join(dir, f)))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
