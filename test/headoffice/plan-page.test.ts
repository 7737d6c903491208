import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPlanLinks } from '../../electron/core/sync/plan-links'
import { formatPlanNumber } from '../../shared/domain/plan-number'
import { PLAN_PAGE_PATH } from '../../shared/domain/plan-token'
import { kioskId } from '../../shared/sync/signing'
import { fakeKiosk, type FakeKiosk } from './fixtures'
import { TARGETS, startHeadOffice, type TestHeadOffice } from './harness'

/**
 * Issue 22, the customer's own view: head office's public plan page `GET /p/:token`, for a token
 * made by the kiosk's own code (electron/core/sync/plan-links.ts) under the kiosk's secret.
 */

/** The page URL the kiosk would print for a plan id, with the secret head office gave it. */
function linkFor(ho: TestHeadOffice, store: string, code: string, secret: string, planId: string) {
  const links = createPlanLinks()
  links.set({ publicBaseUrl: ho.url, kioskId: kioskId(store, code), secret })
  return links.link(planId) as string
}

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers })
  return { status: response.status, headers: response.headers, text: await response.text() }
}

/** Flips one bit of the token's n-th byte (base64url text re-encoded). */
function alter(url: string, byte: number): string {
  const at = url.indexOf(PLAN_PAGE_PATH) + PLAN_PAGE_PATH.length
  const bytes = Buffer.from(url.slice(at), 'base64url')
  const i = byte < 0 ? bytes.length + byte : byte
  bytes[i] = (bytes[i] as number) ^ 0x01
  return url.slice(0, at) + bytes.toString('base64url')
}

const NOT_VALID_EN = 'This link is not valid'

