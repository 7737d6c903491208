import { join, resolve } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays } from '../../shared/domain'
import { luhnCheckDigit } from '../../shared/domain/checksums'
import { formatPlanNumber } from '../../shared/domain/plan-number'
import { silentLogger } from '../../headoffice/logger'
import { dispatchDue } from '../../headoffice/notifications/dispatcher'
import { PermanentSendError, type SmsSender } from '../../headoffice/notifications/senders'
import { createConsoleUser } from '../../headoffice/services/console-users'
import { smsSink } from '../headoffice/counter-sinks'
import { fakeKiosk } from '../headoffice/fixtures'
import { count, startHeadOffice, type TestHeadOffice } from '../headoffice/harness'
import { installAxe, seriousViolations, type AxeFinding } from './support/axe'
import { launchChromium } from './support/chromium'
import { kioskRpc } from './support/kiosk-rpc'
import { demoEnrollment } from './support/kiosk-scene'
import { startKiosk, type RunningKiosk } from './support/kiosk-server'
import { SHOTS } from './support/screenshots'

// Issue 21, customer care in the console (docs/console.md#plan-story), in Chromium: a browser
// kiosk (MH01/K1) enrolls a customer and syncs to a real head office (SQLite) whose SMS gateway
// is a local sink. A customer-care person finds the plan by the customer's mobile, reads its
// story, resends the details (the dispatcher delivers them to the sink), sees the message log,
// and records a data-principal request after the ID check. A finance person has no link to
// Notifications or Data requests, and their API answers 403. Screens: console-plan-story,
// console-notifications, console-requests.

const DLT = {
  'plan-enrolled': '1107170000000000201',
  'step-down-reminder': '1107170000000000202',
  'redemption-confirmed': '1107170000000000203',
  'redemption-otp': '1107170000000000204',
}
const imei = (body14: string) => body14 + luhnCheckDigit(body14)
const MOBILE = '9822012345'

