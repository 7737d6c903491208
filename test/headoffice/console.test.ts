import { Secret, TOTP } from 'otpauth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../headoffice/app'
import { silentLogger } from '../../headoffice/logger'
import { liabilityReport } from '../../headoffice/services/reports'
import { createConsoleUser } from '../../headoffice/services/console-users'
import { consoleClient } from './console-client'
import { fakeKiosk } from './fixtures'
import { ADMIN_TOKEN, adminCli, startHeadOffice, TARGETS, type TestHeadOffice } from './harness'

const totpCode = (secret: string, at: number) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at })

describe.each(TARGETS)('head-office console: people and access (%s)', (kind) => {
  let ho: TestHeadOffice
  let adminPassword: string
  beforeAll(async () => {
    ho = await startHeadOffice(kind)
    const made = await createConsoleUser(
      ho.ds,
      { email: 'Asha@Brand.example', role: 'admin', actor: 'cli' },
      ho.now.value,
    )
    adminPassword = made.oneTimePassword as string
  }, 60_000)
  afterAll(async () => ho.close())

  it('signs in with a password; the cookie is HttpOnly, SameSite=Strict, never Secure over plain HTTP', async () => {
    const c = consoleClient(ho.url)
    const r = await c.signIn('asha@brand.example', adminPassword)
    expect(r.status).toBe(200)
    expect(r.json.data.stage).toBe('full')
    const cookie = r.cookies.find((x) => x.startsWith('ho_console='))
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    expect(cookie).not.toMatch(/Secure/)
    const me = await c.call('GET', '/session')
    expect(me.json.data.user).toMatchObject({ email: 'asha@brand.example', role: 'admin' })
  })

  it('marks the cookie Secure when the request came over TLS (a trusted proxy says so)', async () => {
    const behindProxy = buildApp({
      ds: ho.ds,
      box: ho.box,
      adminToken: ADMIN_TOKEN,
      clock: () => ho.now.value,
      logger: silentLogger,
      trustProxy: true,
    })
    const tls = { 'x-forwarded-proto': 'https' }
    const csrf = await behindProxy.inject({ method: 'GET', url: '/console/api/csrf', headers: tls })
    const secretCookie = csrf.cookies.find((x) => x.name === 'ho_console_csrf')
    expect(secretCookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict' })
    const r = await behindProxy.inject({
      method: 'POST',
      url: '/console/api/sign-in',
      headers: {
        ...tls,
        cookie: `ho_console_csrf=${secretCookie?.value}`,
        'x-csrf-token': (csrf.json() as { data: { csrfToken: string } }).data.csrfToken,
      },
      payload: { email: 'asha@brand.example', password: adminPassword },
    })
    expect(r.statusCode).toBe(200)
    expect(r.cookies.find((x) => x.name === 'ho_console')).toMatchObject({ secure: true })
    await behindProxy.close()
  })

  it('creates the first admin from the command line, with a one-time password that signs in', async () => {
    const out = await adminCli(ho, [
      'create-user',
      '--email',
      'ops@brand.example',
      '--role',
      'operations',
    ])
    const password = /One-time password[^\n]*\n\n {2}(\S+)/.exec(out)?.[1] as string
    expect(password.length).toBeGreaterThanOrEqual(20)
    const c = consoleClient(ho.url)
    expect((await c.signIn('ops@brand.example', password)).status).toBe(200)
    expect((await c.call('GET', '/fleet')).status).toBe(200)
    const stored = await ho.ds.query(
      `SELECT password_hash FROM ho_console_user WHERE email = 'ops@brand.example'`,
    )
    expect(stored[0].password_hash).toMatch(/^scrypt\$32768\$8\$1\$/)
    expect(stored[0].password_hash).not.toContain(password)
  }, 60_000)

  it('refuses a state-changing request without the CSRF token', async () => {
    const c = consoleClient(ho.url)
    await c.csrf()
    c.dropCsrf()
    const r = await c.call('POST', '/sign-in', {
      email: 'asha@brand.example',
      password: adminPassword,
    })
    expect(r.status).toBe(403)
  })

  it('never signs a person in with the shared admin token', async () => {
    const r = await fetch(`${ho.url}/console/api/session`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    })
    expect(r.status).toBe(401)
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('NOT_SIGNED_IN')
  })

  it('enrols TOTP, then asks for the code; a half-signed-in session sees nothing', async () => {
    const c = consoleClient(ho.url)
    await c.signIn('asha@brand.example', adminPassword)
    const { secret } = (await c.call('POST', '/totp/enrol')).json.data
    expect((await c.call('POST', '/totp/confirm', { code: '000000' })).status).toBe(401)
    const ok = await c.call('POST', '/totp/confirm', { code: totpCode(secret, ho.now.value) })
    expect(ok.status).toBe(200)

    const d = consoleClient(ho.url)
    expect((await d.signIn('asha@brand.example', adminPassword)).json.data.stage).toBe('totp')
    expect((await d.call('GET', '/session')).status).toBe(401)
    expect((await d.call('GET', '/dashboard')).status).toBe(401)
    const second = await d.call('POST', '/sign-in/totp', { code: totpCode(secret, ho.now.value) })
    expect(second.status).toBe(200)
    expect((await d.call('GET', '/session')).json.data.user.totp).toBe(true)

    const audit = (await d.call('GET', '/audit')).json.data
    expect(audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['user.create', 'user.totp-enrol']),
    )
  })

  it('enforces each role’s permissions on the server (403) and audits user changes', async () => {
    const admin = consoleClient(ho.url)
    const secretless = await createConsoleUser(
      ho.ds,
      {
        email: 'care@brand.example',
        role: 'customer-care',
        actor: 'cli',
        password: 'care-password-123',
      },
      ho.now.value,
    )
    expect(secretless.oneTimePassword).toBeNull()
    const care = consoleClient(ho.url)
    await care.signIn('care@brand.example', 'care-password-123')
    expect((await care.call('GET', '/plans?q=')).status).toBe(200)
    expect((await care.call('GET', '/fleet')).status).toBe(403)
    expect((await care.call('GET', '/dashboard')).status).toBe(403)
    expect((await care.call('GET', '/audit')).status).toBe(403)
    expect((await care.call('GET', '/users')).status).toBe(403)
    expect(
      (await care.call('POST', '/users', { email: 'x@y.example', role: 'admin' })).status,
    ).toBe(403)

    // the admin (TOTP enrolled by the test above) changes care's role: audited before/after
    expect((await admin.signIn('asha@brand.example', adminPassword)).json.data.stage).toBe('totp')
    const users = (
      await (async () => {
        const rows = await ho.ds.query(
          `SELECT totp_secret FROM ho_console_user WHERE email = 'asha@brand.example'`,
        )
        const secret = ho.box.open(rows[0].totp_secret as string)
        await admin.call('POST', '/sign-in/totp', { code: totpCode(secret, ho.now.value) })
        return admin.call('GET', '/users')
      })()
    ).json.data as { userId: string; email: string }[]
    const careId = users.find((u) => u.email === 'care@brand.example')?.userId
    const patched = await admin.call('PATCH', `/users/${careId}`, {
      role: 'operations',
      active: true,
    })
    expect(patched.status).toBe(200)
    expect((await care.call('GET', '/plans')).status).toBe(401) // sessions end on a role change
    const audit = (await admin.call('GET', '/audit')).json.data as { action: string }[]
    expect(audit.find((a) => a.action === 'user.update')).toMatchObject({
      actor: 'asha@brand.example',
      action: 'user.update',
      subject: 'care@brand.example',
      before: { role: 'customer-care', active: true },
      after: { role: 'operations', active: true },
    })
  })

  it('locks an account after five wrong passwords, even for the right one', async () => {
    await createConsoleUser(
      ho.ds,
      { email: 'fin@brand.example', role: 'finance', actor: 'cli', password: 'finance-password-1' },
      ho.now.value,
    )
    const c = consoleClient(ho.url)
    for (let i = 0; i < 5; i++) {
      expect((await c.signIn('fin@brand.example', 'wrong-password-xx')).status).toBe(401)
    }
    expect((await c.signIn('fin@brand.example', 'finance-password-1')).status).toBe(429)
    ho.now.value += 16 * 60_000
    expect((await c.signIn('fin@brand.example', 'finance-password-1')).status).toBe(200)
  })

  it('ends a session idle for longer than the timeout', async () => {
    const c = consoleClient(ho.url)
    await c.signIn('fin@brand.example', 'finance-password-1')
    ho.now.value += 29 * 60_000
    expect((await c.call('GET', '/session')).status).toBe(200)
    ho.now.value += 29 * 60_000
    expect((await c.call('GET', '/session')).status).toBe(200)
    ho.now.value += 31 * 60_000
    expect((await c.call('GET', '/session')).status).toBe(401)
  })

  it('answers the dashboard (enrolments per day, liability by band) and the plan search', async () => {
    const kiosk = fakeKiosk('MH01', 'K9')
    const http = ho.client('MH01', 'K9', await ho.register('MH01', 'K9'))
    const plans = [
      kiosk.enroll({ purchaseDate: '2026-03-02', mobile: '9811100001' }),
      kiosk.enroll({ purchaseDate: '2026-11-10', mobile: '9811100002' }),
      kiosk.enroll({ purchaseDate: '2026-11-10', mobile: '9811100002' }),
    ]
    await http.push(plans)
    const c = consoleClient(ho.url)
    await c.signIn('fin@brand.example', 'finance-password-1')
    const dash = (await c.call('GET', '/dashboard?from=2026-11-01&to=2026-11-30')).json.data
    expect(dash.enrolledPerDay.filter((d: { plans: number }) => d.plans > 0)).toEqual([
      { day: '2026-11-10', plans: 2 },
    ])
    // The same figures as the liability report, which values each plan by shared/domain's rules.
    const owed = (await c.call('GET', '/dashboard/liability')).json.data
    const report = await liabilityReport(ho.ds, owed.asOf)
    const byBand = (band: string) =>
      report.filter((l) => l.band === band).reduce((s, l) => s + l.liabilityPaise, 0)
    expect(owed.byBand.map((b: { band: string }) => b.band)).toEqual(['too-early', '60%'])
    for (const b of owed.byBand) expect(b.liabilityPaise).toBe(byBand(b.band))
    expect(owed.byBand[0].plans).toBe(2)

    const byMobile = (await c.call('GET', '/plans?q=9811100002&page=1&pageSize=1')).json.data
    expect(byMobile.total).toBe(2)
    expect(byMobile.plans).toHaveLength(1)
    const page2 = (await c.call('GET', '/plans?q=9811100002&page=2&pageSize=1')).json.data
    expect(page2.plans[0].planNumber).not.toBe(byMobile.plans[0].planNumber)
    const byPlan = await c.call('GET', `/plans?q=${plans[0]?.payload.planNumber}`)
    // The mobile masked, the name hidden from finance (docs/console.md#what-the-console-shows-of-a-person).
    expect(byPlan.json.data.plans.map((p: { mobile: string }) => p.mobile)).toEqual(['XXXXXX0001'])
    expect(byPlan.json.data.plans[0].customerName).toBeNull()
    const byImei = await c.call('GET', `/plans?q=${plans[0]?.payload.imeis[0]}`)
    expect(byImei.json.data.total).toBe(1)
  })

  it('lists the open conflicts and resolves one with a note, audited (fraud-audit only)', async () => {
    const a = fakeKiosk('MH02', 'K1')
    const b = fakeKiosk('MH03', 'K1')
    const httpA = ho.client('MH02', 'K1', await ho.register('MH02', 'K1'))
    const httpB = ho.client('MH03', 'K1', await ho.register('MH03', 'K1'))
    const plan = a.enroll({ purchaseDate: '2026-01-05' })
    await httpA.push([plan])
    await httpA.push([a.redeem(plan, '2026-05-06', { newPricePaise: 1_000_000 })])
    await httpB.push([b.redeem(plan, '2026-05-06', { newPricePaise: 1_000_000 })])
    await createConsoleUser(
      ho.ds,
      {
        email: 'fraud@brand.example',
        role: 'fraud-audit',
        actor: 'cli',
        password: 'fraud-password-12',
      },
      ho.now.value,
    )
    const fin = consoleClient(ho.url)
    await fin.signIn('fin@brand.example', 'finance-password-1')
    expect((await fin.call('GET', '/conflicts')).status).toBe(403)

    const fraud = consoleClient(ho.url)
    await fraud.signIn('fraud@brand.example', 'fraud-password-12')
    const open = (await fraud.call('GET', '/conflicts')).json.data as {
      conflictId: string
      planNumber: string
    }[]
    const mine = open.find((c) => c.planNumber === plan.payload.planNumber)
    expect(mine).toBeDefined()
    const resolved = await fraud.call('POST', `/conflicts/${mine?.conflictId}/resolve`, {
      resolution: 'Second store refunded the customer.',
    })
    expect(resolved.status).toBe(200)
    const still = (await fraud.call('GET', '/conflicts')).json.data as { conflictId: string }[]
    expect(still.map((c) => c.conflictId)).not.toContain(mine?.conflictId)
    const audit = (await fraud.call('GET', '/audit')).json.data as { action: string }[]
    expect(audit.find((l) => l.action === 'conflict.resolve')).toMatchObject({
      actor: 'fraud@brand.example',
      before: { status: 'open', resolution: null },
      after: { status: 'resolved', resolution: 'Second store refunded the customer.' },
    })
  })
})
