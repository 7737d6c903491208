import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import demoCatalog from '../../resources/catalog/demo-catalog.json'
import { addMonths } from '../../shared/domain/calendar'
import { luhnCheckDigit, verhoeffCheckDigit } from '../../shared/domain/checksums'
import { formatRupees, percentOf } from '../../shared/domain/money'
import { installAxe, seriousViolations, type AxeFinding } from './support/axe'
import { launchChromium } from './support/chromium'
import { kioskRpc } from './support/kiosk-rpc'
import { demoEnrollment, DEMO_MODEL, DEMO_VARIANT, signInOnScreen } from './support/kiosk-scene'
import { startKiosk, type RunningKiosk } from './support/kiosk-server'
import { screenShooter } from './support/screens'
import { SHOTS } from './support/screenshots'
import { signHandover } from './support/handover'

// The whole counter, in Chromium against the browser-mode kiosk in training mode: a clerk
// enrolls, finds and upgrades; a technician inspects; a manager cancels; the business date moves
// 5 months with the training date control. Every screen is checked with axe-core and saved as a
// screenshot in English and Hindi (ui-<screen>-<lang>.png; where: support/screenshots.ts).

const model = DEMO_MODEL
const variant = DEMO_VARIANT
const imei = (body14: string) => body14 + luhnCheckDigit(body14)
const aadhaar = (body11: string) => body11 + verhoeffCheckDigit(body11)

const IMEI_A1 = imei('86000000000001')
const IMEI_A2 = imei('86000000000002')
const IMEI_B = imei('86000000000003')
const IMEI_B2 = imei('86000000000013')
const IMEI_C = imei('86000000000004')
const IMEI_C2 = imei('86000000000014')
const IMEI_NEW = imei('86000000000009')
const MOBILE_A = '9876543210'

