import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import demoCatalog from '../../resources/catalog/demo-catalog.json'
import { addMonths, todayInKolkata } from '../../shared/domain/calendar'
import { formatRupees, percentOf } from '../../shared/domain/money'
import { launchChromium } from './support/chromium'
import { startKiosk, type RunningKiosk } from './support/kiosk-server'
import { SHOTS } from './support/screenshots'

describe('Quote screen in Chromium (browser mode)', () => {
  let kiosk: RunningKiosk
  let browser: Browser
  let page: Page
  const errors: string[] = []
  let valueText = ''

  beforeAll(async () => {
    kiosk = await startKiosk()
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-IN' })
    page.on('pageerror', (e) => errors.push(String(e)))
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
  })
  afterAll(async () => {
    await browser?.close()
    await kiosk?.stop()
  })

  it('shows 70% of the SRP for a Redmi Note 9 Pro bought 5 months ago, and the timeline', async () => {
    const model = demoCatalog.models.find((m) => m.name === 'Redmi Note 9 Pro')!
    const variant = model.variants[0]!
    const purchase = addMonths(todayInKolkata(Date.now), -5)

    await page.goto(`${kiosk.url}#/quote`)
    await page.getByTestId('quote-model').selectOption(model.id)
    await page.getByTestId('quote-variant').selectOption(variant.id)
    await page.getByTestId('quote-date').fill(purchase)
    await page.getByRole('button', { name: 'Show value' }).click()

    const result = page.getByTestId('quote-result')
    await result.waitFor()
    expect(await page.getByTestId('quote-percent').textContent()).toBe('70%')
    const expected = formatRupees(percentOf(variant.srpPaise, 70), { locale: 'en' })
    valueText = (await page.getByTestId('quote-value').textContent()) ?? ''
    expect(valueText).toContain(expected)
    expect(await page.getByTestId('quote-next').textContent()).toContain('60%')
    expect(await result.locator('table.timeline tr').count()).toBe(4)
    await page.screenshot({ path: join(SHOTS, 'quote-en.png'), fullPage: true })
  })

  it('switches every label to Hindi, keeping the amounts', async () => {
    await page.getByRole('button', { name: 'हिन्दी' }).click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('सुनिश्चित मूल्य')
    expect(await page.locator('label[for="quote-model"]').textContent()).toBe('मॉडल')
    expect(await page.getByTestId('quote-value').textContent()).toBe(valueText)
    expect(await page.getByTestId('quote-next').textContent()).toContain('से यह')
    expect(await page.locator('html').getAttribute('lang')).toBe('hi')
    await page.screenshot({ path: join(SHOTS, 'quote-hi.png'), fullPage: true })
  })

  it('ran without page errors or CSP violations', () => {
    expect(errors).toEqual([])
  })
})
