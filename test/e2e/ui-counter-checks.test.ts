import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import demoCatalog from '../../resources/catalog/demo-catalog.json'
import { addMonths, todayInKolkata } from '../../shared/domain/calendar'
import { luhnCheckDigit } from '../../shared/domain/checksums'
import { formatPlanNumber } from '../../shared/domain/plan-number'
import { imeiRegisterServer, smsSink } from '../headoffice/counter-sinks'
import { count, kioskPair, startHeadOffice, type TestHeadOffice } from '../headoffice/harness'
import { installAxe, type AxeFinding } from './support/axe'
import { launchChromium } from './support/chromium'
import { signHandover } from './support/handover'
import { kioskRpc } from './support/kiosk-rpc'
import { signInOnScreen } from './support/kiosk-scene'
import { startKiosk, type RunningKiosk } from './support/kiosk-server'
import { screenShooter } from './support/screens'

// Issue 17 end to end: a browser kiosk (store MS01, not training) synced with a real head office
// (SQLite) that has a lost/stolen register and an SMS gateway, both local HTTP servers. The clerk
// sees the IMEI refusals at the phone step, before any payment, and the customer of an MH01 plan
// upgrades at MS01 with a signed hand-over declaration and the code texted to their mobile.
// Screens in English and Hindi: ui-imei-check-*, ui-upgrade-handover-otp-*.

const imei = (body14: string) => body14 + luhnCheckDigit(body14)
const IMEI_ELSEWHERE = imei('86100000000001')
const IMEI_STOLEN = imei('86100000000002')
const IMEI_SECOND = imei('86100000000003')
const IMEI_NEW = imei('86100000000009')
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).toString(
  'base64',
)
const model = demoCatalog.models.find((m) => m.name === 'Redmi Note 9 Pro')!
const variant = model.variants[0]!

