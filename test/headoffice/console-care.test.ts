import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assuredValue, valueTimeline } from '../../shared/domain'
import { formatPlanNumber } from '../../shared/domain/plan-number'
import { silentLogger } from '../../headoffice/logger'
import { dispatchDue } from '../../headoffice/notifications/dispatcher'
import { PermanentSendError, type SmsSender } from '../../headoffice/notifications/senders'
import { createConsoleUser } from '../../headoffice/services/console-users'
import { smsSink } from './counter-sinks'
import { fakeKiosk } from './fixtures'
import { count, startHeadOffice, TARGETS, type TestHeadOffice } from './harness'

// Issue 21, customer care in the console (docs/console.md#plan-story): a plan's story, resending
// its details, the notifications log with retry, data-principal requests — on both engines.

const DLT = {
  'plan-enrolled': '1107170000000000201',
  'step-down-reminder': '1107170000000000202',
  'redemption-confirmed': '1107170000000000203',
  'redemption-otp': '1107170000000000204',
}
const HMAC = 'ab'.repeat(32)
const PHOTO = 'c0'.repeat(32)

/** A browser's view of the console API: a cookie jar and the CSRF header. */
function consoleClient(base: string) {
  const jar = new Map<string, string>()
  let csrf = ''
  async function call(method: string, path: string, body?: unknown) {
    const response = await fetch(`${base}/console/api${path}`, {
      method,
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    for (const c of response.headers.getSetCookie()) {
      const [k, v] = ((c.split(';')[0] as string).split('=') as [string, string]).map(String)
      if (v === '') jar.delete(k as string)
      else jar.set(k as string, v as string)
    }
    const text = await response.text()
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read any answer
    return { status: response.status, json: JSON.parse(text) as any, text }
  }
  return {
    call,
    async signIn(email: string, password: string) {
      csrf = (await call('GET', '/csrf')).json.data.csrfToken
      const r = await call('POST', '/sign-in', { email, password })
      expect(r.status).toBe(200)
    },
  }
}

describe.each(TARGETS)('console customer care (%s)', (kind) => {
  let ho: TestHeadOffice
  let sms: Awaited<ReturnType<typeof smsSink>>
  const people: Record<string, ReturnType<typeof consoleClient>> = {}
  const passwords = new Map<string, string>()
  /** Moves head office's clock on; everyone signs in again (sessions end after 30 idle minutes). */
  async function later(ms: number): Promise<void> {
    ho.now.value += ms
    for (const [email, password] of passwords) {
      const role = roleOf.get(email) as string
      people[role] = consoleClient(ho.url)
      await people[role].signIn(email, password)
    }
  }
  const roleOf = new Map<string, string>()
  const kiosk = fakeKiosk('MH01', 'K1')
  // Bought 2026-08-20: redeemable at 70% on the harness's 2026-11-28, stepping down 2026-12-20.
  const active = kiosk.enroll({
    purchaseDate: '2026-08-20',
    name: 'Asha Kulkarni',
    mobile: '9876543210',
    email: 'asha.k@example.in',
  })
  const redeemed = kiosk.enroll({
    purchaseDate: '2026-05-10',
    name: 'Imran Qureshi',
    mobile: '9811144455',
    email: null,
    planNumber: formatPlanNumber('MH01', 'K1', 90),
  })
  const redemption = kiosk.redeem(redeemed, '2026-11-20', { newPricePaise: 1_999_900 })
  const cancelled = kiosk.enroll({
    purchaseDate: '2026-11-25',
    name: 'Ravi Menon',
    mobile: '9811122233',
    email: null,
  })
  const inspection = kiosk.inspect(active, '2026-11-27')
  inspection.payload.answers = [
    { itemId: 'screen', result: 'pass', note: null, photoHash: PHOTO },
    { itemId: 'body', result: 'pass', note: null, photoHash: null },
  ]
  // An older kiosk still sent the customer's ID hash: it must never reach the console.
  active.payload.customer.aadhaarHmac = HMAC

  const dispatch = (sender: SmsSender) =>
    dispatchDue({
      ds: ho.ds,
      sms: sender,
      email: null,
      clock: () => ho.now.value,
      logger: silentLogger,
    })

  beforeAll(async () => {
    sms = await smsSink()
    ho = await startHeadOffice(kind, { smsTemplateIds: DLT })
    const http = ho.client('MH01', 'K1', await ho.register('MH01', 'K1'))
    const pushed = await http.push([
      active,
      cancelled,
      inspection,
      kiosk.cancel(cancelled, '2026-11-26'),
      redeemed,
      redemption,
      kiosk.collect(redemption, '2026-11-25'),
    ])
    expect(pushed.results.every((r) => r.status === 'applied')).toBe(true)
    // The same plan redeemed again at another store: a conflict for the queue.
    const other = fakeKiosk('MS01', 'K1')
    const otherHttp = ho.client('MS01', 'K1', await ho.register('MS01', 'K1'))
    await otherHttp.push([other.redeem(redeemed, '2026-11-21', { newPricePaise: 1_999_900 })])
    for (const [email, role] of [
      ['admin@brand.example', 'admin'],
      ['care@brand.example', 'customer-care'],
      ['fin@brand.example', 'finance'],
      ['ops@brand.example', 'operations'],
      ['fraud@brand.example', 'fraud-audit'],
    ] as const) {
      const password = `${role}-password-123`
      await createConsoleUser(ho.ds, { email, role, actor: 'cli', password }, ho.now.value)
      passwords.set(email, password)
      roleOf.set(email, role)
    }
    await later(0)
  }, 60_000)
  afterAll(async () => {
    await ho?.close()
    await sms?.close()
  })
  const care = () => people['customer-care'] as ReturnType<typeof consoleClient>
  const planPath = (n: string) => `/plans/${encodeURIComponent(n)}`

  it("tells a plan's whole story, valued by shared/domain, with the customer masked", async () => {
    const r = await care().call('GET', planPath(active.payload.planNumber))
    expect(r.status).toBe(200)
    const story = r.json.data
    expect(story.enrollment).toMatchObject({
      storeCode: 'MH01',
      kioskCode: 'K1',
      enrolledOn: '2026-08-20',
      modelName: 'Redmi Note 9',
      imeis: active.payload.imeis,
      srpPaise: 1_199_900,
      feePaise: 49_900,
      catalogVersion: '2026.11.1',
    })
    expect(story.customer).toEqual({
      name: 'Asha Kulkarni',
      mobile: 'XXXXXX3210',
      email: 'a•••@example.in',
      idType: 'pan',
      idMasked: 'XXXXX1234X',
    })
    const input = { srpPaise: 1_199_900, purchaseDate: '2026-08-20' }
    expect(story.value.quote).toEqual(assuredValue({ ...input, onDate: '2026-11-28' }))
    expect(story.value.timeline).toEqual(valueTimeline(input.srpPaise, input.purchaseDate))
    expect(story.value.nextStepDown).toEqual(story.value.quote.next)
    expect(story.value.quote.status).toBe('redeemable')
    expect(story.inspections).toEqual([
      expect.objectContaining({
        verdict: 'eligible',
        technicianCode: 'T1',
        photos: [{ itemId: 'screen', sha256: PHOTO }],
      }),
    ])
    expect(story.documents[0]).toMatchObject({
      kind: 'tax-invoice',
      number: active.payload.taxInvoiceNumber,
      amountPaise: 49_900,
    })
    // The enrollment's own messages: SMS with its DLT id, e-mail; addresses masked.
    expect(story.notifications).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          channel: 'sms',
          template: 'plan-enrolled',
          dltTemplateId: DLT['plan-enrolled'],
          recipient: 'XXXXXX3210',
          status: 'pending',
        }),
        expect.objectContaining({ channel: 'email', recipient: 'a•••@example.in' }),
      ]),
    )
    expect(story.history.map((h: { what: string }) => h.what)).toEqual([
      'enrolled',
      'inspected: eligible',
    ])
    expect(story.resend).toEqual({ allowed: true, reason: null })
    expect(story.publicPage).toMatchObject({ revoked: false })
    // What it must not contain: the full mobile, the e-mail, the ID hash an old kiosk sent.
    expect(r.text).not.toContain('9876543210')
    expect(r.text).not.toContain('asha.k@')
    expect(r.text).not.toContain(HMAC)
    expect(r.text).not.toMatch(/aadhaar/i)
  })

  it("shows finance the plan's figures but not the customer's name; a cancelled plan's credit note", async () => {
    const fin = people.finance as ReturnType<typeof consoleClient>
    const r = await fin.call('GET', planPath(cancelled.payload.planNumber))
    expect(r.status).toBe(200)
    expect(r.json.data.customer.name).toBeNull()
    expect(r.text).not.toContain('Ravi')
    expect(r.json.data.status).toBe('cancelled')
    expect(r.json.data.documents.map((d: { kind: string }) => d.kind)).toEqual([
      'tax-invoice',
      'credit-note',
    ])
    expect(r.json.data.history.at(-1).what).toBe('cancelled: Changed mind')
    expect(r.json.data.resend.allowed).toBe(false)
    expect((await care().call('GET', planPath('MH01-K1-0000000-X'))).status).toBe(404)
    expect((await people.operations!.call('GET', planPath(active.payload.planNumber))).status).toBe(
      403,
    )
  })

  it("shows a redeemed plan's voucher and new phone's invoice, the conflict it met, and refuses to resend", async () => {
    const fraud = people['fraud-audit'] as ReturnType<typeof consoleClient>
    // Head office revoked its public page (the admin desk): the story says so.
    const revoked = await ho.admin(
      'POST',
      `/admin/plans/${encodeURIComponent(redeemed.payload.planNumber)}/public-page/revoke`,
      {},
    )
    expect(revoked.status).toBe(200)
    const story = (await fraud.call('GET', planPath(redeemed.payload.planNumber))).json.data
    expect(story.status).toBe('redeemed')
    expect(story.publicPage).toEqual({ issued: false, revoked: true, revokedAt: ho.now.value })
    // The second store's papers too, marked as the conflict's.
    const docs = story.documents as {
      kind: string
      number: string
      where: string
      conflict: boolean
    }[]
    expect(docs.map((d) => [d.kind, d.number, d.where, d.conflict])).toEqual([
      ['tax-invoice', redeemed.payload.taxInvoiceNumber, 'MH01/K1', false],
      ['exchange-voucher', redemption.payload.exchangeVoucherNumber, 'MH01/K1', false],
      ['new-phone-invoice', redemption.payload.newDevice.salesInvoiceNumber, 'MH01/K1', false],
      ['exchange-voucher', expect.any(String), 'MS01/K1', true],
      ['new-phone-invoice', expect.any(String), 'MS01/K1', true],
    ])
    expect(story.redemptions).toEqual([
      expect.objectContaining({
        onDate: '2026-11-20',
        percent: redemption.payload.percent,
        creditPaise: redemption.payload.creditPaise,
        status: 'credited',
        deviceStatus: 'collected',
      }),
      expect.objectContaining({ onDate: '2026-11-21', storeCode: 'MS01', status: 'conflict' }),
    ])
    expect(story.conflicts).toEqual([
      expect.objectContaining({ kind: 'double-redemption', status: 'open' }),
    ])
    expect(story.history.map((h: { what: string }) => h.what)).toEqual([
      'enrolled',
      'redeemed',
      'redemption conflict',
      'old phone collected',
    ])
    expect(story.resend.allowed).toBe(false)
    const resend = await care().call('POST', `${planPath(redeemed.payload.planNumber)}/resend`)
    expect(resend.status).toBe(409)
    expect(resend.json.error.code).toBe('PLAN_REDEEMED')
  })

  it('resends the details through the dispatcher to the number on record, audited, three times a day', async () => {
    const path = `${planPath(active.payload.planNumber)}/resend`
    const first = await care().call('POST', path)
    expect(first.status).toBe(200)
    expect(first.json.data.queued.map((q: { channel: string }) => q.channel)).toEqual([
      'sms',
      'email',
    ])
    expect(first.text).not.toContain('9876543210')
    await dispatch(sms.sender)
    const smsId = first.json.data.queued[0].id as string
    const delivered = sms.sent.filter((s) => s.clientRef === smsId)
    expect(delivered).toHaveLength(1)
    expect(delivered[0]).toMatchObject({ to: '919876543210', templateId: DLT['plan-enrolled'] })
    expect(delivered[0]?.message).toContain(active.payload.planNumber)

    expect((await care().call('POST', path)).status).toBe(200)
    expect((await people.admin!.call('POST', path)).status).toBe(200)
    const fourth = await care().call('POST', path)
    expect(fourth.status).toBe(429)
    expect(fourth.json.error.code).toBe('RATE_LIMITED')
    expect(fourth.json.error.message).toMatch(/already resent 3 times/)
    const audit = (await people.admin!.call('GET', '/audit')).json.data as {
      action: string
      actor: string
      subject: string
    }[]
    const resends = audit.filter((a) => a.action === 'plan.resend')
    expect(resends).toHaveLength(3)
    expect(resends.map((a) => a.actor).sort()).toEqual([
      'admin@brand.example',
      'care@brand.example',
      'care@brand.example',
    ])
    expect(JSON.stringify(resends)).not.toContain('9876543210')
    // A day later the count starts again.
    await later(24 * 3600_000 + 1)
    expect((await care().call('POST', path)).status).toBe(200)
  })

  it('refuses to resend for a cancelled plan, and to roles without plans.resend', async () => {
    const r = await care().call('POST', `${planPath(cancelled.payload.planNumber)}/resend`)
    expect(r.status).toBe(409)
    expect(r.json.error).toMatchObject({ code: 'PLAN_CANCELLED' })
    expect(r.json.error.message).toMatch(/was cancelled: its details are not sent again/)
    const path = `${planPath(active.payload.planNumber)}/resend`
    expect((await people.finance!.call('POST', path)).status).toBe(403)
    expect((await people['fraud-audit']!.call('POST', path)).status).toBe(403)
    expect((await people.operations!.call('POST', path)).status).toBe(403)
  })

  it('lists the notifications log with filters and paging, masked, and retries a failed one (audited)', async () => {
    // The gateway refuses the next messages for good, quoting the number (as gateways do).
    const refusing: SmsSender = {
      send: async (m) => {
        throw new PermanentSendError(`DLT scrubbing rejected +91${m.to}`)
      },
    }
    const queued = await care().call('POST', `${planPath(active.payload.planNumber)}/resend`)
    await dispatch(refusing)
    const ops = people.operations as ReturnType<typeof consoleClient>
    const failed = await ops.call('GET', '/notifications?status=failed&channel=sms')
    expect(failed.status).toBe(200)
    const line = failed.json.data.notifications.find(
      (n: { id: string }) => n.id === queued.json.data.queued[0].id,
    )
    expect(line).toMatchObject({
      status: 'failed',
      channel: 'sms',
      recipient: 'XXXXXX3210',
      dltTemplateId: DLT['plan-enrolled'],
      attempts: 1,
      lastError: 'DLT scrubbing rejected XXXXXX3210',
    })
    expect(failed.text).not.toContain('9876543210')
    expect(failed.text).not.toContain('asha.k@')

    const all = (await ops.call('GET', '/notifications?pageSize=2&page=1')).json.data
    expect(all.total).toBe(await count(ho.ds, 'ho_notification'))
    expect(all.notifications).toHaveLength(2)
    const page2 = (await ops.call('GET', '/notifications?pageSize=2&page=2')).json.data
    expect(page2.notifications[0].id).not.toBe(all.notifications[0].id)
    const emails = (await ops.call('GET', '/notifications?channel=email')).json.data
    expect(emails.notifications.every((n: { channel: string }) => n.channel === 'email')).toBe(true)
    // Dates are India's calendar days: the enrollments' messages were queued on 2026-11-28.
    expect((await ops.call('GET', '/notifications?to=2026-11-27')).json.data.total).toBe(0)
    const firstDay = (await ops.call('GET', '/notifications?from=2026-11-28&to=2026-11-28')).json
      .data.total
    expect(firstDay).toBeGreaterThan(0)
    expect(firstDay).toBeLessThan(all.total)
    expect((await ops.call('GET', '/notifications?status=lost')).status).toBe(400)
    const ofPlan = (await ops.call('GET', `/notifications?plan=${cancelled.payload.planNumber}`))
      .json.data
    expect(ofPlan.total).toBe(
      await count(ho.ds, 'ho_notification', 'plan_number = ?', [cancelled.payload.planNumber]),
    )
    expect(ofPlan.total).toBeGreaterThan(0)

    const retryPath = `/notifications/${line.id}/retry`
    expect((await care().call('POST', retryPath)).status).toBe(403)
    const retried = await ops.call('POST', retryPath)
    expect(retried.status).toBe(200)
    expect(retried.json.data.status).toBe('pending')
    const again = await ops.call('POST', retryPath)
    expect(again.status).toBe(409)
    expect(again.json.error.code).toBe('NOTIFICATION_NOT_RETRYABLE')
    await dispatch(sms.sender)
    expect(sms.sent.filter((s) => s.clientRef === line.id)).toHaveLength(1)
    const audit = (await people.admin!.call('GET', '/audit')).json.data as {
      action: string
      actor: string
      before: { status: string; lastError: string }
    }[]
    expect(audit.find((a) => a.action === 'notification.retry')).toMatchObject({
      actor: 'ops@brand.example',
      before: { status: 'failed', lastError: 'DLT scrubbing rejected XXXXXX3210' },
    })
    expect((await people.finance!.call('GET', '/notifications')).status).toBe(403)
    expect((await people['fraud-audit']!.call('GET', '/notifications')).status).toBe(403)
  })

  it('takes a data-principal request after checking the ID, with a due date; completes it (erasure)', async () => {
    const before = await count(ho.ds, 'ho_privacy_request')
    const mismatch = await care().call('POST', '/privacy/requests', {
      kind: 'erasure',
      planNumber: cancelled.payload.planNumber,
      channel: 'phone',
      idLast4: '9999',
    })
    expect(mismatch.status).toBe(400)
    expect(mismatch.json.error.code).toBe('PRIVACY_IDENTITY_MISMATCH')
    expect(await count(ho.ds, 'ho_privacy_request')).toBe(before)

    const today = new Date(ho.now.value + 5.5 * 3600_000).toISOString().slice(0, 10)
    const taken = await care().call('POST', '/privacy/requests', {
      kind: 'erasure',
      planNumber: cancelled.payload.planNumber,
      channel: 'phone',
      idLast4: '234x',
    })
    expect(taken.status).toBe(200)
    const request = taken.json.data
    expect(request).toMatchObject({
      kind: 'erasure',
      status: 'open',
      source: 'headoffice',
      receivedOn: today,
      overdue: false,
      identityCheck: 'ID last 4 matched (phone)',
      raisedBy: 'care@brand.example',
      planNumbers: [cancelled.payload.planNumber],
    })
    const due = new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86_400_000)
    expect(request.dueOn).toBe(due.toISOString().slice(0, 10))
    expect((await people.finance!.call('GET', '/privacy/requests')).status).toBe(403)
    expect((await people.operations!.call('GET', '/privacy/requests')).status).toBe(403)

    // What it would reach, before the desk decides: the person's plans, contact masked.
    const held = await care().call('GET', `/privacy/requests/${request.requestId}/summary`)
    expect(held.status).toBe(200)
    expect(held.json.data.customer).toEqual({
      name: 'Ravi Menon',
      mobile: 'XXXXXX2233',
      email: null,
      idMasked: 'XXXXX1234X',
    })
    expect(held.json.data.plans.map((p: { planNumber: string }) => p.planNumber)).toEqual([
      cancelled.payload.planNumber,
    ])
    expect(held.text).not.toContain('9811122233')
    expect(
      (await people.finance!.call('GET', `/privacy/requests/${request.requestId}/summary`)).status,
    ).toBe(403)

    // Past its due date and still open: overdue.
    await later(31 * 86_400_000)
    const open = (await care().call('GET', '/privacy/requests?status=open')).json.data
    expect(
      open.find((r: { requestId: string }) => r.requestId === request.requestId),
    ).toMatchObject({ overdue: true })
    const done = await care().call('POST', `/privacy/requests/${request.requestId}/decide`, {
      action: 'complete',
      note: 'Erased; customer told by phone.',
    })
    expect(done.status).toBe(200)
    expect(done.json.data).toMatchObject({ status: 'completed', overdue: false })
    const closedAgain = await care().call('POST', `/privacy/requests/${request.requestId}/decide`, {
      action: 'complete',
      note: 'again',
    })
    expect(closedAgain.json.error.code).toBe('PRIVACY_REQUEST_CLOSED')

    // The erased plan's story says so and shows nobody; its details cannot be resent.
    const story = (await care().call('GET', planPath(cancelled.payload.planNumber))).json.data
    expect(story).toMatchObject({ erased: true, customer: null })
    expect(story.privacyRequests).toEqual([
      expect.objectContaining({ kind: 'erasure', status: 'completed' }),
    ])
    const resend = await care().call('POST', `${planPath(cancelled.payload.planNumber)}/resend`)
    expect(resend.json.error.code).toBe('PRIVACY_ALREADY_ERASED')
    const again = await care().call('POST', '/privacy/requests', {
      kind: 'access',
      planNumber: cancelled.payload.planNumber,
      channel: 'letter',
      idLast4: '234X',
    })
    expect(again.json.error.code).toBe('PRIVACY_ALREADY_ERASED')

    const audit = (await people.admin!.call('GET', '/audit')).json.data as {
      action: string
      actor: string
      after: unknown
    }[]
    expect(audit.find((a) => a.action === 'privacy.intake')).toMatchObject({
      actor: 'care@brand.example',
      after: {
        requestId: request.requestId,
        kind: 'erasure',
        identityCheck: 'ID last 4 matched (phone)',
      },
    })
    expect(audit.find((a) => a.action === 'privacy.complete')).toMatchObject({
      after: { status: 'completed' },
    })
  })

  it('applies a correction on arrival and keeps its new values out of the audit', async () => {
    const r = await care().call('POST', '/privacy/requests', {
      kind: 'correction',
      planNumber: active.payload.planNumber,
      channel: 'email',
      idLast4: '234X',
      correction: { name: 'Asha K Kulkarni' },
    })
    expect(r.status).toBe(200)
    expect(r.json.data.status).toBe('completed')
    const story = (await care().call('GET', planPath(active.payload.planNumber))).json.data
    expect(story.customer.name).toBe('Asha K Kulkarni')
    const audit = await people.admin!.call('GET', '/audit')
    expect(audit.text).not.toContain('Asha K Kulkarni')
    const empty = await care().call('POST', '/privacy/requests', {
      kind: 'correction',
      planNumber: active.payload.planNumber,
      channel: 'email',
      idLast4: '234X',
    })
    expect(empty.json.error.code).toBe('PRIVACY_CORRECTION_EMPTY')
  })
})
