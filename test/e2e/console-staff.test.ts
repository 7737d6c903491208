import { join, resolve } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { headOfficePinHash } from '../../electron/core/sync/staff-pin'
import { createConsoleUser } from '../../headoffice/services/console-users'
import { gstinCheckChar } from '../../shared/domain/checksums'
import { startHeadOffice, type TestHeadOffice } from '../headoffice/harness'
import { installAxe, seriousViolations, type AxeFinding } from './support/axe'
import { launchChromium } from './support/chromium'
import { kioskRpc } from './support/kiosk-rpc'
import { startKiosk, type RunningKiosk } from './support/kiosk-server'
import { signInOnScreen } from './support/kiosk-scene'
import { SHOTS } from './support/screenshots'

// Issue 21 (docs/console.md#stores-and-kiosks, #staff), in Chromium: an operations person runs a
// store from the console served by a real head office (Fastify on SQLite, 127.0.0.1): issues a
// provisioning code that sets up a browser-mode kiosk, adds a clerk (PIN shown once), resets the
// clerk's PIN; the kiosk pulls, the clerk signs in on its screen with the new PIN and the old one
// is refused; locked out there by wrong PINs, the console shows it and its unlock code opens the
// account; deactivated, the clerk can no longer sign in there. Customer care sees no store or
// staff link and the API answers them 403. Screens are checked with axe and saved as
// console-stores-*.png and console-staff-*.png.

