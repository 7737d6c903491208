import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { luhnCheckDigit } from '../../shared/domain/checksums'
import { installAxe, type AxeFinding } from './support/axe'
import { launchChromium } from './support/chromium'
import { kioskRpc } from './support/kiosk-rpc'
import { demoEnrollment } from './support/kiosk-scene'
import { startKiosk, type RunningKiosk } from './support/kiosk-server'
import { screenShooter } from './support/screens'

// Issue 18 item 4: the manager's screen for a customer's data-principal requests, in Chromium
// against the browser-mode kiosk (not connected to head office: requests wait to be sent). Each
// state is checked with axe and saved in English and Hindi (ui-privacy-rights-*-<lang>.png).

const imei = (body14: string) => body14 + luhnCheckDigit(body14)

describe('customer data requests in Chromium', () => {
  let kiosk: RunningKiosk
  let browser: Browser
  let page: Page
  let planNumber = ''
  const errors: string[] = []
  const axeFindings: Record<string, AxeFinding[]> = {}
  const tid = (id: string) => page.getByTestId(id)
  const screen = screenShooter(() => page, axeFindings)

  beforeAll(async () => {
    kiosk = await startKiosk()
    browser = await launchChromium()
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'en-IN',
    })
    await installAxe(context)
    page = await context.newPage()
    page.setDefaultTimeout(10_000)
    page.on('pageerror', (e) => errors.push(String(e)))
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text())
    })
    const rpc = await kioskRpc(kiosk.url)
    const info = await rpc<{ businessDate: string }>('app.info', {})
    await rpc('staff.signIn', { staffCode: 'C1', pin: '1111' })
    const made = await rpc<{ plan: { planNumber: string } }>(
      'enrollment.create',
      demoEnrollment({
        imeis: [imei('86000000000101'), imei('86000000000102')],
        today: info.businessDate,
        invoiceNumber: 'INV-0101',
        customer: {
          name: 'Anita Deshpande',
          mobile: '9822011223',
          email: 'anita.d@example.com',
          idType: 'pan',
          idNumber: 'ABCPD1234F',
        },
      }),
    )
    planNumber = made.plan.planNumber
  })

  afterAll(async () => {
    await browser?.close()
    await kiosk?.stop()
  })

  it('the manager takes an access request, a refused one and a correction, and sees their status', async () => {
    await page.goto(`${kiosk.url}#/signin`)
    await tid('staff-M1').click()
    await page.keyboard.type('3333')
    await page.keyboard.press('Enter')
    await tid('tile-privacy').click()
    await tid('rights-form').waitFor()
    await screen('privacy-rights')

    await tid('rights-plan').fill(planNumber)
    await tid('rights-id').fill('234F')
    await tid('rights-submit').click()
    await tid('rights-summary').waitFor()
    await expect.poll(() => tid('rights-summary').textContent()).toContain('Anita Deshpande')
    await screen('privacy-rights-access')

    await tid('rights-next').click()
    await tid('rights-kind-erasure').check()
    await tid('rights-plan').fill(planNumber)
    await tid('rights-id').fill('9999')
    await tid('rights-submit').click()
    await expect
      .poll(() => tid('rights-id-error').textContent())
      .toContain("do not match this plan's customer")
    await tid('rights-id').fill('234F')
    await tid('rights-submit').click()
    await expect.poll(() => tid('rights-error').textContent()).toContain('active plan')
    await screen('privacy-rights-refused')

    await tid('rights-kind-correction').check()
    await tid('rights-mobile').fill('9822099887')
    await tid('rights-submit').click()
    await tid('rights-taken').waitFor()
    await expect.poll(() => tid('rights-list').locator('tbody tr').count()).toBe(2)
    await expect.poll(() => tid('rights-list').textContent()).toContain('not sent yet')
    await screen('privacy-rights-list')

    expect(axeFindings).toEqual({})
    expect(errors).toEqual([])
  })
})
