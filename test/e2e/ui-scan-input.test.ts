import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { luhnCheckDigit, verhoeffCheckDigit } from '../../shared/domain/checksums'
import { installAxe, seriousViolations } from './support/axe'
import { launchChromium } from './support/chromium'
import { kioskRpc } from './support/kiosk-rpc'
import { demoEnrollment, DEMO_MODEL, DEMO_VARIANT } from './support/kiosk-scene'
import { startKiosk, type RunningKiosk } from './support/kiosk-server'
import { blankPicture, code128Picture, fakeCameraArgs, writeY4m } from './support/y4m'

// Scan instead of type (issue 15), in Debian's Chromium against the browser-mode kiosk:
// - a USB/Bluetooth barcode scanner is a keyboard (the code's keys, then Enter): a clerk enrolls
//   a phone with scans, typing and Tab/Enter only — not one click;
// - the camera reads the Code 128 bar code of an IMEI on a phone box (a generated picture played
//   as the webcam), through the lazily loaded ZXing decoder, and Find plan opens that plan.

const model = DEMO_MODEL
const variant = DEMO_VARIANT
const imei = (body14: string) => body14 + luhnCheckDigit(body14)
const BOXED = imei('86000000000301') // the plan made through the bridge; its box is on camera
const BOXED2 = imei('86000000000302')
const SCAN1 = imei('86000000000311') // the phone the clerk enrolls with the scanner
const SCAN2 = imei('86000000000312')