describe('console: stores, kiosks and staff reaching a kiosk', () => {
  let ho: TestHeadOffice
  let browser: Browser
  let kiosk: RunningKiosk
  const contexts: BrowserContext[] = []
  const errors: string[] = []
  const findings: Record<string, AxeFinding[]> = {}
  const opsPassword = 'operations-desk-pass-4'
  const carePassword = 'customer-care-pass-7'
  const MANAGER_PIN = '2468'

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'en-IN',
    })
    contexts.push(context)
    await installAxe(context)
    const page = await context.newPage()
    page.setDefaultTimeout(20_000)
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

  /** The kiosk syncs now (push and pull), as its own timer would a minute later. */
  async function kioskSyncs(): Promise<void> {
    const rpc = await kioskRpc(kiosk.url)
    await rpc('staff.signIn', { staffCode: 'R1', pin: MANAGER_PIN })
    const status = await rpc<{ lastError: unknown }>('sync.now', {})
    expect(status.lastError).toBeNull()
  }

  const shownOnce = async (page: Page) =>
    ((await page.getByTestId('shown-once').textContent()) ?? '').trim()

  beforeAll(async () => {
    ho = await startHeadOffice('sqlite', { consoleDir: resolve('out/console') })
    // The kiosk signs with the real clock: head office reads the same.
    Object.defineProperty(ho.now, 'value', { get: Date.now, set: () => {}, configurable: true })
    for (const [email, role, password] of [
      ['ops@brand.example', 'operations', opsPassword],
      ['care@brand.example', 'customer-care', carePassword],
    ] as const) {
      await createConsoleUser(ho.ds, { email, role, actor: 'command line', password }, Date.now())
    }
    // The store's manager, there before the console (the admin desk's way), and an old kiosk.
    const manager = await ho.admin('PUT', '/admin/stores/MS01/staff/R1', {
      name: 'Ravi Kulkarni',
      role: 'manager',
      pinHash: headOfficePinHash(MANAGER_PIN, 10),
      active: true,
    })
    expect(manager.status, manager.text).toBe(200)
    await ho.register('MS01', 'K9')
    browser = await launchChromium()
  })

  afterAll(async () => {
    for (const c of contexts) await c.close()
    await browser?.close()
    await kiosk?.stop()
    await ho?.close()
  })

  it('operations sets a kiosk up, adds a clerk, resets the PIN, unlocks and deactivates them; the kiosk honours each', async () => {
    const page = await newPage()
    await signIn(page, 'ops@brand.example', opsPassword)
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

    await nav.getByRole('link', { name: 'Stores' }).click()
    await expect.poll(() => page.locator('table.stores tbody tr').count()).toBe(5)
    expect(await page.locator('table.stores tbody').textContent()).toContain('07AABCM1234A1Z9')
    await shot(page, 'stores-list')

    // A new store: its GSTIN checked (check character, state) before the catalog carries it.
    await page.getByRole('button', { name: 'Add a store' }).click()
    await page.getByLabel('Store code').fill('MH07')
    await page.getByLabel('Store name').fill('Mi Home Phoenix Mills')
    await page
      .getByLabel('Legal name (as registered for GST)')
      .fill('Xiaomi Technology India Private Limited')
    await page.getByLabel('Address').fill('Phoenix Mills, Lower Parel, Mumbai, Maharashtra 400013')
    await page.getByLabel('State').selectOption('27')
    await page.getByLabel('GSTIN').fill(`27AABCM1234A2Z${gstinCheckChar('27AABCM1234A2Z')}`)
    await shot(page, 'stores-add')
    await page.getByRole('button', { name: 'Add store', exact: true }).click()
    await page.getByRole('heading', { name: 'Mi Home Phoenix Mills (MH07)' }).waitFor()
    await page.getByRole('link', { name: 'Stores', exact: true }).first().click()
    await expect.poll(() => page.locator('table.stores tbody tr').count()).toBe(6)

    await page.getByRole('link', { name: 'MS01' }).click()
    await page.getByRole('heading', { name: 'Mi Studio Connaught Place (MS01)' }).waitFor()
    await expect.poll(() => page.locator('table.kiosks tbody').textContent()).toContain('K9')

    // A mistyped GSTIN is caught while typing; nothing is saved.
    await page.getByRole('button', { name: 'Edit details' }).click()
    await page.getByLabel('GSTIN').fill('07AABCM1234A1Z8')
    await page.getByLabel('GSTIN').blur()
    await expect
      .poll(() => page.locator('.store-form .error').textContent())
      .toContain('check character')
    await shot(page, 'stores-edit-gstin')
    await page.getByRole('button', { name: 'Cancel' }).click()

    // Revoke the old kiosk, with a reason, after a confirmation.
    await page.getByRole('button', { name: 'Revoke MS01/K9' }).click()
    await page.getByLabel('Reason').fill('Counter moved; kiosk taken back')
    await shot(page, 'stores-revoke-confirm')
    await page.getByRole('button', { name: 'Revoke kiosk' }).click()
    await expect.poll(() => page.getByRole('status').textContent()).toContain('revoked')

    await page.getByLabel("New kiosk's code").fill('K7')
    await page.getByRole('button', { name: 'Issue a provisioning code' }).click()
    const code = ((await page.getByTestId('provisioning-code').textContent()) ?? '').trim()
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/)
    await shot(page, 'stores-provisioning-code')
    await page.getByRole('button', { name: 'I have passed it on' }).click()
    expect(await page.getByTestId('provisioning-code').count()).toBe(0)
    await expect.poll(() => page.locator('table.kiosks tbody').textContent()).toContain('revoked')

    // The clerk, with a PIN head office makes and shows once.
    await page.getByRole('link', { name: 'Staff' }).click()
    await page.getByRole('heading', { name: 'Staff of MS01' }).waitFor()
    await page.getByRole('button', { name: 'Add a staff member' }).click()
    await page.getByLabel('Staff code').fill('C1')
    await page.getByLabel('Name').fill('Kavya Rao')
    await page.getByLabel('Role', { exact: true }).selectOption('clerk')
    await page.getByRole('button', { name: 'Add and make a PIN' }).click()
    const firstPin = await shownOnce(page)
    expect(firstPin).toMatch(/^\d{6}$/)
    await shot(page, 'staff-added-pin')
    await page.getByRole('button', { name: 'I have passed it on' }).click()

    // The kiosk is set up from the code; its first pull brings the clerk.
    kiosk = await startKiosk({ unprovisioned: true })
    const kp = await newPage()
    await kp.goto(kiosk.url)
    await kp.getByTestId('setup-url').fill(ho.url)
    await kp.getByTestId('setup-code').fill(code)
    await kp.getByTestId('setup-submit').click()
    await kp.getByTestId('setup-done').waitFor()
    await kp.getByTestId('setup-continue').click()
    await signInOnScreen(kp, kiosk.url, 'C1', firstPin)
    await kp.getByTestId('sign-out').click()

    // Operations resets the clerk's PIN.
    await page.getByRole('button', { name: 'Reset PIN of Kavya Rao' }).click()
    await shot(page, 'staff-reset-confirm')
    await page.getByRole('button', { name: 'Reset PIN', exact: true }).click()
    const newPin = await shownOnce(page)
    expect(newPin).toMatch(/^\d{6}$/)
    expect(newPin).not.toBe(firstPin)
    await shot(page, 'staff-reset-pin')
    await page.getByRole('button', { name: 'I have passed it on' }).click()

    // The kiosk's next pull: the old PIN is refused on its screen, the new one signs in.
    await kioskSyncs()
    await kp.goto(`${kiosk.url}#/signin`)
    await kp.getByTestId('staff-C1').click()
    await kp.keyboard.type(firstPin)
    await kp.keyboard.press('Enter')
    await expect.poll(() => kp.getByTestId('pin-error').textContent()).toContain('Wrong PIN')
    await signInOnScreen(kp, kiosk.url, 'C1', newPin)
    await kp.getByTestId('sign-out').click()

    // Five wrong PINs lock the clerk out at the kiosk; its next sync tells head office, the
    // console shows where, and today's unlock code for that kiosk (shown once) opens it.
    await kp.getByTestId('staff-C1').click()
    for (let i = 0; i < 5; i++) {
      await kp.keyboard.type('000000')
      await kp.getByTestId('pin-submit').click()
      await expect.poll(() => kp.getByTestId('pin-error').textContent()).toMatch(/Wrong PIN|locked/)
    }
    await expect.poll(() => kp.getByTestId('pin-error').textContent()).toMatch(/locked until/)
    await kioskSyncs()
    await page.reload()
    const row = page.locator('table.staff tbody tr', { hasText: 'Kavya Rao' })
    await expect.poll(() => row.textContent()).toContain('at K7 until')
    await page.getByRole('button', { name: 'Unlock code for Kavya Rao' }).click()
    expect(await page.getByLabel('Kiosk').inputValue()).toBe('K7')
    await shot(page, 'staff-locked')
    await page.getByRole('button', { name: 'Issue unlock code' }).click()
    const unlock = await shownOnce(page)
    expect(unlock).toMatch(/^\d{8}$/)
    await shot(page, 'staff-unlock-code')
    await page.getByRole('button', { name: 'I have passed it on' }).click()
    await kp.getByTestId('signin-code-open').click()
    await kp.getByTestId('signin-unlock-code').fill(unlock)
    await kp.getByTestId('signin-code-submit').click()
    await kp.getByTestId('signin-code-done').waitFor()
    await kp.keyboard.type(newPin)
    await kp.getByTestId('pin-submit').click()
    await kp.getByTestId('home-tiles').waitFor()
    await kp.getByTestId('sign-out').click()

    // Deactivated in the console: after the kiosk's next pull the clerk cannot sign in.
    await page.getByRole('button', { name: 'Deactivate Kavya Rao' }).click()
    await page.getByRole('button', { name: 'Deactivate', exact: true }).click()
    await expect
      .poll(() => page.locator('table.staff tbody').textContent())
      .toContain('deactivated')
    // The store's page shows the new kiosk as its syncs reported it: seen, app, nothing unsent.
    await page.getByRole('link', { name: 'Store and kiosks' }).click()
    await expect.poll(() => page.locator('table.kiosks tbody tr').count()).toBe(2)
    const k7 = page.locator('table.kiosks tbody tr', { hasText: 'K7' })
    await expect.poll(() => k7.textContent()).toContain('active')
    expect(await k7.locator('td').nth(2).textContent()).not.toBe('—')
    await shot(page, 'stores-detail')
    await kioskSyncs()
    await page.getByRole('link', { name: 'Staff', exact: true }).click()
    await expect
      .poll(() => page.locator('table.staff tbody').textContent())
      .toContain('deactivated')
    await shot(page, 'staff-list')
    const rpc = await kioskRpc(kiosk.url)
    await expect(rpc('staff.signIn', { staffCode: 'C1', pin: newPin })).rejects.toThrow(
      /STAFF_NOT_FOUND|PIN_INVALID/,
    )
    // A fresh load of the sign-in screen: the tiles as the kiosk has them now.
    await kp.goto(`${kiosk.url}#/signin`)
    await kp.reload()
    await kp.getByTestId('staff-R1').waitFor()
    expect(await kp.getByTestId('staff-C1').count()).toBe(0)
  })

  it('customer care sees no store or staff link, and the API answers them 403', async () => {
    const page = await newPage()
    await signIn(page, 'care@brand.example', carePassword)
    await page.getByRole('heading', { name: 'Plans' }).waitFor()
    const nav = page.getByRole('navigation', { name: 'Screens' })
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Plans',
      'Notifications',
      'Data requests',
    ])
    const statuses = await page.evaluate(async () => {
      const get = async (path: string) => (await fetch(`/console/api${path}`)).status
      return [await get('/stores'), await get('/stores/MS01/staff')]
    })
    expect(statuses).toEqual([403, 403])
    await page.goto(`${ho.url}/console/stores/MS01/staff`)
    await page.getByRole('heading', { name: 'Plans' }).waitFor()
    expect(await page.getByRole('link', { name: 'Staff' }).count()).toBe(0)
  })

  it('has no serious accessibility findings and no page errors', () => {
    expect(findings).toEqual({})
    expect(errors).toEqual([])
  })
})
