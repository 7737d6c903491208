import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parse } from 'csv-parse/sync'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, addMonths, todayInKolkata } from '../../shared/domain'
import { createConsoleUser } from '../../headoffice/services/console-users'
import { fakeKiosk, type AnyEvent } from '../headoffice/fixtures'
import { startHeadOffice, type TestHeadOffice } from '../headoffice/harness'
import { installAxe, seriousViolations, type AxeFinding } from './support/axe'
import { launchChromium } from './support/chromium'
import { pdfToPngs } from './support/receipt-pdf'
import { SHOTS } from './support/screenshots'

// Issue 21 (docs/console.md#reports), in Chromium against the built console served by a real head
// office (SQLite, 127.0.0.1): finance filters the dashboard by store and dates (the filters land in
// the address), opens Reports, downloads the activity CSV and reads its totals back, and opens the
// printable view (print media, A4 PDF); fraud-audit reads the fraud reports and drills down to plan
// numbers; customer care has no Reports link and the API answers 403.

describe('console reports in Chromium', () => {
  let ho: TestHeadOffice
  let browser: Browser
  const contexts: BrowserContext[] = []
  const errors: string[] = []
  const findings: Record<string, AxeFinding[]> = {}
  const password = 'reports-e2e-password-1'
  const today = todayInKolkata(Date.now)
  const day = (n: number) => addDays(today, n)
  const expected = { enrollments: 3, feesPaise: 0, redemptions: 2, creditPaise: 0, refunds: 0 }
  const manyPlans: string[] = []

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'en-IN',
      acceptDownloads: true,
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

  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto(`${ho.url}/console/sign-in`)
    await page.getByLabel('E-mail').fill(email)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('navigation', { name: 'Screens' }).waitFor()
  }

  async function push(store: string, events: AnyEvent[]): Promise<void> {
    const http = ho.client(store, 'K1', await ho.register(store, 'K1'))
    const answer = await http.push(events)
    expect(
      answer.results.every((r) => r.status === 'applied'),
      JSON.stringify(answer),
    ).toBe(true)
  }

  /** MH01: three plans in the last week (one cancelled), an upgrade, three failed inspections. */
  async function seed(): Promise<void> {
    const mh = fakeKiosk('MH01', 'K1')
    const recent = [
      mh.enroll({ purchaseDate: day(-5), mobile: '9830000001', name: 'Ravi Menon' }),
      mh.enroll({ purchaseDate: day(-5), mobile: '9830000002', name: 'Sara Khan' }),
      mh.enroll({ purchaseDate: day(-3), mobile: '9830000003', name: 'Anil Rao' }),
    ]
    const old = mh.enroll({ purchaseDate: day(-200), mobile: '9830000004', name: 'Meera Iyer' })
    // Bought six months before tomorrow: its 70% band ends today, the day after its upgrade.
    const rushed = mh.enroll({
      purchaseDate: addMonths(day(1), -6),
      mobile: '9830000005',
      name: 'Kiran Das',
    })
    // Two live older plans for the liability: one at 70%, one at 60%.
    const live = [day(-150), day(-250)].map((d, i) =>
      mh.enroll({ purchaseDate: d, mobile: `983000002${i}`, name: 'Long-time customer' }),
    )
    const cancel = mh.cancel(recent[1] as (typeof recent)[number], day(-2))
    const redeem = mh.redeem(old, day(-1))
    const redeemRushed = mh.redeem(rushed, day(-1))
    expected.feesPaise = recent.reduce((s, e) => s + e.payload.feePaise, 0)
    expected.creditPaise = redeem.payload.creditPaise + redeemRushed.payload.creditPaise
    expected.refunds = cancel.payload.refundPaise
    await push('MH01', [
      ...recent,
      old,
      rushed,
      ...live,
      cancel,
      redeem,
      redeemRushed,
      ...recent.map((p) => mh.inspect(p, day(-1), 'ineligible')),
      mh.inspect(old, day(-1)),
    ])
    // Elsewhere: the same customer (one mobile) buys plans at two more stores; clean inspections.
    const ms = fakeKiosk('MS01', 'K1')
    const pp = fakeKiosk('PP01', 'K1')
    const a = ms.enroll({ purchaseDate: day(-4), mobile: '9830000001', name: 'Ravi Menon' })
    const b = pp.enroll({ purchaseDate: day(-2), mobile: '9830000001', name: 'Ravi Menon' })
    const others = [1, 2, 3].map((n) =>
      ms.enroll({ purchaseDate: day(-4), mobile: `98300001${n}0`, name: `Customer ${n}` }),
    )
    await push('MS01', [a, ...others, ...[a, ...others].map((p) => ms.inspect(p, day(-1)))])
    await push('PP01', [b, pp.inspect(b, day(-1)), pp.inspect(b, day(-1))])
    manyPlans.push(
      recent[0]?.payload.planNumber as string,
      a.payload.planNumber,
      b.payload.planNumber,
    )
  }

  beforeAll(async () => {
    ho = await startHeadOffice('sqlite', { consoleDir: resolve('out/console') })
    Object.defineProperty(ho.now, 'value', { get: Date.now, set: () => {}, configurable: true })
    for (const role of ['finance', 'fraud-audit', 'customer-care'] as const)
      await createConsoleUser(
        ho.ds,
        { email: `${role}@brand.example`, role, actor: 'command line', password },
        Date.now(),
      )
    await seed()
    browser = await launchChromium()
  })

  afterAll(async () => {
    for (const c of contexts) await c.close()
    await browser?.close()
    await ho?.close()
  })

  it('finance filters the dashboard, downloads the activity CSV and prints the report', async () => {
    const page = await newPage()
    await signIn(page, 'finance@brand.example')
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
    const nav = page.getByRole('navigation', { name: 'Screens' })
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Dashboard',
      'Plans',
      'Catalog',
      'Reports',
    ])

    await page.getByLabel('Store', { exact: true }).selectOption('MH01')
    await page.getByLabel('From', { exact: true }).fill(day(-7))
    await page.getByLabel('To', { exact: true }).fill(today)
    await page.getByRole('button', { name: 'Show' }).click()
    await expect.poll(() => page.url()).toContain(`store=MH01&from=${day(-7)}&to=${today}`)
    await expect.poll(() => page.getByText(/\d+ plans, /).textContent()).toMatch(/^3 plans, /)
    expect(await page.getByText(/\d+ upgrades?, /).textContent()).toMatch(/^2 upgrades, /)
    expect(await page.getByText(/\d+ cancellations?, /).textContent()).toMatch(/^1 cancellation, /)
    // The address is the view: opened again, it shows the same figures.
    await page.reload()
    await expect.poll(() => page.getByText(/\d+ plans, /).textContent()).toMatch(/^3 plans, /)
    expect(await page.getByLabel('Store', { exact: true }).inputValue()).toBe('MH01')
    expect(await page.locator('canvas').count()).toBe(5)
    await shot(page, 'dashboard-filtered')

    await nav.getByRole('link', { name: 'Reports' }).click()
    await page.getByRole('heading', { name: 'Reports' }).waitFor()
    await page.getByLabel('Store', { exact: true }).selectOption('MH01')
    await page.getByLabel('From', { exact: true }).fill(day(-7))
    await page.getByLabel('To', { exact: true }).fill(today)
    await page.getByRole('button', { name: 'Show' }).click()
    await expect.poll(() => page.url()).toContain('store=MH01')
    await expect.poll(() => page.locator('table.activity tbody tr').count()).toBe(4)
    await shot(page, 'reports')

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ])
    expect(download.suggestedFilename()).toBe(`activity-MH01-${day(-7)}-${today}.csv`)
    const csv = readFileSync((await download.path()) as string, 'utf8')
    const records = parse(csv, { bom: true, columns: true }) as Record<string, string>[]
    const sum = (column: string) => records.reduce((s, r) => s + Number(r[column]), 0)
    const rupees = (paise: number) => paise / 100
    expect(records.every((r) => r.Store === 'MH01')).toBe(true)
    expect(sum('Enrollments')).toBe(expected.enrollments)
    expect(sum('Fees collected (INR)')).toBeCloseTo(rupees(expected.feesPaise), 2)
    expect(sum('Redemptions')).toBe(expected.redemptions)
    expect(sum('Upgrade credit (INR)')).toBeCloseTo(rupees(expected.creditPaise), 2)
    expect(sum('Cancellations')).toBe(1)
    expect(sum('Refunds (INR)')).toBeCloseTo(rupees(expected.refunds), 2)

    // The liability report: today's, by band and step-down month, for the same store.
    await page.getByRole('button', { name: 'Liability' }).click()
    // Four live plans: two too early, one at 70%, one at 60% (lines by band and step-down month).
    await expect
      .poll(() => page.locator('table.liability tfoot td').first().textContent())
      .toBe('4')
    expect(await page.locator('table.liability tbody').textContent()).toMatch(
      /too-early.*70%.*60%/s,
    )
    expect(await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe(
      '/console/api/reports/liability.csv?store=MH01',
    )
    await shot(page, 'reports-liability')
    // Valued on a later day (a projection), the day lands in the address; a past day is refused.
    await page.getByLabel('As of').fill(day(30))
    await page.getByRole('button', { name: 'Show' }).click()
    await expect.poll(() => page.url()).toContain(`asOf=${day(30)}`)
    await page.getByText(`Assured value outstanding on ${day(30)}`).waitFor()
    await page.getByLabel('As of').fill(day(-1))
    await page.getByRole('button', { name: 'Show' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('or later')
    await page.getByRole('button', { name: 'Activity' }).click()
    await expect.poll(() => page.locator('table.activity tbody tr').count()).toBe(4)

    await page.getByRole('link', { name: 'Printable view' }).click()
    await page.getByRole('heading', { name: 'Activity report' }).waitFor()
    await expect.poll(() => page.getByText(/generated/).count()).toBe(1)
    expect(await page.getByText(`Store MH01`).count()).toBe(1)
    const printFindings = await seriousViolations(page)
    if (printFindings.length) findings['reports-print'] = printFindings
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('header.top').isVisible()).toBe(false)
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false)
    expect(await page.locator('table.print tbody tr').count()).toBe(4)
    // The report as printed: the print stylesheet's A4 page, looked at as a picture.
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    // A4 is 595.28 × 841.89 points; Chromium rounds the page box to its own fractions.
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'))
    expect(Math.abs(Number(box?.[1]) - 595.28)).toBeLessThan(1)
    expect(Math.abs(Number(box?.[2]) - 841.89)).toBeLessThan(1)
    const pages = pdfToPngs(pdf)
    expect(pages).toHaveLength(1)
    writeFileSync(join(SHOTS, 'console-reports-print.png'), pages[0] as Buffer)
  })

  it('fraud-audit reads the fraud reports and drills down to plan numbers', async () => {
    const page = await newPage()
    await signIn(page, 'fraud-audit@brand.example')
    await page.getByRole('link', { name: 'Fraud reports' }).click()
    await page.getByRole('heading', { name: 'Fraud reports' }).waitFor()
    await page.getByLabel('From', { exact: true }).fill(day(-10))
    await page.getByLabel('To', { exact: true }).fill(today)
    await page.getByLabel('Smallest sample').fill('3')
    await page.getByRole('button', { name: 'Show' }).click()
    await expect.poll(() => page.url()).toContain('minSample=3')
    await expect.poll(() => page.locator('table.many tbody').textContent()).toContain('Customer 1')
    await expect.poll(() => page.locator('table.many tbody tr').count()).toBe(1)
    const row = page.locator('table.many tbody tr').first()
    expect(await page.locator('body').textContent()).not.toContain('9830000001')
    await row.getByText('3 plan numbers').click()
    await page
      .getByText(/^\d+ plan numbers?$/)
      .nth(1)
      .click() // the step-down drill-down
    for (const p of manyPlans) await row.getByText(p).waitFor()
    // MH01 failed 3 of 4 inspections; the network 3 of 10.
    const high = page.locator('table.rates-inspections tr.high')
    await expect.poll(() => high.count()).toBe(1)
    expect(await high.textContent()).toContain('MH01')
    await high.getByText('3 plans').click()
    await page.locator('table.rates-cancellations tr.high').getByText('1 plan').click()
    await shot(page, 'fraud')
    // A plan number in the drill-down opens that plan's whole story.
    await row.getByRole('link', { name: manyPlans[0] }).click()
    await page.getByRole('heading', { name: new RegExp(manyPlans[0]!) }).waitFor()
    expect(page.url()).toContain(`/console/plans/${manyPlans[0]}`)
  })

  it('customer care has no Reports link, and the reports API answers them 403', async () => {
    const page = await newPage()
    await signIn(page, 'customer-care@brand.example')
    const nav = page.getByRole('navigation', { name: 'Screens' })
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Plans',
      'Notifications',
      'Data requests',
    ])
    const statuses = await page.evaluate(async () =>
      Promise.all(
        [
          '/console/api/reports/activity',
          '/console/api/reports/activity.csv',
          '/console/api/fraud/many-plans',
        ].map(async (p) => (await fetch(p)).status),
      ),
    )
    expect(statuses).toEqual([403, 403, 403])
    await page.goto(`${ho.url}/console/reports`)
    await page.getByRole('heading', { name: 'Plans' }).waitFor()
  })

  it('has no serious accessibility findings and no page errors', () => {
    expect(findings).toEqual({})
    expect(errors).toEqual([])
  })
})