describe('kiosk screens in Chromium (browser mode, training)', () => {
  let kiosk: RunningKiosk
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let today = ''
  let planA = ''
  let planB = ''
  let planC = ''
  const errors: string[] = []
  const axeFindings: Record<string, AxeFinding[]> = {}

  const tid = (id: string) => page.getByTestId(id)

  const screen = screenShooter(() => page, axeFindings)

  const signIn = (code: string, pin: string) => signInOnScreen(page, kiosk.url, code, pin)

  async function signOut() {
    await tid('sign-out').click()
    await tid('staff-C1').waitFor()
  }

  beforeAll(async () => {
    kiosk = await startKiosk({ training: true })
    browser = await launchChromium()
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-IN' })
    await installAxe(context)
    page = await context.newPage()
    page.setDefaultTimeout(10_000)
    page.on('pageerror', (e) => errors.push(String(e)))
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text())
    })
    // Plans B and C are made through the bridge directly: only plan A's enrollment is the subject.
    const rpc = await kioskRpc(kiosk.url)
    const info = await rpc<{ businessDate: string }>('app.info', {})
    today = info.businessDate
    await rpc('staff.signIn', { staffCode: 'C1', pin: '1111' })
    const enroll = async (imeiX: string, imeiY: string, mobile: string) =>
      (
        await rpc<{ plan: { planNumber: string } }>(
          'enrollment.create',
          demoEnrollment({
            imeis: [imeiX, imeiY],
            today,
            invoiceNumber: `INV-${imeiX.slice(-4)}`,
            customer: { name: 'Test Customer', mobile, idType: 'pan', idNumber: 'ABCPE1234F' },
          }),
        )
      ).plan.planNumber
    planB = await enroll(IMEI_B, IMEI_B2, '9123456780')
    planC = await enroll(IMEI_C, IMEI_C2, '9123456781')
  })

  afterAll(async () => {
    await browser?.close()
    await kiosk?.stop()
  })

  it('sign-in shows staff tiles and a PIN pad; a wrong PIN is refused in place', async () => {
    await page.goto(kiosk.url)
    await tid('staff-C1').waitFor()
    await expect
      .poll(() => tid('training-banner').textContent())
      .toContain('TRAINING — NOT A VALID DOCUMENT')
    await screen('signin')
    await tid('staff-C1').click()
    await page.keyboard.type('9999')
    await tid('pin-submit').click()
    await expect.poll(() => tid('pin-error').textContent()).toMatch(/Wrong PIN/)
    await screen('signin-pin')
  })

  it('a clerk sees only clerk tiles and cannot open cancellation', async () => {
    await signIn('C1', '1111')
    const tiles = await page
      .locator('[data-testid^="tile-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))
    expect(tiles).toEqual([
      'tile-enroll',
      'tile-find',
      'tile-upgrade',
      'tile-tradeIn',
      'tile-quote',
    ])
    expect(await tid('header-staff').textContent()).toContain('Asha Clerk')
    await screen('home-clerk')
    await page.goto(`${kiosk.url}#/cancel`)
    await tid('home-denied').waitFor()
    expect(page.url()).toContain('#/home')
  })

  it('a clerk enrolls a Redmi Note 9 Pro through the wizard (one plan even on a double tap)', async () => {
    await tid('tile-enroll').click()
    await tid('enroll-model').selectOption(model.id)
    await tid('enroll-variant').selectOption(variant.id)
    await tid('enroll-imei1').fill(IMEI_A1.slice(0, 14) + ((Number(IMEI_A1[14]) + 1) % 10))
    await expect.poll(() => tid('enroll-imei1-error').textContent()).toContain('IMEI')
    await tid('enroll-imei1').fill(IMEI_A1)
    await tid('enroll-imei2').fill(IMEI_A2)
    await tid('enroll-invoice').fill('MH01/2026/0042')
    await tid('enroll-invoice-date').fill(today)
    await tid('enroll-store').selectOption('MH01')
    await tid('enroll-price').fill(String(variant.srpPaise / 100))
    await screen('enroll-phone')
    await tid('enroll-next').click()

    await tid('enroll-name').fill('Priya Sharma')
    await tid('enroll-mobile').fill(MOBILE_A)
    await tid('enroll-email').fill('priya.sharma@example.in')
    await tid('enroll-id-number').fill(aadhaar('23456789012'))
    await expect.poll(() => tid('enroll-id-masked').textContent()).toMatch(/XXXX XXXX \d{4}/)
    await tid('enroll-next').click()
    // Consent is required: the step stays, with the message next to the box.
    expect(await tid('enroll-step-title').textContent()).toContain('Customer')
    await tid('enroll-consent-data').check()
    await screen('enroll-customer')
    // A business purchase (issue 16): its GSTIN is checked on this step, before the payment.
    await tid('enroll-business').check()
    await tid('enroll-business-gstin').fill('27AAACR5055K1Z8')
    await tid('enroll-business-name').fill('Reliance Industries Limited')
    await tid('enroll-business-address').fill('Maker Chambers IV, Nariman Point, Mumbai 400021')
    await tid('enroll-next').click()
    await expect.poll(() => tid('enroll-business-gstin-error').textContent()).toContain('GSTIN')
    expect(await tid('enroll-step-title').textContent()).toContain('Customer')
    await screen('enroll-business-error')
    await tid('enroll-business-gstin').fill('27aaacr5055k1z7')
    await expect
      .poll(() => page.locator('#enroll-business-gstin-msg').textContent())
      .toContain('Maharashtra (27)')
    await screen('enroll-business')
    await tid('enroll-next').click()

    await tid('review-fee-total').waitFor()
    expect(await tid('review-fee-total').textContent()).toBe(formatRupees(model.feePaise))
    // Supplied to a Maharashtra business from a Karnataka store: IGST at the full rate.
    expect(await tid('review-place-of-supply').textContent()).toContain('Maharashtra (27)')
    await tid('review-fee-igst').waitFor()
    expect(await tid('review-fee-cgst').count()).toBe(0)
    expect(await tid('review-id').textContent()).toMatch(/^XXXX XXXX \d{4}$/)
    await screen('enroll-review')
    // Back and forward keeps what was typed.
    await tid('enroll-back').click()
    expect(await tid('enroll-name').inputValue()).toBe('Priya Sharma')
    await tid('enroll-next').click()
    await tid('enroll-next').click()

    await tid('enroll-pay-method-upi').check()
    await tid('enroll-submit').click()
    await expect.poll(() => tid('enroll-pay-reference-error').textContent()).toContain('reference')
    await tid('enroll-pay-reference').fill('UPI123456789')
    await screen('enroll-payment')
    await tid('enroll-submit').dblclick()
    await tid('enroll-done').waitFor()
    planA = (await tid('enroll-plan-number').textContent())!.trim()
    expect(planA).toMatch(/^TRN-/)
    // The print status arrives with the printer list: waited for, not read at once.
    await expect.poll(() => tid('print-status-enrollment').textContent()).not.toBe('')
    await screen('enroll-done')
  })

  it('finds the plan by IMEI and by mobile, and shows the plan page', async () => {
    await page.goto(`${kiosk.url}#/find`)
    await tid('find-query').fill(IMEI_A2)
    await tid('find-submit').click()
    await tid('find-results').waitFor()
    expect(await page.locator('[data-testid="find-results"] > li').count()).toBe(1)
    expect(await tid('find-results').textContent()).toContain(planA)
    await screen('find')
    await tid('find-query').fill(MOBILE_A)
    await tid('find-by-mobile').check()
    await tid('find-submit').click()
    await expect.poll(() => tid('find-results').textContent()).toContain(planA)
    // The double tap made one plan only.
    expect(await page.locator('[data-testid="find-results"] > li').count()).toBe(1)
    await tid('find-query').fill('MH01-K1-9999999-X')
    await tid('find-by-planNumber').check()
    await tid('find-submit').click()
    await expect
      .poll(async () => (await tid('find-error').count()) + (await tid('find-empty').count()))
      .toBeGreaterThan(0)
    await tid('find-query').fill(planA)
    await tid('find-submit').click()
    await tid(`find-open-${planA}`).click()
    await tid('plan-status').waitFor()
    expect(await tid('plan-status').textContent()).toContain('Active')
    expect(await tid('plan-actions').textContent()).not.toContain('Cancel')
    await screen('plan')
  })

  it('the quote screen and the lock screen', async () => {
    await page.goto(`${kiosk.url}#/quote`)
    await page.getByTestId('quote-model').selectOption(model.id)
    await page.getByTestId('quote-variant').selectOption(variant.id)
    await page.getByTestId('quote-date').fill(addMonths(today, -5))
    await page.getByRole('button', { name: 'Show value' }).click()
    await tid('quote-result').waitFor()
    await screen('quote')
    await tid('lock-now').click()
    await tid('lock-screen').waitFor()
    await screen('lock')
    // Digits typed anywhere go to the pad (focus is still on the language button here).
    await page.keyboard.type('1111')
    await tid('pin-submit').click()
    await expect.poll(() => tid('lock-screen').count()).toBe(0)
    await signOut()
  })

  it('a manager cancels a plan inside the cooling-off window, and sees end of day, sync, settings', async () => {
    await signIn('M1', '3333')
    await screen('home-manager')
    await page.goto(`${kiosk.url}#/cancel/${encodeURIComponent(planC)}`)
    await tid('cancel-reason').waitFor()
    expect(await tid('cancel-window').textContent()).toContain('refunded')
    await tid('cancel-submit').click()
    await tid('confirm-ok').click()
    await expect.poll(() => page.locator('#cancel-reason-error').textContent()).toContain('reason')
    await tid('cancel-reason').fill('Customer changed their mind')
    await screen('cancel')
    // The dialog is modal (the header's language buttons are behind it): one shot per language.
    for (const [lang, button] of [
      ['hi', 'हिन्दी'],
      ['en', 'English'],
    ] as const) {
      await tid('cancel-submit').click()
      await tid('confirm-dialog').waitFor()
      expect(await seriousViolations(page)).toEqual([])
      await page.screenshot({
        path: join(SHOTS, `ui-cancel-confirm-${lang === 'hi' ? 'en' : 'hi'}.png`),
        fullPage: true,
      })
      await tid('confirm-cancel').click()
      await page.getByRole('button', { name: button }).click()
    }
    await tid('cancel-submit').click()
    await tid('confirm-ok').click()
    await tid('cancel-done').waitFor()
    expect(await tid('cancel-refund').textContent()).toContain(formatRupees(model.feePaise))
    await screen('cancel-done')

    await page.goto(`${kiosk.url}#/end-of-day`)
    await tid('eod-report').waitFor()
    expect(await tid('eod-enrollments').textContent()).toMatch(/^3 /)
    await screen('end-of-day')
    await page.goto(`${kiosk.url}#/sync`)
    await tid('sync-panel').waitFor()
    await screen('sync')
    await page.goto(`${kiosk.url}#/settings`)
    await tid('settings-identity').waitFor()
    await screen('settings')

    // Five months later (training only): the redemption window is open.
    await tid('training-date').fill(addMonths(today, 5))
    await tid('training-date-set').click()
    await expect.poll(() => tid('training-banner').textContent()).toMatch(/Business date is now/)
    await signOut()
  })

  it('a technician passes the checklist for plan A and fails "replaced parts" for plan B', async () => {
    await signIn('T1', '2222')
    const tiles = await page
      .locator('[data-testid^="tile-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))
    expect(tiles).toEqual(['tile-find', 'tile-inspect', 'tile-tradeIn', 'tile-quote'])
    await screen('home-technician')
    await tid('tile-inspect').click()
    await tid('inspect-plan').fill(planA)
    await tid('inspect-imei').fill(IMEI_A1)
    await screen('inspect-start')
    await tid('inspect-start').click()
    await tid('inspect-progress').waitFor()
    // The IMEI item is done already, with the IMEI typed to open the checklist (issue 15).
    expect(await tid('check-imei-matches-done').textContent()).toContain(IMEI_A1)
    // Compact rows in two columns: the whole checklist page fits two screens at 1280×800.
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(
      2 * 800,
    )
    await tid('check-powers-on-pass').click()
    await screen('inspect-checklist')
    // "All pass", then nothing to flip: a phone that passes takes two taps here.
    await tid('inspect-all-pass').click()
    expect(await tid('inspect-progress').textContent()).toMatch(/(\d+) of \1 required/)
    await screen('inspect-checklist-all-pass')
    await tid('inspect-submit').click()
    await tid('inspect-verdict').waitFor()
    expect(await tid('inspect-verdict-badge').textContent()).toContain('Eligible')
    await screen('inspect-verdict')

    await page.goto(`${kiosk.url}#/inspect/${encodeURIComponent(planB)}`)
    // Opened from the plan: the IMEI field waits for the scan; Enter starts the checklist.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('inspect-imei')
    await page.keyboard.type(IMEI_B)
    await page.keyboard.press('Enter')
    await tid('inspect-progress').waitFor()
    await tid('inspect-all-pass').click()
    await tid('check-no-replaced-parts-fail').click()
    await tid('check-no-replaced-parts-note').fill('Screen is not original')
    await tid('inspect-submit').click()
    await tid('inspect-verdict').waitFor()
    expect(await tid('inspect-verdict-badge').textContent()).toContain('Not eligible')
    expect(await tid('inspect-failed-required').textContent()).toContain('No replaced parts')
    await screen('inspect-ineligible')
    await signOut()
  })

  it('the clerk completes the upgrade: credit is 70% of the SRP; plan B shows why it is ineligible', async () => {
    await signIn('C1', '1111')
    await tid('tile-upgrade').click()
    await tid('upgrade-plan').fill(planA)
    await tid('upgrade-mobile').fill(MOBILE_A)
    await tid('upgrade-check').click()
    await tid('upgrade-check-result').waitFor()
    expect(await tid('plan-percent').textContent()).toBe('70%')
    await screen('upgrade-check')
    await tid('upgrade-continue').click()
    const newPhone = demoCatalog.models.find((m) => m.name === 'Mi 10T')!.variants[1]!
    await tid('upgrade-model').selectOption(newPhone.id)
    await tid('upgrade-imei').fill(IMEI_NEW)
    await screen('upgrade-device')
    await tid('upgrade-to-payment').click()
    // The customer's signed hand-over declaration (issue 17). Training never reaches head
    // office, so no code can be texted: the clerk checks the ID instead.
    expect(await tid('handover-next').isDisabled()).toBe(true)
    await signHandover(page)
    await tid('otp-send').click()
    await tid('otp-unavailable').waitFor()
    await tid('handover-id-check').check()
    await screen('upgrade-handover')
    await tid('handover-next').click()
    const credit = formatRupees(percentOf(variant.srpPaise, 70))
    expect(await tid('upgrade-credit-preview').textContent()).toContain(credit)
    await tid('upgrade-sales-invoice').fill('MH01-POS/90412')
    await screen('upgrade-payment')
    await tid('upgrade-complete').click()
    await tid('upgrade-done').waitFor()
    expect(await tid('upgrade-credit').textContent()).toBe(credit)
    expect(await tid('upgrade-paid').textContent()).toBe(
      formatRupees(newPhone.srpPaise - percentOf(variant.srpPaise, 70)),
    )
    await screen('upgrade-done')
    await tid('upgrade-enroll-new').click()
    expect(await tid('enroll-imei1').inputValue()).toBe(IMEI_NEW)

    await page.goto(`${kiosk.url}#/upgrade/${encodeURIComponent(planB)}`)
    if (await tid('confirm-dialog').count()) await tid('confirm-ok').click()
    await tid('upgrade-mobile').fill('9123456780')
    await tid('upgrade-check').click()
    await tid('upgrade-ineligible').waitFor()
    await expect
      .poll(() => tid('upgrade-failed-items').textContent())
      .toContain('No replaced parts')
    expect(await tid('upgrade-continue').isDisabled()).toBe(true)
    await screen('upgrade-ineligible')
  })

  it('the manager hands the traded-in phone to logistics, then checks the audit chain', async () => {
    await signOut()
    await signIn('M1', '3333')
    // The phone plan A's upgrade took in waits for the brand's pickup.
    await tid('tile-devices').click()
    await tid('devices-waiting').waitFor()
    const waiting = tid(`device-${IMEI_A1}`)
    expect(await waiting.textContent()).toContain(planA)
    expect(await waiting.textContent()).toContain(formatRupees(percentOf(variant.srpPaise, 70)))
    await tid(`device-select-${IMEI_A1}`).check()
    await tid('devices-reference').fill('BLUEDART-7781234')
    await screen('devices')
    await tid('devices-collect').click()
    await tid('confirm-dialog').waitFor()
    expect(await tid('confirm-dialog').textContent()).toContain('Mark 1 phone as collected?')
    await tid('confirm-ok').click()
    await tid('devices-done').waitFor()
    await tid('devices-empty').waitFor()
    const collected = tid(`collected-${IMEI_A1}`)
    expect(await collected.textContent()).toContain(planA)
    expect(await collected.textContent()).toContain('BLUEDART-7781234')
    await screen('devices-collected')

    await page.goto(`${kiosk.url}#/home`)
    await tid('tile-audit').click()
    await tid('audit-entries').waitFor()
    // Newest first: the pickup just recorded heads the log.
    const first = page.locator('[data-testid="audit-entries"] tbody tr').first()
    expect(await first.textContent()).toContain('Old phones handed over')
    expect(await first.textContent()).toContain('BLUEDART-7781234')
    expect(await page.locator('[data-testid="audit-entries"] tbody tr').count()).toBeGreaterThan(10)
    await tid('audit-verify').click()
    await expect
      .poll(() => tid('audit-verdict').textContent())
      .toMatch(/All \d+ entries are intact/)
    await screen('audit')
    // Back to the clerk, whose session the next test's screens expect.
    await signOut()
    await signIn('C1', '1111')
  })

  it('keeps its layout on a 1920×1080 screen', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 })
    for (const path of ['/home', `/plans/${encodeURIComponent(planA)}`, '/enroll', '/find']) {
      await page.goto(`${kiosk.url}#${path}`)
      await page.locator('main h1').waitFor()
      await page.waitForLoadState('networkidle')
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
        path,
      ).toBe(true)
    }
    await page.goto(`${kiosk.url}#/plans/${encodeURIComponent(planA)}`)
    await tid('plan-status').waitFor()
    await page.screenshot({ path: join(SHOTS, 'ui-plan-1920-en.png') })
    await page.setViewportSize({ width: 1280, height: 800 })
  })

  it('had no serious or critical accessibility findings, page errors or CSP violations', () => {
    expect(axeFindings).toEqual({})
    expect(errors).toEqual([])
  })
})
