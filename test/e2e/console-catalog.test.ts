import { join, resolve } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMonths, todayInKolkata } from '../../shared/domain'
import { createConsoleUser } from '../../headoffice/services/console-users'
import { startHeadOffice, type TestHeadOffice } from '../headoffice/harness'
import { installAxe, seriousViolations, type AxeFinding } from './support/axe'
import { launchChromium } from './support/chromium'
import { kioskRpc } from './support/kiosk-rpc'
import { startKiosk, type RunningKiosk } from './support/kiosk-server'
import { SHOTS } from './support/screenshots'

// Issue 21, the console's Catalog screen (docs/console.md#catalog), in Chromium against a real
// head office (Fastify on SQLite, 127.0.0.1) and a real kiosk process syncing with it: an admin
// edits a variant's SRP, is shown head office's check of a bad band, reviews the diff, confirms
// and publishes effective today; the kiosk's next pull changes its quote. A finance person sees
// the catalog read-only and the publish API answers them 403. Screens: console-catalog-*.png.

interface QuoteAnswer {
  srpPaise: number
  quote: { status: string; percent: number; valuePaise: number }
}

describe('head-office console: catalog in Chromium', () => {
  let ho: TestHeadOffice
  let kiosk: RunningKiosk
  let rpc: Awaited<ReturnType<typeof kioskRpc>>
  let browser: Browser
  const contexts: BrowserContext[] = []
  const errors: string[] = []
  const findings: Record<string, AxeFinding[]> = {}
  const adminPassword = 'catalog-admin-pass-1'
  const financePassword = 'catalog-finance-pass-1'
  const VARIANT = 'redmi-note-9-4-64'
  let purchaseDate = ''

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

  async function shot(page: Page, name: string, fullPage = true): Promise<void> {
    await page.waitForLoadState('networkidle')
    const found = await seriousViolations(page)
    if (found.length) findings[name] = found
    await page.screenshot({ path: join(SHOTS, `console-catalog-${name}.png`), fullPage })
  }

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto(`${ho.url}/console/sign-in`)
    await page.getByLabel('E-mail').fill(email)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
  }

  const quote = () => rpc<QuoteAnswer>('plans.quote', { variantId: VARIANT, purchaseDate })

  beforeAll(async () => {
    ho = await startHeadOffice('sqlite', { consoleDir: resolve('out/console') })
    // Console sessions and kiosk signatures use the real clock: head office reads the same.
    Object.defineProperty(ho.now, 'value', { get: Date.now, set: () => {}, configurable: true })
    const people = [
      ['asha@brand.example', 'admin', adminPassword],
      ['fin@brand.example', 'finance', financePassword],
    ] as const
    for (const [email, role, password] of people) {
      await createConsoleUser(ho.ds, { email, role, actor: 'command line', password }, Date.now())
    }
    // A kiosk of store MS01 syncing with this head office (its heartbeat says its catalog).
    kiosk = await startKiosk({ args: ['--store', 'MS01', '--kiosk', 'E1'] })
    rpc = await kioskRpc(kiosk.url)
    await rpc('staff.signIn', { staffCode: 'M1', pin: '3333' })
    await rpc('sync.configure', { headOfficeUrl: ho.url, secret: await ho.register('MS01', 'E1') })
    await rpc('sync.now', {})
    // A phone bought five months ago: in the 70% band today.
    purchaseDate = addMonths(todayInKolkata(Date.now), -5)
    browser = await launchChromium()
  })

  afterAll(async () => {
    for (const c of contexts) await c.close()
    await browser?.close()
    await kiosk?.stop()
    await ho?.close()
  })

  it('an admin edits an SRP, reviews the diff, publishes effective today; the kiosk’s quote changes', async () => {
    const before = await quote()
    expect(before.srpPaise).toBe(11_999_00)
    expect(before.quote).toMatchObject({ status: 'redeemable', percent: 70 })
    expect(before.quote.valuePaise).toBe(8_399_00)

    const page = await newPage()
    await signIn(page, 'asha@brand.example', adminPassword)
    await page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('link', { name: 'Catalog' })
      .click()
    await page.getByRole('heading', { name: 'Catalog' }).waitFor()
    const current = page.locator('table.catalog-versions tr[data-version="2026.11.1"]')
    await expect.poll(() => current.textContent()).toContain('In force')
    expect(await current.textContent()).toContain('MS01/E1')
    await shot(page, 'versions')

    await page.getByRole('button', { name: 'New draft' }).click()
    await page.getByRole('heading', { name: 'Catalog draft' }).waitFor()
    const version = await page.getByLabel('Version', { exact: true }).inputValue()
    expect(version).toMatch(/^\d{4}\.\d{2}\.\d+$/)
    expect(await page.getByLabel('Effective from').inputValue()).toBe(todayInKolkata(Date.now))
    const srp = page.getByLabel('SRP of Redmi Note 9 4 GB + 64 GB in rupees')
    expect(await srp.inputValue()).toBe('11,999')
    await srp.fill('12,499')
    await shot(page, 'draft')

    // A band that rises with age: head office's check puts its message next to the band.
    await page.getByLabel('Band 2 assured value, percent of the SRP').fill('80')
    await page.getByRole('button', { name: 'Check draft' }).click()
    await expect
      .poll(() => page.locator('.problems').textContent())
      .toContain('Value schedule band 2: value may not rise with age')
    const band = page.getByLabel('Band 2 assured value, percent of the SRP')
    expect(await band.getAttribute('aria-invalid')).toBe('true')
    expect(await page.locator('#band-1-issue').textContent()).toContain(
      'value may not rise with age',
    )
    await shot(page, 'issues')
    await band.fill('60')

    // A new variant of a model, added through the form under the table.
    await page.getByText('Add a model or a variant').click()
    await page.getByLabel('Of model').selectOption({ label: 'Mi 10T Pro' })
    await page.getByLabel('Variant', { exact: true }).fill('8 GB + 256 GB')
    await page.locator('#new-variant-srp').fill('42999')
    await page.getByRole('button', { name: 'Add variant' }).click()
    const added = page.getByLabel('SRP of Mi 10T Pro 8 GB + 256 GB in rupees')
    expect(await added.inputValue()).toBe('42,999')

    await page.getByRole('button', { name: 'Review changes' }).click()
    const diff = page.locator('table.catalog-diff')
    await expect.poll(() => diff.textContent()).toContain('SRP: ₹11,999 → ₹12,499')
    expect(await diff.textContent()).toContain('Mi 10T Pro 8 GB + 256 GB')
    expect(await diff.textContent()).toContain('added SRP ₹42,999')
    // The SRP, the new variant, the version, the date.
    expect(await diff.locator('tbody tr').count()).toBe(4)
    await shot(page, 'diff')

    await page.getByRole('button', { name: `Publish ${version}…` }).click()
    const dialog = page.getByRole('dialog', { name: `Publish catalog ${version}?` })
    await dialog.waitFor()
    // The window as the person sees it, the dialog over the page.
    await shot(page, 'confirm', false)
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click()
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain(`Catalog ${version} published`)
    const published = page.locator(`table.catalog-versions tr[data-version="${version}"]`)
    await expect.poll(() => published.textContent()).toContain('In force')
    expect(await published.textContent()).toContain('asha@brand.example')
    await shot(page, 'published')

    // The kiosk's next pull: its quote is the new SRP's, in the same 70% band.
    await rpc('sync.now', {})
    const after = await quote()
    expect(after.srpPaise).toBe(12_499_00)
    expect(after.quote).toMatchObject({ status: 'redeemable', percent: 70 })
    expect(after.quote.valuePaise).toBe(8_749_00)
    // Its heartbeat on the cycle after says so: the console lists it under the new version.
    await rpc('sync.now', {})
    await page.reload()
    await expect.poll(() => published.textContent()).toContain('MS01/E1')
    expect(await current.textContent()).not.toContain('MS01/E1')

    // Audited: before the version in force, after the new one.
    const audit = await ho.ds.query(
      `SELECT actor, before_json, after_json FROM ho_console_audit WHERE action = 'catalog.publish'`,
    )
    expect(audit).toHaveLength(1)
    expect(audit[0].actor).toBe('asha@brand.example')
    expect(JSON.parse(audit[0].before_json).version).toBe('2026.11.1')
    expect(JSON.parse(audit[0].after_json).version).toBe(version)
  })

  it('finance sees the catalog read-only: no draft, no publish button, the API answers 403', async () => {
    const page = await newPage()
    await signIn(page, 'fin@brand.example', financePassword)
    await page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('link', { name: 'Catalog' })
      .click()
    await page.getByRole('heading', { name: 'Catalog' }).waitFor()
    await expect.poll(() => page.locator('table.catalog-versions tbody tr').count()).toBe(2)
    expect(await page.getByRole('button', { name: /draft/i }).count()).toBe(0)
    await page.locator('table.catalog-versions tbody tr').first().getByRole('link').click()
    await page.getByRole('heading', { name: 'Models and variants' }).waitFor()
    expect(await page.locator('table.catalog-models').textContent()).toContain('₹12,499')
    expect(await page.locator('main input').count()).toBe(0)
    expect(await page.getByRole('button', { name: /publish/i }).count()).toBe(0)
    await shot(page, 'finance')

    const status = await page.evaluate(async () => {
      const csrf = (await (await fetch('/console/api/csrf')).json()) as {
        data: { csrfToken: string }
      }
      const r = await fetch('/console/api/catalog/publish', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf.data.csrfToken },
        body: JSON.stringify({ catalog: {} }),
      })
      return { status: r.status, body: (await r.json()) as { error: { code: string } } }
    })
    expect(status.status).toBe(403)
    expect(status.body.error.code).toBe('ROLE_FORBIDDEN')
    // The editor's address lands on a screen finance may see.
    await page.goto(`${ho.url}/console/catalog/draft`)
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
  })

  it('has no serious accessibility findings and no page errors', () => {
    expect(findings).toEqual({})
    expect(errors).toEqual([])
  })
})