describe('scanning instead of typing (Chromium, training)', () => {
  let kiosk: RunningKiosk
  let planNumber = ''
  let dir = ''
  let today = ''
  const browsers: Browser[] = []

  beforeAll(async () => {
    kiosk = await startKiosk({ training: true })
    const rpc = await kioskRpc(kiosk.url)
    today = (await rpc<{ businessDate: string }>('app.info', {})).businessDate
    await rpc('staff.signIn', { staffCode: 'C1', pin: '1111' })
    const created = await rpc<{ plan: { planNumber: string } }>(
      'enrollment.create',
      demoEnrollment({
        imeis: [BOXED, BOXED2],
        today,
        invoiceNumber: 'INV-BOX-1',
        customer: {
          name: 'Box Customer',
          mobile: '9123456701',
          idType: 'pan',
          idNumber: 'ABCPE1234F',
        },
        payment: { method: 'upi', reference: 'UPI-BOX-1', amountPaise: model.feePaise },
      }),
    )
    planNumber = created.plan.planNumber
    dir = mkdtempSync(join(tmpdir(), 'kiosk-code128-'))
    writeY4m(join(dir, 'box.y4m'), [
      blankPicture(),
      blankPicture(),
      ...Array.from({ length: 8 }, () => code128Picture(BOXED)),
    ])
  })

  afterAll(async () => {
    for (const b of browsers) await b.close()
    await kiosk?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  async function signedIn(args: string[] = []) {
    const browser = await launchChromium(args)
    browsers.push(browser)
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'en-IN',
    })
    if (args.length) await context.grantPermissions(['camera'])
    await installAxe(context)
    const page = await context.newPage()
    page.setDefaultTimeout(15_000)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(String(e)))
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text())
    })
    await page.goto(kiosk.url)
    await page.getByTestId('staff-C1').click()
    await page.keyboard.type('1111')
    await page.keyboard.press('Enter')
    await page.getByTestId('home-tiles').waitFor()
    return { page, errors }
  }

  const focusedTestId = (page: Page) =>
    page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null)

  /** Tab until the element with `testid` has the focus (at most `max` presses). */
  async function tabTo(page: Page, testid: string, max = 40) {
    for (let i = 0; i < max && (await focusedTestId(page)) !== testid; i++)
      await page.keyboard.press('Tab')
    expect(await focusedTestId(page)).toBe(testid)
  }

  it('keeps the 1D decoder (ZXing) out of the initial bundle', () => {
    const outDir = resolve(__dirname, '../../out/renderer')
    const html = readFileSync(join(outDir, 'index.html'), 'utf8')
    const initial = [...html.matchAll(/(?:src|href)="(?:\.?\/)?(assets\/[^"]+\.js)"/g)].map(
      (m) => m[1]!,
    )
    expect(initial.length).toBeGreaterThan(0)
    // A string only ZXing's 1D readers have.
    for (const file of initial)
      expect(readFileSync(join(outDir, file), 'utf8'), file).not.toContain('MultiFormatOneDReader')
  })

  it('reads the IMEI bar code (Code 128) of a phone box through the webcam and opens its plan', async () => {
    const { page, errors } = await signedIn(fakeCameraArgs(join(dir, 'box.y4m')))
    await page.getByTestId('tile-find').click()
    expect(await page.evaluate(() => 'BarcodeDetector' in window)).toBe(false) // the ZXing path
    await page.getByTestId('scan-start').click()
    await page.locator('[data-testid="scanner"][data-state="found"]').waitFor()
    expect(await page.getByTestId('scan-message').textContent()).toContain(
      `Box bar code read: IMEI ${BOXED}`,
    )
    await page.waitForURL(`**/#/plans/${encodeURIComponent(planNumber)}`)
    await expect.poll(() => page.getByTestId('plan-number').textContent()).toBe(planNumber)
    expect(errors).toEqual([])
  })

  it('a clerk enrolls with a barcode scanner and the keyboard alone (Tab and Enter, no clicks)', async () => {
    const { page, errors } = await signedIn()
    await page.goto(`${kiosk.url}#/enroll`)
    // The phone step opens at IMEI 1, ready for the scanner.
    await expect.poll(() => focusedTestId(page)).toBe('enroll-imei1')
    // Shown the Indian way (dd/mm/yyyy) in browser mode too.
    expect(await page.getByTestId('enroll-invoice-date').inputValue()).toBe(
      today.split('-').reverse().join('/'),
    )
    expect(await page.getByTestId('enroll-store').inputValue()).toBe('MH01')
    // The box label's code carries both IMEIs; the scanner types it and presses Enter.
    await page.keyboard.type(`IMEI1:${SCAN1} IMEI2:${SCAN2}`)
    await page.keyboard.press('Enter')
    expect(await page.getByTestId('enroll-imei1').inputValue()).toBe(SCAN1)
    expect(await page.getByTestId('enroll-imei2').inputValue()).toBe(SCAN2)
    expect(await focusedTestId(page)).toBe('enroll-invoice')
    await page.keyboard.type('MH01/2026/0077')
    await page.keyboard.press('Enter')
    expect(await focusedTestId(page)).toBe('enroll-model')
    // Drop-downs take type-ahead.
    await page.keyboard.type(model.name)
    await expect.poll(() => page.getByTestId('enroll-model').inputValue()).toBe(model.id)
    await page.keyboard.press('Tab')
    expect(await focusedTestId(page)).toBe('enroll-variant')
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => page.getByTestId('enroll-variant').inputValue()).toBe(variant.id)
    // Price paid is the variant's SRP; Enter there goes to Next (nothing else is empty).
    await page.keyboard.press('Tab')
    expect(await page.getByTestId('enroll-price').inputValue()).toBe(String(variant.srpPaise / 100))
    await page.keyboard.press('Enter')
    expect(await focusedTestId(page)).toBe('enroll-next')
    expect(await seriousViolations(page)).toEqual([])
    await page.keyboard.press('Enter')

    await expect.poll(() => focusedTestId(page)).toBe('enroll-name')
    await page.keyboard.type('Meera Iyer')
    await page.keyboard.press('Enter')
    await page.keyboard.type('9812345670')
    await page.keyboard.press('Enter')
    expect(await focusedTestId(page)).toBe('enroll-id-number')
    await page.keyboard.type('34567890123' + verhoeffCheckDigit('34567890123'))
    await page.keyboard.press('Enter')
    expect(await focusedTestId(page)).toBe('enroll-consent-data')
    await page.keyboard.press('Enter') // ticks the consent and moves on
    expect(await page.getByTestId('enroll-consent-data').isChecked()).toBe(true)
    expect(await focusedTestId(page)).toBe('enroll-next')
    await page.keyboard.press('Enter')

    await page.getByTestId('review-fee-total').waitFor()
    await tabTo(page, 'enroll-next')
    await page.keyboard.press('Enter')
    // Today's payments were UPI: the method starts there, and the reference has the focus.
    expect(await page.getByTestId('enroll-pay-method-upi').isChecked()).toBe(true)
    await expect.poll(() => focusedTestId(page)).toBe('enroll-pay-reference')
    await page.keyboard.type('UPI-778899')
    await page.keyboard.press('Enter')
    expect(await focusedTestId(page)).toBe('enroll-submit')
    await page.keyboard.press('Enter')
    await page.getByTestId('enroll-done').waitFor()
    expect(await page.getByTestId('enroll-plan-number').textContent()).toMatch(/^TRN-/)
    expect(errors).toEqual([])
  })
})
