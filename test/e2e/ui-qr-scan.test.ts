import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { luhnCheckDigit } from '../../shared/domain/checksums'
import { installAxe, seriousViolations } from './support/axe'
import { launchChromium } from './support/chromium'
import { kioskRpc } from './support/kiosk-rpc'
import { demoEnrollment } from './support/kiosk-scene'
import { startKiosk, type RunningKiosk } from './support/kiosk-server'
import { blankPicture, fakeCameraArgs, qrPicture, writeY4m } from './support/y4m'
import { SHOTS } from './support/screenshots'

// Find plan by scanning the receipt's QR code with the kiosk camera, in Debian's Chromium: the
// webcam is a generated .y4m video of a QR code (Chromium's fake capture device). Chromium on
// Linux has no BarcodeDetector, so this drives the jsQR path. Screenshots of the scanning screen:
// test/e2e/__screenshots__/ui-find-scan-{en,hi}.png.

const imei = (body14: string) => body14 + luhnCheckDigit(body14)

/** Records every camera stream the page opens, so the test can see that its tracks stopped. */
const RECORD_STREAMS = `(() => {
  const md = navigator.mediaDevices
  if (!md || !md.getUserMedia) return
  const original = md.getUserMedia.bind(md)
  window.__kioskStreams = []
  md.getUserMedia = async (constraints) => {
    const stream = await original(constraints)
    window.__kioskStreams.push(stream)
    return stream
  }
})()`

