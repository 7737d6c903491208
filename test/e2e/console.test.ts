import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import Provider from 'oidc-provider'
import { Secret, TOTP } from 'otpauth'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, todayInKolkata } from '../../shared/domain'
import { createConsoleUser } from '../../headoffice/services/console-users'
import { fakeKiosk } from '../headoffice/fixtures'
import { startHeadOffice, type TestHeadOffice } from '../headoffice/harness'
import { installAxe, seriousViolations, type AxeFinding } from './support/axe'
import { launchChromium } from './support/chromium'
import { SHOTS } from './support/screenshots'

// Issue 21 (docs/console.md), in Chromium: the built console served by a real head office
// (Fastify on SQLite, 127.0.0.1). An admin with TOTP signs in with password and code, reads the
// dashboard (plans pushed by a kiosk), searches a plan by its mobile and sees the kiosks; a
// customer-care person sees no fleet link and the fleet API answers them 403. Every screen is
// checked with axe and saved as console-<screen>.png.

describe('head-office console in Chromium', () => {
  let ho: TestHeadOffice
  let browser: Browser
  const contexts: BrowserContext[] = []
  const errors: string[] = []
  const findings: Record<string, AxeFinding[]> = {}
  const adminPassword = 'correct-horse-battery-9'
  const carePassword = 'customer-care-pass-7'
  let totpSecret = ''
  let directory: Server
  // Read by head office only when someone signs in, so they are filled in once both servers run.
  const oidc = {
    issuer: '',
    clientId: 'ho-console',
    clientSecret: 'local-directory-secret-0123',
    redirectUri: '',
  }

  /** A real OpenID Connect provider on 127.0.0.1 (`oidc-provider`, its development login pages). */
  async function startDirectory(): Promise<void> {
    directory = createServer()
    await new Promise<void>((done) => directory.listen(0, '127.0.0.1', done))
    oidc.issuer = `http://127.0.0.1:${(directory.address() as AddressInfo).port}`
    oidc.redirectUri = `${ho.url}/console/api/oidc/callback`
    const provider = new Provider(oidc.issuer, {
      clients: [
        {
          client_id: oidc.clientId,
          client_secret: oidc.clientSecret,
          redirect_uris: [oidc.redirectUri],
          response_types: ['code'],
          grant_types: ['authorization_code'],
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
      findAccount: async (_ctx, id) => ({
        accountId: id,
        claims: async () => ({ sub: id, email: id, email_verified: true }),
      }),
      pkce: { required: () => true },
      cookies: { keys: ['local-directory-cookie-key'] },
    })
    directory.on('request', provider.callback())
  }
  let searchedPlan = ''

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
      // The provider's development login pages are not ours: only the console's errors count.
      if (!page.url().startsWith(ho.url)) return
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

  async function seedPlans(): Promise<void> {
    const kiosk = fakeKiosk('MH01', 'K1')
    const http = ho.client('MH01', 'K1', await ho.register('MH01', 'K1'))
    // Relative to today in India, so the dashboard's last 30 days always hold five of them.
    const today = todayInKolkata(Date.now)
    const dates = [-270, -230, -160, -20, -18, -18, -10, -3].map((n) => addDays(today, n))
    const events = dates.map((d, i) =>
      kiosk.enroll({
        purchaseDate: d,
        name: `Customer ${i + 1}`,
        mobile: `98200000${String(i + 10)}`,
      }),
    )
    searchedPlan = events[4]?.payload.planNumber as string
    const pushed = await http.push(events)
    expect(
      pushed.results.every((r) => r.status === 'applied'),
      JSON.stringify(pushed),
    ).toBe(true)
    // The oldest plan redeemed at two stores: the second is a conflict for the queue.
    const other = fakeKiosk('MS02', 'K1')
    const otherHttp = ho.client('MS02', 'K1', await ho.register('MS02', 'K1'))
    const first = events[0] as (typeof events)[number]
    const redeemOn = addDays(first.payload.purchaseDate, 200)
    await http.push([kiosk.redeem(first, redeemOn, { newPricePaise: 1_000_000 })])
    await otherHttp.push([other.redeem(first, redeemOn, { newPricePaise: 1_000_000 })])
    await http.heartbeat({
      appVersion: '1.4.0',
      os: 'Windows 11',
      freeDiskBytes: 40e9,
      databaseBytes: 2e6,
      backlog: 3,
      oldestUnsentAgeSeconds: 420,
      printer: 'paper-out',
      lastError: null,
      sentAt: new Date().toISOString(),
    })
  }

  beforeAll(async () => {
    ho = await startHeadOffice('sqlite', { consoleDir: resolve('out/console'), oidc })
    await startDirectory()
    // TOTP codes and kiosk signatures use the real clock: head office reads the same.
    Object.defineProperty(ho.now, 'value', { get: Date.now, set: () => {}, configurable: true })
    await createConsoleUser(
      ho.ds,
      {
        email: 'asha@brand.example',
        role: 'admin',
        actor: 'command line',
        password: adminPassword,
      },
      Date.now(),
    )
    await createConsoleUser(
      ho.ds,
      {
        email: 'care@brand.example',
        role: 'customer-care',
        actor: 'command line',
        password: carePassword,
      },
      Date.now(),
    )
    await seedPlans()
    browser = await launchChromium()
  })

  afterAll(async () => {
    for (const c of contexts) await c.close()
    await browser?.close()
    await ho?.close()
    directory?.close()
  })

  it('an admin turns on TOTP, then signs in with password and code', async () => {
    const page = await newPage()
    await page.goto(`${ho.url}/console/`)
    await expect.poll(() => page.url()).toContain('/console/sign-in')
    await shot(page, 'sign-in')
    await page.getByLabel('E-mail').fill('asha@brand.example')
    await page.getByLabel('Password').fill('wrong-password-000')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Wrong e-mail or password')
    await page.getByLabel('Password').fill(adminPassword)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor()

    await page.getByRole('link', { name: /asha@brand\.example/ }).click()
    await page.getByRole('button', { name: 'Turn on' }).click()
    totpSecret = (await page.locator('code.secret').textContent())?.trim() ?? ''
    expect(totpSecret).toMatch(/^[A-Z2-7]{32}$/)
    await shot(page, 'account-totp')
    await page
      .getByLabel('Code')
      .fill(new TOTP({ secret: Secret.fromBase32(totpSecret) }).generate())
    await page.getByRole('button', { name: 'Confirm' }).click()
    await page.getByRole('status').waitFor()
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('heading', { name: 'Head office sign-in' }).waitFor()

    await page.getByLabel('E-mail').fill('asha@brand.example')
    await page.getByLabel('Password').fill(adminPassword)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByLabel('Code').waitFor()
    await shot(page, 'sign-in-code')
    await page
      .getByLabel('Code')
      .fill(new TOTP({ secret: Secret.fromBase32(totpSecret) }).generate())
    await page.getByRole('button', { name: 'Verify' }).click()
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor()

    // The dashboard: eight plans pushed, five of them in the last 30 days; liability by band.
    await expect.poll(() => page.getByText(/\d+ plans, /).textContent()).toMatch(/^5 plans, /)
    await expect.poll(() => page.locator('table.bands tbody tr').count()).toBeGreaterThan(1)
    // Enrolled, upgrades, cancellations per day; liability by band and by step-down month.
    expect(await page.locator('canvas').count()).toBe(5)
    await shot(page, 'dashboard')

    await page.getByRole('link', { name: 'Plans' }).click()
    await page.getByLabel('Plan number, IMEI or mobile').fill('9820000014')
    await page.getByRole('button', { name: 'Search' }).click()
    await expect.poll(() => page.locator('table.plans tbody').textContent()).toContain(searchedPlan)
    await expect.poll(() => page.locator('table.plans tbody tr').count()).toBe(1)
    await shot(page, 'plans')

    await page.getByRole('link', { name: 'Fleet' }).click()
    await expect.poll(() => page.locator('table.fleet tbody').textContent()).toContain('MH01/K1')
    expect(await page.locator('table.fleet tbody').textContent()).toContain('printer-out-of-paper')
    await shot(page, 'fleet')

    await page.getByRole('link', { name: 'Conflicts' }).click()
    // The queue's answer, not the empty table shown while it loads (that raced here before).
    await expect
      .poll(() => page.locator('table.conflicts tbody').textContent())
      .toContain('double-redemption')
    expect(await page.locator('table.conflicts tbody tr').count()).toBe(1)
    await shot(page, 'conflicts')
    await page.getByPlaceholder('How it was resolved').fill('Second store took the phone back.')
    await page.getByRole('button', { name: 'Resolve' }).click()
    await page.getByRole('status').waitFor()
    await expect
      .poll(() => page.locator('table.conflicts tbody').textContent())
      .toContain('No open conflicts')

    await page.getByRole('link', { name: 'Audit log' }).click()
    await expect
      .poll(() => page.locator('table.audit tbody').textContent())
      .toContain('conflict.resolve')
    expect(await page.locator('table.audit tbody').textContent()).toContain('user.totp-enrol')
    await shot(page, 'audit')
  })

  it('customer care sees no fleet link, and the fleet API answers them 403', async () => {
    const page = await newPage()
    await page.goto(`${ho.url}/console/sign-in`)
    await page.getByLabel('E-mail').fill('care@brand.example')
    await page.getByLabel('Password').fill(carePassword)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Plans' }).waitFor()
    const nav = page.getByRole('navigation', { name: 'Screens' })
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Plans',
      'Notifications',
      'Data requests',
    ])
    const status = await page.evaluate(async () => (await fetch('/console/api/fleet')).status)
    expect(status).toBe(403)
    // Typing the address of a screen the role may not see lands on one it may.
    await page.goto(`${ho.url}/console/fleet`)
    await page.getByRole('heading', { name: 'Plans' }).waitFor()
    await shot(page, 'customer-care-plans')
  })

  it('signs a person in through the company directory (OpenID Connect), only with a console account', async () => {
    await createConsoleUser(
      ho.ds,
      {
        email: 'ops@brand.example',
        role: 'operations',
        actor: 'command line',
        password: 'ops-password-unused',
      },
      Date.now(),
    )
    let page = await newPage()
    const viaDirectory = async (login: string) => {
      await page.goto(`${ho.url}/console/sign-in`)
      await page.getByRole('link', { name: 'Sign in with your company account' }).click()
      await page.locator('input[name="login"]').fill(login)
      await page.locator('input[name="password"]').fill('any')
      await page.locator('button[type="submit"]').click()
      // The provider asks once to share the e-mail with the console.
      await page.locator('button[type="submit"]').click()
    }
    await page.goto(`${ho.url}/console/sign-in`)
    await page.getByRole('link', { name: 'Sign in with your company account' }).waitFor()
    await shot(page, 'sign-in-directory')
    await viaDirectory('ops@brand.example')
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
    const nav = page.getByRole('navigation', { name: 'Screens' })
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Dashboard',
      'Fleet',
      'Stores',
      'Catalog',
      'Notifications',
      'Reports',
    ])
    expect(await page.getByText('ops@brand.example (operations)').count()).toBe(1)

    await page.getByRole('button', { name: 'Sign out' }).click()
    // Someone else, in a browser of their own (the provider remembers who signed in there).
    page = await newPage()
    await viaDirectory('stranger@brand.example')
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('no console account')
  })

  it('has no serious accessibility findings and no page errors', () => {
    expect(findings).toEqual({})
    expect(errors).toEqual([])
  })
})
