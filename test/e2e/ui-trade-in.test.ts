import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import demoCatalog from '../../resources/catalog/demo-catalog.json'
import { todayInKolkata } from '../../shared/domain/calendar'
import { luhnCheckDigit } from '../../shared/domain/checksums'
import { startFakePrinter, type FakePrinter } from '../electron/core/printing/support/fake-printer'
import { startPartnerServer } from '../electron/core/tradein/partner-server'
import { startHeadOffice, type TestHeadOffice } from '../headoffice/harness'
import { installAxe, type AxeFinding } from './support/axe'
import { launchChromium } from './support/chromium'
import { signHandover } from './support/handover'
import { kioskRpc } from './support/kiosk-rpc'
import { DEMO_MODEL, demoEnrollment, signInOnScreen } from './support/kiosk-scene'
import { startKiosk, type RunningKiosk } from './support/kiosk-server'
import { screenShooter } from './support/screens'

// Issue 22 end to end, in Chromium against the browser-mode kiosk (store MS01) synced with a real
// head office (SQLite), a real trade-in partner on 127.0.0.1 (its quote API) and a TCP thermal
// printer sink. A phone without a plan is inspected with the checklist, graded, quoted by the
// partner, accepted with the customer's hand-over declaration; its voucher prints and pays for a
// new phone, whose enrollment is offered. Then, the partner stopped, another phone is priced
// from the catalog's offline grid (provisional), accepted; a third is not acceptable. End of day
// lists both vouchers; after sync, head office's reports show the trade-ins.
// Screens in English and Hindi: ui-trade-in-*.

const imei = (body14: string) => body14 + luhnCheckDigit(body14)
const PHONE_ONLINE = imei('86300000000001')
const PHONE_OFFLINE = imei('86300000000002')
const PHONE_WET = imei('86300000000003')
const PLAN_PHONE = imei('86300000000004')
const PHONE_REPRICED = imei('86300000000006')
const NEW_PHONE_IMEI = imei('86300000000009')
const KEY = 'partner-key-e2e'
const oldPhone = demoCatalog.models.find((m) => m.id === 'redmi-note-9-pro')!
const offlinePhone = demoCatalog.models.find((m) => m.id === 'redmi-note-9')!
const newPhone = demoCatalog.models.find((m) => m.id === 'mi-10t')!.variants[0]!