describe('Find plan: scanning the receipt QR code with the camera (Chromium, training)', () => {
  let kiosk: RunningKiosk
  let planNumber = ''
  let dir = ''
  const browsers: Browser[] = []

  beforeAll(async () => {
    kiosk = await startKiosk({ training: true })
    const rpc = await kioskRpc(kiosk.url)
    const { businessDate } = await rpc<{ businessDate: string }>('app.info', {})
    await rpc('staff.signIn', { staffCode: 'C1', pin: '1111' })
    const created = await rpc<{ plan: { planNumber: string } }>(
      'enrollment.create',
      demoEnrollment({
        imeis: [imei('86000000000101'), imei('86000000000102')],
        today: businessDate,
        invoiceNumber: 'INV-QR-1',
        customer: {
          name: 'Scan Customer',
          mobile: '9123456700',
          idType: 'pan',
          idNumber: 'ABCPE1234F',
        },
      }),
    )
    planNumber = created.plan.planNumber
    dir = mkdtempSync(join(tmpdir(), 'kiosk-qr-'))
    // The receipt comes into view after a moment of empty background, as at the counter.
    writeY4m(join(dir, 'plan.y4m'), [
      blankPicture(),
      blankPicture(),
      ...Array.from({ length: 8 }, () => qrPicture(planNumber)),
    ])
    // A QR code that is not a plan number: a shop's UPI payment code.
    writeY4m(join(dir, 'upi.y4m'), [
      qrPicture('upi://pay?pa=mobileshop@upi&pn=Mobile%20Shop&cu=INR', { fill: 0.55 }),
    ])
  })

  afterAll(async () => {
    for (const b of browsers) await b.close()
    await kiosk?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  /** Chromium whose webcam plays `video`; a page signed in as clerk C1 on Find plan. */
  async function findPlanWithCamera(video: string) {
    const browser = await launchChromium(fakeCameraArgs(join(dir, video)))
    browsers.push(browser)
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'en-IN',
    })
    await context.grantPermissions(['camera'])
    await installAxe(context)
    await context.addInitScript({ content: RECORD_STREAMS })
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
    await page.getByTestId('tile-find').click()
    await page.getByTestId('scan-start').waitFor()
    return { page, errors }
  }

  const scanState = (page: Page) =>
    page.getByTestId('scanner').getAttribute('data-state') as Promise<string>
  const liveTracks = (page: Page) =>
    page.evaluate(
      () =>
        (window as unknown as { __kioskStreams: MediaStream[] }).__kioskStreams
          .flatMap((s) => s.getTracks())
          .filter((t) => t.readyState === 'live').length,
    )

  it('keeps jsQR out of the initial bundle', () => {
    const outDir = resolve(__dirname, '../../out/renderer')
    const html = readFileSync(join(outDir, 'index.html'), 'utf8')
    const initial = [...html.matchAll(/(?:src|href)="(?:\.?\/)?(assets\/[^"]+\.js)"/g)].map(
      (m) => m[1]!,
    )
    expect(initial.length).toBeGreaterThan(0)
    for (const file of initial) {
      // A string only jsQR's source has.
      expect(readFileSync(join(outDir, file), 'utf8'), file).not.toContain('inversionAttempts')
    }
  })

  it('refuses a QR code that is not a plan number and keeps scanning (screenshots en + hi)', async () => {
    const { page, errors } = await findPlanWithCamera('upi.y4m')
    expect(await page.evaluate(() => 'BarcodeDetector' in window)).toBe(false) // the jsQR path
    await page.getByTestId('scan-start').click()
    await page.getByTestId('scan-invalid').waitFor()
    expect(await page.getByTestId('scan-invalid').textContent()).toContain(
      'This code is not a plan number or an IMEI',
    )
    expect(await scanState(page)).toBe('scanning')
    // At 1280×800 the scanner sits below the fold: starting brings it into view.
    await expect
      .poll(() =>
        page.getByTestId('scan-stop').evaluate((el) => {
          const box = el.getBoundingClientRect()
          const video = document
            .querySelector('[data-testid="scan-video"]')!
            .getBoundingClientRect()
          return video.top >= 0 && box.bottom <= window.innerHeight
        }),
      )
      .toBe(true)
    expect(await page.getByTestId('scan-message').textContent()).toContain(
      'Hold the QR code in front of the camera',
    )
    // The live preview is playing the camera.
    expect(
      await page.evaluate(() => {
        const v = document.querySelector<HTMLVideoElement>('[data-testid="scan-video"]')!
        return v.videoWidth > 0 && !v.paused && v.srcObject instanceof MediaStream
      }),
    ).toBe(true)
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: join(SHOTS, 'ui-find-scan-en.png'), fullPage: true })

    await page.getByRole('button', { name: 'हिन्दी' }).click()
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('hi')
    expect(await page.getByTestId('scan-invalid').textContent()).toContain(
      'यह कोड प्लान नंबर या IMEI नहीं है',
    )
    expect(await scanState(page)).toBe('scanning') // switching language did not stop the camera
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: join(SHOTS, 'ui-find-scan-hi.png'), fullPage: true })
    await page.getByRole('button', { name: 'English' }).click()

    // Stop turns the camera off.
    expect(await liveTracks(page)).toBe(1)
    await page.getByTestId('scan-stop').click()
    await expect.poll(() => liveTracks(page)).toBe(0)
    expect(await scanState(page)).toBe('idle')

    // Leaving the screen mid-scan turns it off too.
    await page.getByTestId('scan-start').click()
    await page.getByTestId('scan-invalid').waitFor()
    expect(await liveTracks(page)).toBe(1)
    await page.goto(`${kiosk.url}#/home`)
    await page.getByTestId('home-tiles').waitFor()
    await expect.poll(() => liveTracks(page)).toBe(0)
    expect(errors).toEqual([])
  })

  it('reads the plan number from the receipt QR code and opens its plan page', async () => {
    const { page, errors } = await findPlanWithCamera('plan.y4m')
    const started = Date.now()
    await page.getByTestId('scan-start').click()
    // A visual confirmation (no beep) with the plan number, then the plan page.
    await page.locator('[data-testid="scanner"][data-state="found"]').waitFor()
    expect(await page.getByTestId('scan-message').textContent()).toContain(
      `QR code read: ${planNumber}`,
    )
    await page.waitForURL(`**/#/plans/${encodeURIComponent(planNumber)}`)
    await expect.poll(() => page.getByTestId('plan-number').textContent()).toBe(planNumber)
    console.log(`QR scan → plan page in ${Date.now() - started} ms (jsQR, 640×480)`)
    expect(await page.getByTestId('plan-status').textContent()).toMatch(/Active/)
    // The camera is off after a successful scan.
    await expect.poll(() => liveTracks(page)).toBe(0)
    expect(errors).toEqual([])
  })
})