describe('console customer care in Chromium', () => {
  let ho: TestHeadOffice
  let sms: Awaited<ReturnType<typeof smsSink>>
  let kiosk: RunningKiosk
  let browser: Browser
  let planNumber = ''
  let redeemedPlan = ''
  const contexts: BrowserContext[] = []
  const errors: string[] = []
  const findings: Record<string, AxeFinding[]> = {}
  const carePassword = 'customer-care-pass-7'
  const financePassword = 'finance-pass-0042'
  const opsPassword = 'operations-pass-77'

  const dispatch = (sender: SmsSender) =>
    dispatchDue({ ds: ho.ds, sms: sender, email: null, clock: Date.now, logger: silentLogger })

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'en-IN',
    })
    contexts.push(context)
    await installAxe(context)
    const page = await context.newPage()
    page.setDefaultTimeout(15_000)
    page.on('pageerror', (e) => errors.push(String(e)))
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text())
    })
    return page
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.waitForLoadState('networkidle')
    const found = await seriousViolations(page)
    if (found.length) findings[name] = found
    await page.screenshot({ path: join(SHOTS, `console-${name}.png`), fullPage: true })
  }

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto(`${ho.url}/console/sign-in`)
    await page.getByLabel('E-mail').fill(email)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Sign in' }).click()
  }

  beforeAll(async () => {
    sms = await smsSink()
    ho = await startHeadOffice('sqlite', {
      consoleDir: resolve('out/console'),
      smsTemplateIds: DLT,
    })
    // The kiosk signs with the real clock: head office reads the same one.
    Object.defineProperty(ho.now, 'value', { get: Date.now, set: () => {}, configurable: true })
    for (const [email, role, password] of [
      ['care@brand.example', 'customer-care', carePassword],
      ['fin@brand.example', 'finance', financePassword],
      ['ops@brand.example', 'operations', opsPassword],
    ] as const) {
      await createConsoleUser(ho.ds, { email, role, actor: 'command line', password }, Date.now())
    }

    // A real kiosk enrolls the customer and pushes the plan to head office.
    kiosk = await startKiosk()
    const rpc = await kioskRpc(kiosk.url)
    const today = (await rpc<{ businessDate: string }>('app.info', {})).businessDate
    await rpc('staff.signIn', { staffCode: 'M1', pin: '3333' })
    await rpc('sync.configure', { headOfficeUrl: ho.url, secret: await ho.register('MH01', 'K1') })
    await rpc('staff.signIn', { staffCode: 'C1', pin: '1111' })
    const enrolled = await rpc<{ plan: { planNumber: string } }>(
      'enrollment.create',
      demoEnrollment({
        imeis: [imei('86300000000001'), imei('86300000000002')],
        today,
        invoiceNumber: 'MH01-POS/7781',
        customer: { name: 'Meera Iyer', mobile: MOBILE, idType: 'pan', idNumber: 'ABCPE1234F' },
      }),
    )
    planNumber = enrolled.plan.planNumber
    await rpc('staff.signIn', { staffCode: 'M1', pin: '3333' })
    await rpc('sync.now', {})
    expect(await count(ho.ds, 'ho_plan', 'plan_number = ?', [planNumber])).toBe(1)
    // The enrollment's own SMS: the gateway refuses it for good, quoting the number.
    const refusing: SmsSender = {
      send: async (m) => {
        throw new PermanentSendError(`Operator scrubbing rejected 91${m.to}`)
      },
    }
    await dispatch(refusing)

    // Another store's customer asked there, five weeks ago, to see their data: overdue now.
    const other = fakeKiosk('MH02', 'K1')
    const old = other.enroll({
      purchaseDate: addDays(today, -150),
      name: 'Kabir Shah',
      mobile: '9833300011',
      email: null,
      notify: false,
      planNumber: formatPlanNumber('MH02', 'K1', 41),
    })
    const otherHttp = ho.client('MH02', 'K1', await ho.register('MH02', 'K1'))
    const asked = other.privacy(old.payload.planNumber, 'access', addDays(today, -35))
    // …and upgraded there two days ago; a second store redeemed the same plan the next day.
    const upgrade = other.redeem(old, addDays(today, -2), { newPricePaise: 1_999_900 })
    const sent = await otherHttp.push([old, asked, upgrade])
    expect(sent.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied'])
    const third = fakeKiosk('MS01', 'K2')
    const thirdHttp = ho.client('MS01', 'K2', await ho.register('MS01', 'K2'))
    await thirdHttp.push([third.redeem(old, addDays(today, -1), { newPricePaise: 1_999_900 })])
    redeemedPlan = old.payload.planNumber
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    for (const c of contexts) await c.close()
    await browser?.close()
    await kiosk?.stop()
    await ho?.close()
    await sms?.close()
  })

  it("customer care finds the kiosk's plan, reads its story and resends its details to the number on record", async () => {
    const page = await newPage()
    await signIn(page, 'care@brand.example', carePassword)
    await page.getByRole('heading', { name: 'Plans' }).waitFor()
    const nav = page.getByRole('navigation', { name: 'Screens' })
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Plans',
      'Notifications',
      'Data requests',
    ])
    await page.getByLabel('Plan number, IMEI or mobile').fill(MOBILE)
    await page.getByRole('button', { name: 'Search' }).click()
    await expect.poll(() => page.locator('table.plans tbody tr').count()).toBe(1)
    await page.getByRole('link', { name: planNumber }).click()
    await page.getByRole('heading', { name: `Plan ${planNumber}` }).waitFor()

    const body = () => page.locator('main').textContent()
    await expect.poll(body).toContain('XXXXXX2345')
    expect(await body()).toContain('Meera Iyer')
    expect(await body()).toContain('MH01 / K1')
    expect(await body()).toContain('Redmi Note 9 Pro')
    expect(await body()).toContain('Operator scrubbing rejected XXXXXX2345')
    expect(await body()).not.toContain(MOBILE)
    expect(await body()).not.toContain('ABCPE1234F')
    expect(await page.locator('table.timeline tbody tr').count()).toBeGreaterThan(3)

    await page.getByRole('button', { name: 'Resend plan details' }).click()
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain('Plan details queued: SMS to XXXXXX2345')
    // The notifications dispatcher sends it like any other: the gateway gets the real number.
    await dispatch(sms.sender)
    expect(sms.sent).toHaveLength(1)
    expect(sms.sent[0]).toMatchObject({ to: `91${MOBILE}`, templateId: DLT['plan-enrolled'] })
    expect(sms.sent[0]?.message).toContain(planNumber)

    await page.reload()
    await page.getByRole('heading', { name: 'Messages', exact: true }).waitFor()
    await expect.poll(() => page.getByRole('status').count()).toBe(0)
    await expect.poll(body).toContain('details resent')
    await shot(page, 'plan-story')

    await page.getByRole('link', { name: 'Notifications' }).click()
    await page.getByRole('heading', { name: 'Notifications' }).waitFor()
    await expect.poll(() => page.locator('table.notifications tbody tr').count()).toBe(2)
    const log = await page.locator('table.notifications tbody').textContent()
    expect(log).toContain(DLT['plan-enrolled'])
    expect(log).toContain('failed')
    expect(log).toContain('sent')
    expect(log).not.toContain(MOBILE)
    // Customer care reads the log; retrying is operations' (and the admin's).
    expect(await page.getByRole('button', { name: /Retry/ }).count()).toBe(0)
    await page.getByLabel('Status').selectOption('failed')
    await page.getByRole('button', { name: 'Show' }).click()
    await expect.poll(() => page.locator('table.notifications tbody tr').count()).toBe(1)
    await page.getByLabel('Status').selectOption('')
    await page.getByRole('button', { name: 'Show' }).click()
    await expect.poll(() => page.locator('table.notifications tbody tr').count()).toBe(2)
    await shot(page, 'notifications')
  })

  it("a redeemed plan's story shows the redemption, both stores' papers and the conflict; no resend", async () => {
    const page = await newPage()
    await signIn(page, 'care@brand.example', carePassword)
    await page.getByRole('heading', { name: 'Plans' }).waitFor()
    await page.goto(`${ho.url}/console/plans/${encodeURIComponent(redeemedPlan)}`)
    await page.getByRole('heading', { name: 'Redemption' }).waitFor()
    const body = await page.locator('main').textContent()
    expect(body).toContain('double-redemption')
    expect(body).toContain('MS01/K2')
    expect(body).toContain('was redeemed on')
    expect(await page.getByRole('button', { name: 'Resend plan details' }).isDisabled()).toBe(true)
    await shot(page, 'plan-story-redeemed')
  })

  it('customer care records a data-principal request once the ID checks out', async () => {
    const page = await newPage()
    await signIn(page, 'care@brand.example', carePassword)
    await page.getByRole('link', { name: 'Data requests' }).click()
    await page.getByRole('heading', { name: 'Data-principal requests' }).waitFor()
    await page.getByLabel('Request', { exact: true }).selectOption('access')
    await page.getByLabel('Plan number').fill(planNumber)
    await page.getByLabel('Received by').selectOption('phone')
    await page.getByLabel('ID last 4 (as the customer reads it)').fill('0000')
    await page.getByRole('button', { name: 'Record request' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('do not match')
    expect(await count(ho.ds, 'ho_privacy_request')).toBe(1)

    await page.getByLabel('ID last 4 (as the customer reads it)').fill('234f')
    await page.getByRole('button', { name: 'Record request' }).click()
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Request recorded')
    await expect.poll(() => page.locator('table.requests tbody tr').count()).toBe(2)
    // By due date: the store's overdue request first, marked; then the one just taken.
    const [overdue, taken] = await page.locator('table.requests tbody tr').allTextContents()
    expect(overdue).toContain('overdue')
    expect(overdue).toContain('at store MH02')
    expect(overdue).toContain('ID last 4 checked at the store')
    expect(taken).toContain(planNumber)
    expect(taken).toContain('ID last 4 matched (phone)')
    expect(taken).toContain('care@brand.example')
    expect(taken).not.toContain('overdue')
    expect(await count(ho.ds, 'ho_privacy_request', "status = 'open'")).toBe(2)
    // What head office holds about the person, masked, and which plans the request reaches.
    await page.getByRole('button', { name: 'What is held' }).nth(1).click()
    await expect.poll(() => page.locator('tr.held').textContent()).toContain('XXXXXX2345')
    const heldText = await page.locator('tr.held').textContent()
    expect(heldText).toContain(planNumber)
    expect(heldText).not.toContain(MOBILE)
    await shot(page, 'requests')

    // The store's access request answered: completed through the privacy service, audited.
    await page
      .getByLabel('What the customer is told about the access request')
      .first()
      .fill('Summary of the data held sent by post.')
    await page.getByRole('button', { name: 'Complete' }).first().click()
    await expect.poll(() => page.getByRole('status').textContent()).toContain('is completed')
    await expect.poll(() => page.locator('table.requests tbody tr:not(.held)').count()).toBe(1)
    expect(await count(ho.ds, 'ho_privacy_request', "status = 'completed'")).toBe(1)
    expect(
      await count(ho.ds, 'ho_console_audit', "action = 'privacy.complete' AND actor = ?", [
        'care@brand.example',
      ]),
    ).toBe(1)
  })

  it('operations retries the failed message from the log; the dispatcher delivers it', async () => {
    const page = await newPage()
    await signIn(page, 'ops@brand.example', opsPassword)
    await page.getByRole('link', { name: 'Notifications' }).click()
    await expect.poll(() => page.locator('table.notifications tbody tr').count()).toBe(2)
    const retry = page.getByRole('button', { name: 'Retry the sms to XXXXXX2345' })
    expect(await retry.count()).toBe(1)
    await retry.click()
    await expect.poll(() => page.getByRole('status').textContent()).toContain('queued again')
    expect(await page.getByRole('button', { name: /Retry/ }).count()).toBe(0)
    await dispatch(sms.sender)
    expect(sms.sent).toHaveLength(2)
    expect(sms.sent[1]).toMatchObject({ to: `91${MOBILE}`, templateId: DLT['plan-enrolled'] })
    await page.getByRole('button', { name: 'Show' }).click()
    await expect
      .poll(() => page.locator('table.notifications tbody').textContent())
      .not.toContain('failed')
  })

  it('finance has no link to Notifications or Data requests, and their API answers 403', async () => {
    const page = await newPage()
    await signIn(page, 'fin@brand.example', financePassword)
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
    const links = await page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('link')
      .allTextContents()
    expect(links).not.toContain('Notifications')
    expect(links).not.toContain('Data requests')
    const statuses = await page.evaluate(async () => [
      (await fetch('/console/api/notifications')).status,
      (await fetch('/console/api/privacy/requests')).status,
    ])
    expect(statuses).toEqual([403, 403])
    await page.goto(`${ho.url}/console/requests`)
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
  })

  it('has no serious accessibility findings and no page errors', () => {
    expect(findings).toEqual({})
    expect(errors).toEqual([])
  })
})
