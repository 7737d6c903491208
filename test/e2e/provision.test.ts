import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { headOfficePinHash } from '../../electron/core/sync/staff-pin'
import { startHeadOffice, type TestHeadOffice } from '../headoffice/harness'
import { installAxe, type AxeFinding } from './support/axe'
import { launchChromium } from './support/chromium'
import { startKiosk, type RunningKiosk } from './support/kiosk-server'
import { screenShooter } from './support/screens'

// Issue 20 (docs/fleet.md#provisioning), in Chromium: a browser-mode kiosk with no identity shows
// its setup screen, is provisioned from a one-time code against a real head office (Fastify on a
// SQLite file, HTTP on 127.0.0.1), and its manager — sent by head office on the first pull — signs
// in and sends the kiosk's logs from the Sync screen. Then the demo. Every screen is checked with
// axe and saved in English and Hindi (provision-<screen>-<lang>.png).

describe('provisioning a kiosk in the browser', () => {
  let ho: TestHeadOffice
  let browser: Browser
  let context: BrowserContext
  let page: Page
  const kiosks: RunningKiosk[] = []
  const errors: string[] = []
  const axeFindings: Record<string, AxeFinding[]> = {}
  const tid = (id: string) => page.getByTestId(id)
  const screen = screenShooter(() => page, axeFindings, 'provision')

  beforeAll(async () => {
    ho = await startHeadOffice('sqlite')
    // The kiosk process signs with the real clock: head office reads the same.
    Object.defineProperty(ho.now, 'value', { get: Date.now, set: () => {}, configurable: true })
    const staff = await ho.admin('PUT', '/admin/stores/MS01/staff/R1', {
      name: 'Ravi Kulkarni',
      role: 'manager',
      pinHash: headOfficePinHash('2468', 10),
      active: true,
    })
    expect(staff.status, staff.text).toBe(200)
    browser = await launchChromium()
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-IN' })
    await installAxe(context)
    page = await context.newPage()
    page.setDefaultTimeout(15_000)
    page.on('pageerror', (e) => errors.push(String(e)))
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text())
    })
  })

  afterAll(async () => {
    await browser?.close()
    for (const k of kiosks) await k.stop()
    await ho?.close()
  })

  it('sets a kiosk up from a code, signs its store manager in and sends its logs', async () => {
    const issued = await ho.admin('POST', '/admin/provisioning-codes', {
      storeCode: 'MS01',
      kioskCode: 'K7',
    })
    expect(issued.status, issued.text).toBe(200)
    const code: string = issued.json.data.code

    const kiosk = await startKiosk({ unprovisioned: true })
    kiosks.push(kiosk)
    await page.goto(kiosk.url)
    // Whatever the address, a kiosk with no identity shows its setup screen.
    await tid('setup-form').waitFor()
    expect(page.url()).toContain('#/setup')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('setup-url')
    await screen('setup')

    await tid('setup-url').fill(ho.url)
    await tid('setup-code').fill('ABCD EFGH JKMN PQRS')
    await tid('setup-submit').click()
    await expect.poll(() => tid('setup-error').textContent()).toContain('not known')
    await screen('setup-error')

    // Typed as a clerk would: small letters, spaces instead of dashes.
    await tid('setup-code').fill(code.toLowerCase().replace(/-/g, ' '))
    await tid('setup-submit').click()
    await tid('setup-done').waitFor()
    expect(await tid('setup-kiosk').textContent()).toBe('K7')
    expect(await tid('setup-store').textContent()).toContain('MS01')
    await screen('done')

    await tid('setup-continue').click()
    await tid('staff-R1').click()
    await page.keyboard.type('2468')
    await page.keyboard.press('Enter')
    await tid('home-tiles').waitFor()
    expect(await tid('header-store').textContent()).toBe('MS01')
    expect(await tid('demo-banner').count()).toBe(0)

    await page.goto(`${kiosk.url}#/sync`)
    await tid('sync-send-logs').click()
    await tid('sync-logs-sent').waitFor()
    await screen('sync-logs')
    const logs = await ho.admin('GET', '/admin/kiosks/MS01/K7/logs')
    expect(logs.json.data).toEqual([expect.objectContaining({ reason: 'manager' })])

    // Head office sees the kiosk's heartbeat from its syncs.
    const fleet = await ho.admin('GET', '/admin/fleet')
    const k7 = fleet.json.data.kiosks.find((k: { kioskId: string }) => k.kioskId === 'MS01/K7')
    expect(k7.heartbeat).toMatchObject({ backlog: 0, printer: 'not-configured' })
    expect(k7.flags).toEqual([])

    // The setup screen never shows again, even asked for by address.
    await page.goto(`${kiosk.url}#/setup`)
    await tid('home-tiles').waitFor()
  })

  it('runs the demo store, marked as demo on every screen', async () => {
    const kiosk = await startKiosk({ unprovisioned: true })
    kiosks.push(kiosk)
    await page.goto(kiosk.url)
    await tid('setup-demo').click()
    await tid('staff-M1').click()
    await page.keyboard.type('3333')
    await page.keyboard.press('Enter')
    await tid('home-tiles').waitFor()
    await tid('demo-banner').waitFor()
    await screen('demo')
    expect(axeFindings).toEqual({})
    expect(errors).toEqual([])
  })
})
