import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { parseQrPayload } from '../../../../renderer/src/qr-payload'
import { decodePlanToken } from '../../../../shared/domain/plan-token'
import { TARGETS, startHeadOffice, type TestHeadOffice } from '../../../headoffice/harness'
import { join } from 'node:path'
import { createFileSecretStore } from '../../../../electron/core/sync/secret-store'
import { enrollmentRequest, fixedClock, makeCore, tempDir, type TestCore } from '../helpers'
import { demoCatalog, followClock, signInAll, syncedCore } from './support'

/**
 * Issue 22: the plan certificate's QR code carries head office's public plan page with a token
 * the kiosk makes offline; head office shows the plan once it has synced; the kiosk's scan
 * reads the link back to the plan (and the old bare plan numbers still).
 */
describe.each(TARGETS)('the certificate’s link to the public plan page, on %s', (kind) => {
  let ho: TestHeadOffice
  const clock = fixedClock()
  const cores: TestCore[] = []

  beforeAll(async () => {
    ho = await startHeadOffice(kind, { start: clock(), catalog: false })
    followClock(ho, clock)
    expect((await ho.admin('POST', '/admin/catalogs', demoCatalog())).status).toBe(200)
  })
  afterEach(async () => {
    for (const c of cores.splice(0)) await c.cleanup()
  })
  afterAll(async () => {
    await ho?.close()
  })

  it('is made offline, opens at head office once synced, and the scan finds the plan', async () => {
    const t = await syncedCore(ho, 'KL', { clock })
    cores.push(t)
    await signInAll(t)
    t.net.online = false
    const res = await t.ok('enrollment.create', enrollmentRequest())
    const planNumber = res.plan.planNumber as string
    // Made with the network down: head office's public URL and the token, not the plan number.
    const link = res.receipt.qrText as string
    expect(link.startsWith(`${ho.url}/p/`)).toBe(true)
    expect(link).not.toContain(planNumber)
    expect(link).not.toContain(planNumber.replace(/-/g, ''))
    const token = link.slice(`${ho.url}/p/`.length)
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,80}$/)
    expect(decodePlanToken(token)?.kioskId).toBe('MH01/KL')
    // The certificate says what the code is for, beside it.
    const preview = await t.ok('receipts.preview', { kind: 'enrollment', ref: planNumber })
    expect(preview.html).toContain('Scan this code with your phone to see your plan')
    const hindi = await t.ok('receipts.preview', {
      kind: 'enrollment',
      ref: planNumber,
      lang: 'hi',
    })
    expect(hindi.html).toContain('अपना प्लान देखने के लिए इस कोड को अपने फ़ोन से स्कैन करें')

    // Before the plan has synced, head office's page says so.
    expect(await (await fetch(link)).text()).toContain('on its way')
    t.net.online = true
    expect(await t.ok('sync.now', {})).toMatchObject({ pendingEvents: 0 })
    const page = await fetch(link)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Redmi Note 9')
    expect(html).not.toContain(planNumber)

    // The kiosk's scan: the link → the plan's random id → the plan this kiosk holds.
    const scanned = parseQrPayload(link)
    expect(scanned.kind).toBe('planLink')
    if (scanned.kind !== 'planLink') return
    const found = await t.ok('plans.lookup', { query: scanned.planId, by: 'planId' })
    expect(found.plans.map((p: { plan: { planNumber: string } }) => p.plan.planNumber)).toEqual([
      planNumber,
    ])
    // The old bare plan number still scans.
    expect(parseQrPayload(planNumber)).toMatchObject({ kind: 'plan', planNumber })
  })
})

describe('the certificate without head office (the demo)', () => {
  let t: TestCore
  afterEach(async () => {
    await t?.cleanup()
  })

  it('keeps the bare plan number in the QR code and says so beside it', async () => {
    t = await makeCore()
    await signInAll(t)
    const res = await t.ok('enrollment.create', enrollmentRequest())
    expect(res.receipt.qrText).toBe(res.plan.planNumber)
    const preview = await t.ok('receipts.preview', {
      kind: 'enrollment',
      ref: res.plan.planNumber,
    })
    expect(preview.html).toContain('This code is your plan number')
    expect(preview.html).not.toContain('/p/')
  })

  it('links to the configured public address, made with no head office reachable', async () => {
    const dir = tempDir()
    const secretStore = createFileSecretStore(join(dir, 'headoffice-secret'))
    await secretStore.set('a-secret-head-office-gave-this-kiosk')
    t = await makeCore({
      dataDir: dir,
      idleLockMinutes: 100_000,
      sync: {
        // Nothing listens here: the link is made offline all the same.
        baseUrl: 'http://127.0.0.1:9',
        publicPlanUrl: 'https://plans.example.in/',
        secretStore,
        intervalMs: 3_600_000,
        fetch: (async () => {
          throw new TypeError('fetch failed (network down)')
        }) as typeof fetch,
      },
    })
    await signInAll(t)
    const res = await t.ok('enrollment.create', enrollmentRequest())
    expect(res.receipt.qrText).toMatch(/^https:\/\/plans\.example\.in\/p\/[A-Za-z0-9_-]{55}$/)
  })

  it('finds no plan by an id it does not hold, and refuses nothing else', async () => {
    t = await makeCore()
    await signInAll(t)
    const none = await t.ok('plans.lookup', {
      query: '00000000-0000-4000-8000-000000000000',
      by: 'planId',
    })
    expect(none.plans).toEqual([])
    expect((await t.ok('plans.lookup', { query: 'not-a-uuid', by: 'planId' })).plans).toEqual([])
  })
})
