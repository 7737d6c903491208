import type { Browser, Locator, Page } from 'playwright-core'
import demoCatalog from '../../resources/catalog/demo-catalog.json'
import { luhnCheckDigit, verhoeffCheckDigit } from '../../shared/domain/checksums'
import type { BenchResult } from './run'

// The clerk's hands (issue 15), counted on the real UI in Chromium against the browser-mode kiosk.
//
// A same-day B2C enrollment of a dual-SIM phone paid by UPI, with a barcode scanner:
// - a tap is a pointer click on the screen, from the Home tile to the Done screen inclusive;
//   choosing from a drop-down by pointer is two taps (open it, pick the option);
// - a typed field is a field the clerk types into by hand;
// - a scan is keyboard input ending in Enter (what a USB/Bluetooth scanner sends) and counts as
//   neither, and so does Enter after typing (the keyboard, not the screen).
// The kiosk is fresh: this is the day's first payment, so the payment method starts at cash and
// UPI is a tap (with earlier UPI payments that day it starts at UPI: one tap fewer).
// Consent to the privacy notice is a tap. OTP is not offered at enrollment.
//
// The inspection of a phone that passes is counted from "Inspect" on the plan page to the verdict.

const model = demoCatalog.models.find((m) => m.name === 'Redmi Note 9 Pro' && m.dualSim)!
const variant = model.variants[0]!
const imei = (body14: string) => body14 + luhnCheckDigit(body14)

interface Hands {
  taps: number
  typed: number
}

function counter(page: Page) {
  const hands: Hands = { taps: 0, typed: 0 }
  return {
    hands,
    async tap(target: Locator) {
      hands.taps++
      await target.click()
    },
    /** A native drop-down chosen by pointer: open it, pick the option. */
    async choose(target: Locator, value: string) {
      hands.taps += 2
      await target.selectOption(value)
    },
    /** The clerk types into the focused field by hand (then Enter, a key). */
    async type(text: string) {
      hands.typed++
      await page.keyboard.type(text)
      await page.keyboard.press('Enter')
    },
    /** A barcode scanner: the code's keys, then Enter. */
    async scan(code: string) {
      await page.keyboard.type(code)
      await page.keyboard.press('Enter')
    },
  }
}

// Source text, not a function (as in ui.ts): this file is type-checked without the DOM library.
const focused = async (page: Page) =>
  String(await page.evaluate("document.activeElement?.getAttribute('data-testid') ?? ''"))

async function expectFocus(page: Page, testid: string) {
  for (let i = 0; i < 100 && (await focused(page)) !== testid; i++) await page.waitForTimeout(20)
  if ((await focused(page)) !== testid)
    throw new Error(`expected the focus on ${testid}, it is on ${await focused(page)}`)
}

async function signIn(page: Page, url: string, code: string, pin: string) {
  await page.goto(`${url}#/signin`)
  await page.getByTestId(`staff-${code}`).click()
  await page.keyboard.type(pin)
  await page.keyboard.press('Enter')
  await page.getByTestId('home-tiles').waitFor()
}

/** One enrollment as counted above; returns the plan number and the IMEI. */
async function enroll(page: Page, url: string, n: number) {
  await signIn(page, url, 'C1', '1111')
  const c = counter(page)
  const imei1 = imei(`8600000000${String(4000 + n * 2).padStart(4, '0')}`)
  const imei2 = imei(`8600000000${String(4001 + n * 2).padStart(4, '0')}`)
  await c.tap(page.getByTestId('tile-enroll'))
  await expectFocus(page, 'enroll-imei1')
  await c.scan(`IMEI1:${imei1} IMEI2:${imei2}`) // the box label
  await expectFocus(page, 'enroll-invoice')
  await c.scan(`MH01/2026/${String(100 + n)}`) // the invoice's bar code
  await c.choose(page.getByTestId('enroll-model'), model.id)
  await c.choose(page.getByTestId('enroll-variant'), variant.id)
  // Purchase date, store and price paid are already right (today, this store, the SRP).
  await c.tap(page.getByTestId('enroll-next'))
  await expectFocus(page, 'enroll-name')
  await c.type('Priya Sharma')
  await c.type('9876543210')
  await c.type('23456789012' + verhoeffCheckDigit('23456789012'))
  await c.tap(page.getByTestId('enroll-consent-data'))
  await c.tap(page.getByTestId('enroll-next'))
  await page.getByTestId('review-fee-total').waitFor()
  await c.tap(page.getByTestId('enroll-next'))
  await c.tap(page.getByTestId('enroll-pay-method-upi'))
  await expectFocus(page, 'enroll-pay-reference')
  await c.type('UPI4455667788')
  await c.tap(page.getByTestId('enroll-submit'))
  await page.getByTestId('enroll-done').waitFor()
  const planNumber = (await page.getByTestId('enroll-plan-number').textContent())!.trim()
  await page.getByTestId('sign-out').click()
  await page.getByTestId('staff-T1').waitFor()
  return { hands: c.hands, planNumber, imei1 }
}

/** The technician inspects a phone that passes, from the plan page's "Inspect" to the verdict. */
async function inspect(page: Page, url: string, planNumber: string, imei1: string) {
  await signIn(page, url, 'T1', '2222')
  await page.goto(`${url}#/plans/${encodeURIComponent(planNumber)}`)
  const c = counter(page)
  await c.tap(page.getByTestId('action-inspect'))
  await expectFocus(page, 'inspect-imei')
  await c.scan(imei1) // the IMEI bar code *#06# shows
  await page.getByTestId('inspect-all-pass').waitFor()
  await c.tap(page.getByTestId('inspect-all-pass'))
  await c.tap(page.getByTestId('inspect-submit'))
  await page.getByTestId('inspect-verdict').waitFor()
  const verdict = await page.getByTestId('inspect-verdict-badge').textContent()
  if (!verdict?.includes('Eligible')) throw new Error(`the phone did not pass: ${verdict}`)
  await page.getByTestId('sign-out').click()
  await page.getByTestId('staff-C1').waitFor()
  return c.hands
}

/** ui.enroll_taps, ui.enroll_typed_fields and ui.inspect_pass_taps on a fresh training kiosk. */
export async function clerkHands(browser: Browser, url: string): Promise<BenchResult[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  try {
    const enrolled = await enroll(page, url, 1)
    const inspected = await inspect(page, url, enrolled.planNumber, enrolled.imei1)
    return [
      { metric: 'ui.enroll_taps', value: enrolled.hands.taps, unit: 'taps', target: '<= 12' },
      {
        metric: 'ui.enroll_typed_fields',
        value: enrolled.hands.typed,
        unit: 'fields',
        target: '<= 5',
      },
      { metric: 'ui.inspect_pass_taps', value: inspected.taps, unit: 'taps', target: '<= 6' },
    ]
  } finally {
    await context.close()
  }
}
