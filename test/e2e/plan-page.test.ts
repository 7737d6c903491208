import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPlanLinks } from '../../electron/core/sync/plan-links'
import { formatPlanNumber } from '../../shared/domain/plan-number'
import { kioskId } from '../../shared/sync/signing'
import { fakeKiosk } from '../headoffice/fixtures'
import { startHeadOffice, type TestHeadOffice } from '../headoffice/harness'
import { installAxe, seriousViolations, type AxeFinding } from './support/axe'
import { launchChromium } from './support/chromium'
import { SHOTS } from './support/screenshots'

/**
 * Issue 22: head office's public plan page on a phone (390 × 844) in Chromium, English and Hindi,
 * axe clean, its CSP holding (no violation in the console); a forged token shows nothing.
 */
describe('public plan page in Chromium at 390 × 844', () => {
  let ho: TestHeadOffice
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let link = ''
  let secret = ''
  const errors: string[] = []
  const findings: Record<string, AxeFinding[]> = {}

  beforeAll(async () => {
    // 2026-11-28: a phone bought 2026-05-05 is in month 7 (60 %), stepping down on 2027-02-05.
    ho = await startHeadOffice('sqlite', { start: Date.parse('2026-11-28T06:00:00Z') })
    secret = await ho.register('MH01', 'K1')
    const event = fakeKiosk('MH01', 'K1').enroll({
      purchaseDate: '2026-05-05',
      enrolledOn: '2026-05-05',
      planNumber: formatPlanNumber('MH01', 'K1', 1),
    })
    const planId = randomUUID()
    event.payload.planId = planId
    const pushed = await ho.client('MH01', 'K1', secret).push([event])
    expect(pushed.results.map((r) => r.status)).toEqual(['applied'])
    // The link exactly as the kiosk prints it (its own code, its secret).
    const links = createPlanLinks()
    links.set({ publicBaseUrl: ho.url, kioskId: kioskId('MH01', 'K1'), secret })
    link = links.link(planId) as string

    browser = await launchChromium()
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 1,
      isMobile: true,
      hasTouch: true,
      locale: 'en-IN',
    })
    await installAxe(context)
    page = await context.newPage()
    page.on('pageerror', (e) => errors.push(String(e)))
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 404/.test(m.text())) errors.push(m.text())
    })
  })
  afterAll(async () => {
    await browser?.close()
    await ho?.close()
  })

  async function look(name: string) {
    expect(
      // Nothing wider than the phone's 390 CSS pixels (a mobile viewport would grow to fit).
      await page.evaluate(() => document.documentElement.scrollWidth <= 390),
      name,
    ).toBe(true)
    const found = await seriousViolations(page)
    if (found.length) findings[name] = found
    await page.screenshot({ path: join(SHOTS, `plan-page-${name}.png`), fullPage: true })
  }

  it('shows the plan in English, then in Hindi by its toggle link', async () => {
    const response = await page.goto(link)
    expect(response?.status()).toBe(200)
    expect(await page.locator('h1').textContent()).toBe('Your assured-value plan')
    await expect.poll(() => page.locator('.value').textContent()).toBe('₹7,199')
    expect(await page.locator('table tr').count()).toBe(4)
    expect(await page.locator('tr.now').textContent()).toContain('Months 7–9')
    await look('en')
    await page.getByRole('link', { name: 'हिन्दी' }).click()
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('hi')
    expect(await page.locator('h1').textContent()).toBe('आपका सुनिश्चित-मूल्य प्लान')
    await look('hi')
    await page.getByRole('link', { name: 'English' }).click()
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en')
  })

  it('opens in Hindi for a phone whose language is Hindi', async () => {
    const hindi = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'hi-IN',
    })
    try {
      const p = await hindi.newPage()
      await p.goto(link)
      expect(await p.evaluate(() => document.documentElement.lang)).toBe('hi')
    } finally {
      await hindi.close()
    }
  })

  it('says a plan not yet synced is on its way, in both languages', async () => {
    const links = createPlanLinks()
    links.set({ publicBaseUrl: ho.url, kioskId: kioskId('MH01', 'K1'), secret })
    const response = await page.goto(links.link(randomUUID()) as string)
    expect(response?.status()).toBe(200)
    expect(await page.locator('h1').textContent()).toBe('Your plan is on its way')
    await look('pending-en')
    await page.getByRole('link', { name: 'हिन्दी' }).click()
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('hi')
    await look('pending-hi')
  })

  it('shows nothing about any plan for a forged token', async () => {
    const at = link.indexOf('/p/') + 3
    const bytes = Buffer.from(link.slice(at), 'base64url')
    bytes[5] = (bytes[5] as number) ^ 0x01
    const response = await page.goto(link.slice(0, at) + bytes.toString('base64url'))
    expect(response?.status()).toBe(404)
    expect(await page.locator('h1').textContent()).toBe('This link is not valid')
    const text = (await page.locator('body').textContent()) ?? ''
    expect(text).not.toMatch(/Redmi|₹|IMEI/)
    await look('invalid-en')
    await page.getByRole('link', { name: 'हिन्दी' }).click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('यह लिंक मान्य नहीं है')
    await look('invalid-hi')
  })

  it('is axe clean and ran without page errors or CSP violations', () => {
    expect(findings).toEqual({})
    expect(errors).toEqual([])
  })
})