describe('trade-in for a phone without a plan, in Chromium with head office and the partner (issue 22)', () => {
  let ho: TestHeadOffice
  let partner: Awaited<ReturnType<typeof startPartnerServer>>
  let sink: FakePrinter
  let kiosk: RunningKiosk
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let today = ''
  let planNumber = ''
  const vouchers: string[] = []
  const axeFindings: Record<string, AxeFinding[]> = {}
  const errors: string[] = []
  const tid = (id: string) => page.getByTestId(id)
  const screen = screenShooter(() => page, axeFindings, 'ui-trade-in')
  /** A fresh tab is its own session (browser mode): another staff member signs in there. */
  async function signIn(code: string, pin: string) {
    if (page) await page.close()
    page = await context.newPage()
    page.setDefaultTimeout(15_000)
    page.on('pageerror', (e) => errors.push(String(e)))
    await signInOnScreen(page, kiosk.url, code, pin)
  }

  beforeAll(async () => {
    ho = await startHeadOffice('sqlite')
    // The kiosk signs with the real clock: head office reads the same one.
    Object.defineProperty(ho.now, 'value', { get: () => Date.now(), set: () => {} })
    today = todayInKolkata(Date.now)
    partner = await startPartnerServer({ apiKey: KEY, clock: Date.now })
    sink = await startFakePrinter()
    kiosk = await startKiosk({
      args: ['--store', 'MS01', '--kiosk', 'E1'],
      env: {
        TRADE_IN_PARTNER_URL: partner.url,
        TRADE_IN_PARTNER_KEY: KEY,
        TRADE_IN_PARTNER_TIMEOUT_MS: '1500',
      },
    })
    const rpc = await kioskRpc(kiosk.url)
    await rpc('staff.signIn', { staffCode: 'M1', pin: '3333' })
    await rpc('sync.configure', { headOfficeUrl: ho.url, secret: await ho.register('MS01', 'E1') })
    // A plan of this kiosk whose phone will fail its inspection (the ineligibility slip's way in).
    await rpc('staff.signIn', { staffCode: 'C1', pin: '1111' })
    const enrolled = await rpc<{ plan: { planNumber: string } }>(
      'enrollment.create',
      demoEnrollment({
        imeis: [PLAN_PHONE, imei('86300000000005')],
        today: (await rpc<{ businessDate: string }>('app.info', {})).businessDate,
        invoiceNumber: 'MS01/2026/0022',
        customer: {
          name: 'Kavya Rao',
          mobile: '9876500022',
          idType: 'pan',
          idNumber: 'ABCPK1234F',
        },
      }),
    )
    planNumber = enrolled.plan.planNumber
    await rpc('staff.signIn', { staffCode: 'M1', pin: '3333' })
    await rpc('printers.configure', {
      thermal: { host: '127.0.0.1', port: sink.port, width: '80mm' },
      system: null,
      defaultTarget: 'thermal',
    })

    browser = await launchChromium()
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-IN' })
    await installAxe(context)
  })

  afterAll(async () => {
    await browser?.close()
    await kiosk?.stop()
    await partner?.stop()
    await sink?.close()
    await ho?.close()
  })

  /** The technician's part: the phone, then the same checklist as an inspection, graded. */
  async function inspect(
    phoneImei: string,
    modelId: string,
    variantId: string,
    fails: string[],
    shots: { phone?: string; checklist?: string } = {},
  ) {
    await page.goto(`${kiosk.url}#/home`)
    await tid('tile-tradeIn').click()
    await tid('tradein-imei').fill(phoneImei)
    await tid('tradein-model').selectOption(modelId)
    await tid('tradein-variant').selectOption(variantId)
    if (shots.phone) await screen(shots.phone)
    await tid('tradein-start').click()
    await tid('inspect-progress').waitFor()
    // The IMEI item is done with the IMEI typed; the rest answered on the screen.
    expect(await tid('check-imei-matches-done').textContent()).toContain(phoneImei)
    await tid('inspect-all-pass').click()
    for (const item of fails) await tid(`check-${item}-fail`).click()
    if (shots.checklist) await screen(shots.checklist)
    await tid('tradein-grade').click()
    await tid('tradein-grade-card').waitFor()
  }

  it('from the ineligibility slip: a phone that failed its plan’s inspection is offered a trade-in, its plan’s phone known', async () => {
    await signIn('T1', '2222')
    await tid('tile-inspect').click()
    await tid('inspect-plan').fill(planNumber)
    await tid('inspect-imei').fill(PLAN_PHONE)
    await tid('inspect-start').click()
    await tid('inspect-all-pass').click()
    await tid('check-no-replaced-parts-fail').click()
    await tid('inspect-submit').click()
    await tid('inspect-verdict').waitFor()
    expect(await tid('inspect-verdict-badge').textContent()).toContain('Not eligible')
    await tid('inspect-trade-in').click()
    // The phone step comes filled in: the IMEI, and the plan's phone (no model to choose).
    expect(await tid('tradein-imei').inputValue()).toBe(PLAN_PHONE)
    expect(await tid('tradein-from-plan').textContent()).toContain(planNumber)
    await screen('from-slip')
    await tid('tradein-start').click()
    await tid('inspect-progress').waitFor()
    expect(await tid('tradein-phone').textContent()).toContain(DEMO_MODEL.name)
  })

  it('online: the phone is checked, graded B in words, and the partner quotes it; the clerk’s part is closed to the technician', async () => {
    await signIn('T1', '2222')
    await inspect(PHONE_ONLINE, oldPhone.id, oldPhone.variants[0]!.id, ['microphone'], {
      phone: 'phone',
      checklist: 'checklist',
    })
    expect(await tid('tradein-grade-words').textContent()).toContain('Grade B: Good, minor faults')
    await expect.poll(() => tid('tradein-amount').textContent()).toContain('4,500')
    expect(await tid('tradein-partner-quote').textContent()).toContain('Quoted by Cashify')
    expect(await tid('tradein-valid').textContent()).toMatch(/Valid until \d\d:\d\d [ap]m/)
    // What the partner was asked: model, variant, IMEI, grade and the checklist, with the key.
    const asked = partner.state.requests.find((r) => r.path === '/quotes')!
    expect(asked.auth).toBe(`Bearer ${KEY}`)
    expect(asked.body).toMatchObject({ imei: PHONE_ONLINE, grade: 'B' })
    // A technician grades; the clerk closes the deal with the customer.
    expect(await tid('tradein-accept').count()).toBe(0)
    expect(await tid('tradein-hand-to-clerk').count()).toBe(1)
    await screen('quote-technician')
  })

  it('the technician hands over to the clerk, who finds the trade-in at its price; the customer accepts: the hand-over is signed, the voucher is issued and prints to the thermal printer', async () => {
    // The technician hands the kiosk over; the clerk who signs in lands on the trade-in.
    await tid('tradein-hand-over').click()
    await tid('staff-C1').click()
    await page.keyboard.type('1111')
    await page.keyboard.press('Enter')
    await expect.poll(() => tid('tradein-amount').textContent()).toContain('4,500')
    expect(await tid('tradein-grade-words').textContent()).toContain('Grade B')
    await screen('quote-online')
    await tid('tradein-accept').click()
    await signHandover(page)
    expect(await tid('tradein-issue').textContent()).toContain('4,500')
    await screen('handover')
    const job = sink.nextJob()
    await tid('tradein-issue').click()
    await tid('tradein-voucher').waitFor()
    const number = (await tid('tradein-voucher-number').textContent())!.trim()
    vouchers.push(number)
    expect(await tid('tradein-voucher-amount').textContent()).toContain('4,500')
    expect(await tid('tradein-voucher-provisional').count()).toBe(0)
    // The original prints by itself once shown: the sink gets the voucher.
    const printed = await Promise.race([
      job,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000)),
    ])
    expect(printed, 'the voucher reached the thermal printer').not.toBeNull()
    const bytes = Buffer.from(printed!).toString('latin1')
    expect(bytes).toContain(number)
    await expect.poll(() => tid('print-status-trade-in-voucher').textContent()).toContain('Sent')
    await screen('voucher')
  })

  it('"Use it now": the upgrade opens with the voucher checked, skips the hand-over, and the sale offers the new phone’s enrollment', async () => {
    await tid('tradein-use-now').click()
    await tid('upgrade-voucher-result').waitFor()
    expect(await tid('upgrade-voucher').inputValue()).toBe(vouchers[0])
    expect(await tid('upgrade-voucher-amount').textContent()).toContain('4,500')
    expect(await page.getByRole('radio', { name: 'Trade-in voucher' }).isChecked()).toBe(true)
    await screen('upgrade-voucher')
    await tid('upgrade-continue').click()
    await tid('upgrade-model').selectOption(newPhone.id)
    await tid('upgrade-imei').fill(NEW_PHONE_IMEI)
    await tid('upgrade-to-payment').click()
    // No hand-over step: the old phone was handed over at the trade-in.
    await tid('upgrade-summary').waitFor()
    expect(await tid('upgrade-due').textContent()).toContain(
      ((newPhone.srpPaise - 450_000) / 100).toLocaleString('en-IN'),
    )
    await tid('upgrade-sales-invoice').fill('MS01-POS/2201')
    await screen('upgrade-payment')
    await tid('upgrade-complete').click()
    await tid('upgrade-done').waitFor()
    expect(await tid('upgrade-credit').textContent()).toContain('4,500')
    await screen('upgrade-done')
    await tid('upgrade-enroll-new').click()
    await tid('enroll-imei1').waitFor()
    expect(await tid('enroll-imei1').inputValue()).toBe(NEW_PHONE_IMEI)
    expect(await tid('enroll-model').inputValue()).toBe('mi-10t')
  })

  it('the partner pays less at confirmation: back at the price with both amounts before anything is issued; the customer declines', async () => {
    await signIn('M1', '3333')
    await inspect(PHONE_REPRICED, oldPhone.id, oldPhone.variants[0]!.id, [])
    await expect.poll(() => tid('tradein-amount').textContent()).toContain('6,000')
    partner.state.priceAtConfirm = 5_500_00
    await tid('tradein-accept').click()
    await signHandover(page)
    await tid('tradein-issue').click()
    await tid('tradein-price-changed').waitFor()
    expect(await tid('tradein-price-changed').textContent()).toContain(
      'Cashify now pays ₹5,500 instead of ₹6,000',
    )
    expect(await tid('tradein-amount').textContent()).toContain('5,500')
    expect(await tid('tradein-voucher').count()).toBe(0)
    await screen('price-changed')
    await tid('tradein-decline').click()
    await tid('tradein-declined').waitFor()
    partner.state.priceAtConfirm = null
    await tid('tradein-finish').click()
  })

  it('offline: with the partner stopped, the price comes from the catalog’s grid, marked provisional, and is accepted', async () => {
    await partner.stop()
    // The manager may do both parts (roles.ts).
    await signIn('M1', '3333')
    await inspect(PHONE_OFFLINE, offlinePhone.id, offlinePhone.variants[0]!.id, [])
    expect(await tid('tradein-grade-words').textContent()).toContain('Grade A: Like new')
    await expect.poll(() => tid('tradein-amount').textContent()).toContain('5,400')
    expect(await tid('tradein-provisional').textContent()).toBe(
      'Provisional — Cashify confirms this price on sync',
    )
    expect(await tid('tradein-partner-down').count()).toBe(1)
    await screen('quote-grid')
    await tid('tradein-accept').click()
    await signHandover(page)
    await tid('tradein-issue').click()
    await tid('tradein-voucher').waitFor()
    vouchers.push((await tid('tradein-voucher-number').textContent())!.trim())
    expect(await tid('tradein-voucher-provisional').count()).toBe(1)
    await tid('tradein-done').click()
  })

  it('a phone already traded in is refused at the phone step, under its IMEI, before any checklist', async () => {
    await page.goto(`${kiosk.url}#/home`)
    await tid('tile-tradeIn').click()
    await tid('tradein-imei').fill(PHONE_ONLINE)
    await tid('tradein-model').selectOption(oldPhone.id)
    await tid('tradein-variant').selectOption(oldPhone.variants[0]!.id)
    await tid('tradein-start').click()
    await expect
      .poll(() => tid('tradein-imei-error').textContent())
      .toContain('already been traded in')
    expect(await tid('inspect-progress').count()).toBe(0)
    await screen('already-traded')
  })

  it('a phone with liquid damage is not acceptable, and the screen says why', async () => {
    await inspect(PHONE_WET, offlinePhone.id, offlinePhone.variants[0]!.id, ['no-liquid-damage'])
    expect(await tid('tradein-not-acceptable').textContent()).toBe('Not acceptable')
    expect(await tid('tradein-reasons').textContent()).toMatch(/liquid damage/i)
    expect(await tid('tradein-quote').count()).toBe(0)
    await screen('not-acceptable')
    await tid('tradein-finish').click()
  })

  it('the Old phones pickup lists both traded-in phones, with the partner’s reference or "confirmation pending"', async () => {
    await page.goto(`${kiosk.url}#/devices`)
    await tid('devices-waiting').waitFor()
    expect(await tid(`device-${PHONE_ONLINE}`).textContent()).toContain('Trade-in')
    // Confirmed by the partner at accept: its reference goes with the phone.
    expect(await tid(`device-partner-${PHONE_ONLINE}`).textContent()).toMatch(/CF-Q-/)
    // Priced from the grid with the partner down: confirmed on sync.
    expect(await tid(`device-partner-${PHONE_OFFLINE}`).textContent()).toContain(
      'confirmation pending',
    )
    await screen('old-phones')
  })

  it('end of day lists both trade-ins apart from plan redemptions, the grid one provisional', async () => {
    await page.goto(`${kiosk.url}#/end-of-day`)
    await tid('eod-trade-ins').waitFor()
    const rows = await tid('eod-trade-in-vouchers').locator('tbody tr').allTextContents()
    expect(rows.length).toBe(2)
    for (const v of vouchers) expect(rows.join('\n')).toContain(v)
    expect(await tid('eod-trade-ins-accepted').textContent()).toContain('2')
    expect(await tid('eod-trade-ins-provisional').textContent()).toContain('5,400')
    await tid('eod-trade-ins').scrollIntoViewIfNeeded()
    await screen('end-of-day')
  })

  it('after sync, head office’s reports show the trade-ins apart from plan redemptions', async () => {
    const rpc = await kioskRpc(kiosk.url)
    await rpc('staff.signIn', { staffCode: 'M1', pin: '3333' })
    await rpc('sync.now', {})
    const activity = await ho.admin('GET', `/admin/reports/activity?from=${today}&to=${today}`)
    expect(activity.status).toBe(200)
    const line = (activity.json.data as Array<Record<string, unknown>>).find(
      (l) => l.storeCode === 'MS01',
    )!
    // Two vouchers issued (₹4,500 partner-quoted, ₹5,400 from the grid), one used against the
    // new phone; no plan redemption; head office's own re-check flagged neither.
    expect(line).toMatchObject({
      day: today,
      redemptions: 0,
      creditPaise: 0,
      tradeIns: 2,
      tradeInPaise: 450_000 + 540_000,
      tradeInsFlagged: 0,
      vouchersUsed: 1,
      voucherCreditPaise: 450_000,
    })
    // The voucher not used yet is a liability of its own, apart from every plan band.
    const liability = await ho.admin('GET', `/admin/reports/liability?asOf=${today}`)
    const vouchersOpen = (liability.json.data as Array<Record<string, unknown>>).filter(
      (l) => l.band === 'trade-in voucher',
    )
    expect(vouchersOpen).toEqual([
      {
        band: 'trade-in voucher',
        purchaseMonth: today.slice(0, 7),
        plans: 1,
        liabilityPaise: 540_000,
      },
    ])
  })

  it('no page errors and no serious accessibility findings', () => {
    expect(errors).toEqual([])
    expect(axeFindings).toEqual({})
  })
})