describe('counter checks in Chromium with head office (issue 17)', () => {
  let ho: TestHeadOffice
  let sms: Awaited<ReturnType<typeof smsSink>>
  let register: Awaited<ReturnType<typeof imeiRegisterServer>>
  let kiosk: RunningKiosk
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let today = ''
  let planNumber = ''
  const axeFindings: Record<string, AxeFinding[]> = {}
  const errors: string[] = []
  const tid = (id: string) => page.getByTestId(id)
  const screen = screenShooter(() => page, axeFindings)

  const signIn = (code: string, pin: string) => signInOnScreen(page, kiosk.url, code, pin)

  beforeAll(async () => {
    sms = await smsSink()
    register = await imeiRegisterServer()
    register.listed.add(IMEI_STOLEN)
    ho = await startHeadOffice('sqlite', {
      fraud: { sms: sms.sender, register: register.register },
    })
    // The kiosk signs with the real clock: head office reads the same one.
    Object.defineProperty(ho.now, 'value', { get: () => Date.now(), set: () => {} })
    today = todayInKolkata(Date.now)

    // Store MH01's plans at head office: one bought 4 months ago (redeemable today), one holding
    // the IMEI the MS01 clerk will try to enroll again.
    const mh = await kioskPair(ho, 'MH01', 'X1')
    const old = mh.kiosk.enroll({
      purchaseDate: addMonths(today, -4),
      planNumber: formatPlanNumber('MH01', 'X1', 1, false),
    })
    const held = mh.kiosk.enroll({
      purchaseDate: today,
      planNumber: formatPlanNumber('MH01', 'X1', 2, false),
    })
    held.payload.imeis = [IMEI_ELSEWHERE]
    await mh.http.push([old, held])
    planNumber = old.payload.planNumber

    kiosk = await startKiosk({ args: ['--store', 'MS01', '--kiosk', 'E1'] })
    const rpc = await kioskRpc(kiosk.url)
    await rpc('staff.signIn', { staffCode: 'M1', pin: '3333' })
    await rpc('sync.configure', { headOfficeUrl: ho.url, secret: await ho.register('MS01', 'E1') })
    // The technician inspects the MH01 plan's phone here (set-up, not the subject).
    await rpc('staff.signIn', { staffCode: 'T1', pin: '2222' })
    await rpc('plans.get', { planNumber })
    const start = await rpc<{
      inspectionId: string
      checklist: Array<{ id: string; photo: boolean }>
    }>('inspection.start', { planNumber, imei: old.payload.imeis[0] })
    await rpc('inspection.submit', {
      inspectionId: start.inspectionId,
      answers: start.checklist.map((item) => ({
        itemId: item.id,
        result: 'pass',
        note: null,
        photo: item.photo ? { mime: 'image/png', base64: PNG } : null,
      })),
    })

    browser = await launchChromium()
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-IN' })
    await installAxe(context)
    page = await context.newPage()
    page.setDefaultTimeout(10_000)
    page.on('pageerror', (e) => errors.push(String(e)))
  })

  afterAll(async () => {
    await browser?.close()
    await kiosk?.stop()
    await ho?.close()
    await sms?.close()
    await register?.close()
  })

  it('the phone step refuses, before review and payment, an IMEI on a plan at another store and one reported stolen', async () => {
    await signIn('C1', '1111')
    await tid('tile-enroll').click()
    await tid('enroll-model').selectOption(model.id)
    await tid('enroll-variant').selectOption(variant.id)
    await tid('enroll-imei1').fill(IMEI_ELSEWHERE)
    await tid('enroll-imei2').fill(IMEI_STOLEN)
    await tid('enroll-invoice').fill('MS01/2026/0007')
    await tid('enroll-invoice-date').fill(today)
    await tid('enroll-store').selectOption('MH01')
    await tid('enroll-price').fill(String(variant.srpPaise / 100))
    await tid('enroll-next').click()
    await expect.poll(() => tid('enroll-imei1-error').textContent()).toContain('another store')
    await expect.poll(() => tid('enroll-imei2-error').textContent()).toContain('lost or stolen')
    // Still the phone step: nothing reviewed, nothing paid.
    expect(await tid('enroll-step-title').textContent()).toContain('Phone')
    await screen('imei-check')
    // A clean phone goes on.
    await tid('enroll-imei1').fill(IMEI_SECOND)
    await tid('enroll-imei2').fill(imei('86100000000004'))
    await tid('enroll-next').click()
    await tid('enroll-name').waitFor()
  })

  it('the MH01 customer upgrades at MS01: declaration signed, code texted and checked, then paid; head office gets the check and the hash', async () => {
    // A fresh tab (its own session): the enrollment above is left as it was.
    await page.close()
    page = await context.newPage()
    page.setDefaultTimeout(10_000)
    page.on('pageerror', (e) => errors.push(String(e)))
    await signIn('C1', '1111')
    await tid('tile-upgrade').click()
    await tid('upgrade-plan').fill(planNumber)
    // A plan of another store: this kiosk knows only the last four of its mobile; the ID's match.
    await tid('upgrade-id4').fill('234X')
    await tid('upgrade-check').click()
    await tid('upgrade-check-result').waitFor()
    await tid('upgrade-continue').click()
    const newPhone = demoCatalog.models.find((m) => m.name === 'Mi 10T')!.variants[1]!
    await tid('upgrade-model').selectOption(newPhone.id)
    await tid('upgrade-imei').fill(IMEI_NEW)
    await tid('upgrade-to-payment').click()

    await signHandover(page)
    await tid('otp-send').click()
    await tid('otp-sent').waitFor()
    expect(await tid('otp-sent').textContent()).toContain('3210')
    const code = sms.sent.at(-1)!.variables[0]!
    await tid('otp-code').fill(code === '000000' ? '111111' : '000000')
    await tid('otp-verify').click()
    await expect.poll(() => tid('handover-error').textContent()).toContain('wrong')
    expect(await tid('handover-next').isDisabled()).toBe(true)
    await tid('otp-code').fill(code)
    await tid('otp-verify').click()
    await tid('otp-verified').waitFor()
    await screen('upgrade-handover-otp')
    await tid('handover-next').click()
    await tid('upgrade-sales-invoice').fill('MS01-POS/1001')
    await tid('upgrade-complete').click()
    await tid('upgrade-done').waitFor()

    const rpc = await kioskRpc(kiosk.url)
    await rpc('staff.signIn', { staffCode: 'M1', pin: '3333' })
    await rpc('sync.now', {})
    expect(
      await count(
        ho.ds,
        'ho_redemption',
        `plan_number = ? AND customer_check = 'otp' AND handover_sha256 IS NOT NULL`,
        [planNumber],
      ),
    ).toBe(1)
  })

  it('no page errors and no serious accessibility findings', () => {
    expect(errors).toEqual([])
    expect(axeFindings).toEqual({})
  })
})