describe.each(TARGETS)('public plan page, on %s', (kind) => {
  let ho: TestHeadOffice
  let secret: string
  let pair: { kiosk: FakeKiosk; http: ReturnType<TestHeadOffice['client']> }
  let planId: string
  let planNumber: string
  let url: string

  beforeAll(async () => {
    // 2026-11-28 in Kolkata: a plan bought 2026-05-05 is in month 7 (60 %) until 2027-02-04.
    ho = await startHeadOffice(kind, { start: Date.parse('2026-11-28T06:00:00Z') })
    secret = await ho.register('MH01', 'K1')
    pair = { kiosk: fakeKiosk('MH01', 'K1'), http: ho.client('MH01', 'K1', secret) }
    const event = pair.kiosk.enroll({
      purchaseDate: '2026-05-05',
      enrolledOn: '2026-05-05',
      planNumber: formatPlanNumber('MH01', 'K1', 1),
    })
    planId = randomUUID()
    event.payload.planId = planId
    planNumber = event.payload.planNumber
    const pushed = await pair.http.push([event])
    expect(pushed.results.map((r) => r.status)).toEqual(['applied'])
    url = linkFor(ho, 'MH01', 'K1', secret, planId)
  }, 60_000)
  afterAll(async () => {
    await ho?.close()
  })

  it('shows the plan with head office’s own figures and no personal data', async () => {
    const page = await get(url)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    // Model, masked IMEI, status, value today (60 % of Rs 11,999 = Rs 7,199), next step-down.
    expect(page.text).toContain('Redmi Note 9')
    expect(page.text).toContain('Redeemable')
    expect(page.text).toContain('₹7,199')
    expect(page.text).toContain('From 5 Feb 2027 the value becomes ₹6,000 (50%)')
    expect(page.text).toContain('₹6,000')
    // The timeline: months 4–15, 70/60/50/40 %.
    for (const p of ['70%', '60%', '50%', '40%']) expect(page.text).toContain(p)
    expect(page.text).toContain('Months 13–15')
    // Stores and the grievance contact of the catalog's privacy section.
    expect(page.text).toContain('Where to upgrade')
    expect(page.text).toMatch(/grievance officer/)
    // No name, mobile, ID, full IMEI or plan number.
    const imei = (await ho.ds.query(`SELECT imei1 FROM ho_plan`)) as Array<{ imei1: string }>
    expect(page.text).toContain(`•••• ${imei[0]!.imei1.slice(-4)}`)
    for (const secretThing of ['Asha', '9876543210', '3210', '234X', imei[0]!.imei1, planNumber]) {
      expect(page.text).not.toContain(secretThing)
    }
  })

  it('speaks Hindi by Accept-Language or by its toggle link', async () => {
    const byHeader = await get(url, { 'accept-language': 'hi-IN,hi;q=0.9,en;q=0.5' })
    expect(byHeader.text).toContain('<html lang="hi">')
    expect(byHeader.text).toContain('रिडीम हो सकता है')
    expect(byHeader.text).toContain('href="?lang=en"')
    const byToggle = await get(`${url}?lang=hi`, { 'accept-language': 'en' })
    expect(byToggle.text).toContain('आज का मूल्य')
    expect((await get(`${url}?lang=en`, { 'accept-language': 'hi' })).text).toContain(
      '<html lang="en">',
    )
  })

  it('sends a CSP allowing only its own stylesheet, and the usual security headers', async () => {
    const page = await get(url)
    const csp = page.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/)
    expect(csp).not.toContain('unsafe-inline')
    expect(page.text).not.toContain('<script')
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    expect(page.headers.get('cache-control')).toBe('no-store')
  })

  it('shows one plain "not valid" page for an altered byte, another kiosk, or garbage', async () => {
    const other = await ho.register('MH01', 'K2')
    const failures = [
      alter(url, 1), // the plan id
      alter(url, 20), // the kiosk id
      alter(url, -1), // the MAC
      // A token of another kiosk's key claiming to be K1's: made with K2's secret.
      linkFor(ho, 'MH01', 'K1', other, planId),
      // A genuine K2 token for K1's plan id: the plan is not that kiosk's.
      linkFor(ho, 'MH01', 'K2', other, planId),
      // An unknown kiosk.
      linkFor(ho, 'MH99', 'K1', secret, planId),
      `${ho.url}/p/not-a-token`,
      `${ho.url}/p/${'A'.repeat(55)}`,
    ]
    const pages = await Promise.all(failures.map((u) => get(u)))
    const body = (text: string) => text.replace(/<title>.*<\/title>/, '')
    for (const page of pages) {
      expect(page.status).toBe(404)
      expect(page.text).toContain(NOT_VALID_EN)
      expect(page.text).not.toContain('Redmi')
      expect(body(page.text)).toBe(body(pages[0]!.text))
    }
  })

  it('says the plan is on its way until it has synced', async () => {
    const page = await get(linkFor(ho, 'MH01', 'K1', secret, randomUUID()))
    expect(page.status).toBe(200)
    expect(page.text).toContain('on its way')
    expect(page.text).toContain('look again in a few hours')
    expect(page.text).not.toContain('Redmi')
  })

  it('shows a cancelled plan as cancelled, without a value', async () => {
    const event = pair.kiosk.enroll({ purchaseDate: '2026-11-20', enrolledOn: '2026-11-20' })
    const id = randomUUID()
    event.payload.planId = id
    expect((await pair.http.push([event])).results[0]!.status).toBe('applied')
    const cancel = pair.kiosk.cancel(event, '2026-11-21')
    expect((await pair.http.push([cancel])).results[0]!.status).toBe('applied')
    const page = await get(linkFor(ho, 'MH01', 'K1', secret, id))
    expect(page.status).toBe(200)
    expect(page.text).toContain('Cancelled')
    expect(page.text).not.toContain('Value today')
  })

  it('shows nothing once head office revokes the plan’s page (admin only)', async () => {
    const refused = await fetch(`${ho.url}/admin/plans/${planNumber}/public-page/revoke`, {
      method: 'POST',
    })
    expect(refused.status).toBe(401)
    expect((await get(url)).status).toBe(200)
    const revoked = await ho.admin('POST', `/admin/plans/${planNumber}/public-page/revoke`, {})
    expect(revoked.json).toEqual({ ok: true, data: { revoked: true } })
    const page = await get(url)
    expect(page.status).toBe(404)
    expect(page.text).toContain(NOT_VALID_EN)
    expect(page.text).not.toContain('Redmi')
  })
})

describe('public plan page rate limit', () => {
  it('refuses an address past its budget', async () => {
    const ho = await startHeadOffice('sqlite', { planPageRateLimit: { max: 3, windowMs: 60_000 } })
    try {
      const statuses: number[] = []
      for (let i = 0; i < 5; i++) statuses.push((await get(`${ho.url}/p/not-a-token`)).status)
      expect(statuses).toEqual([404, 404, 404, 429, 429])
    } finally {
      await ho.close()
    }
  })
})
