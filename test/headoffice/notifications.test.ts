import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { silentLogger } from '../../headoffice/logger'
import { dispatchDue, retryDelay } from '../../headoffice/notifications/dispatcher'
import { createMailer, notificationMessageId } from '../../headoffice/notifications/mailer'
import { enqueueStepDownReminders } from '../../headoffice/notifications/reminders'
import type { EmailSender, SmsSender } from '../../headoffice/notifications/senders'
import { createSmsGateway } from '../../headoffice/notifications/sms-gateway'
import {
  SMS_TEMPLATES,
  assertMatchesTemplate,
  renderSms,
} from '../../headoffice/notifications/templates'
import { fakeKiosk } from './fixtures'
import { TARGETS, count, startHeadOffice, type TestHeadOffice } from './harness'

/** The DLT ids the test configures (production reads them from SMS_DLT_TEMPLATE_*). */
const TEMPLATE_IDS = {
  'plan-enrolled': '1107170000000000201',
  'step-down-reminder': '1107170000000000202',
  'redemption-confirmed': '1107170000000000203',
  'redemption-otp': '1107170000000000204',
} as const

/** What the SMS gateway adapter posts (the fields the assertions read; the rest as sent). */
interface SmsRequestBody {
  clientRef: string
  templateId: string
  message: string
  [field: string]: unknown
}

/**
 * A local SMS gateway that records requests and can be told to fail. Like a real DLT gateway it
 * honours `clientRef`: a repeat is acknowledged with the first message's id and not delivered again.
 */
async function smsRecorder() {
  const requests: Array<{ auth: string | undefined; body: SmsRequestBody }> = []
  /** What reached customers' phones: one message per clientRef. */
  const delivered = new Map<string, { messageId: string; body: SmsRequestBody }>()
  let failNext = 0
  const server: Server = createServer((req: IncomingMessage, res) => {
    let data = ''
    req.on('data', (c) => (data += c))
    req.on('end', () => {
      if (failNext > 0) {
        failNext -= 1
        res.writeHead(503).end('busy')
        return
      }
      const body = JSON.parse(data) as SmsRequestBody
      requests.push({ auth: req.headers.authorization, body })
      const first = delivered.get(body.clientRef)
      if (!first) delivered.set(body.clientRef, { messageId: `m${requests.length}`, body })
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          messageId: first?.messageId ?? `m${requests.length}`,
          duplicate: Boolean(first),
        }),
      )
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`,
    requests,
    delivered,
    failTimes(n: number) {
      failNext = n
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}

/** An in-process SMTP server capturing whole messages. */
async function smtpSink() {
  const messages: Array<{ to: string[]; raw: string }> = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = ''
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')))
      stream.on('end', () => {
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw })
        callback()
      })
    },
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const port = (server.server.address() as AddressInfo).port
  return { port, messages, close: () => new Promise<void>((r) => server.close(() => r())) }
}

/** Quoted-printable → text (the bytes it encodes are UTF-8). */
const decodeQp = (s: string) =>
  Buffer.from(
    s
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8')

/** The Message-ID header of a raw message. */
const messageIdOf = (raw: string) => /^Message-ID:\s*(\S+)/im.exec(raw)?.[1]

/**
 * A sender whose answer is lost after the message went out (connection reset, or head office dying
 * before it records the result): to the outbox the message is unsent, so it will be sent again.
 */
function answerLost<M>(sender: { send(message: M): Promise<unknown> }) {
  return {
    async send(message: M): Promise<never> {
      await sender.send(message)
      throw new Error('connection reset before the answer')
    },
  }
}

describe('e-mail Message-ID', () => {
  it('is derived from the notification id and the From domain', () => {
    expect(notificationMessageId('n-1', 'Smart Upgrade <no-reply@example.in>')).toBe(
      '<n-1@example.in>',
    )
    expect(notificationMessageId('n-1', 'no-reply@mi.example')).toBe('<n-1@mi.example>')
    expect(notificationMessageId('n-1', 'Smart Upgrade')).toBe('<n-1@localhost>')
  })
})

describe('DLT templates', () => {
  it('renders and accepts only text matching the registered template', () => {
    const t = SMS_TEMPLATES['redemption-confirmed']
    const text = renderSms(t, ['SU1234567', '10 May 2026', 'MS01', '8,399', 'Redmi K20 Pro'])
    expect(() => assertMatchesTemplate(t, text)).not.toThrow()
    expect(() => assertMatchesTemplate(t, text.replace('Thank you', 'Thanks'))).toThrow(
      /does not match/,
    )
    expect(() => assertMatchesTemplate(t, text.replace('MS01', 'M'.repeat(31)))).toThrow()
    expect(() => renderSms(t, ['only one'])).toThrow(/takes 5 variables/)
  })
  it('backs off exponentially, capped', () => {
    expect([1, 2, 3, 10].map((a) => retryDelay(a, 1_000, 5_000))).toEqual([
      1_000, 2_000, 4_000, 5_000,
    ])
  })
})

describe.each(TARGETS)('customer notifications on %s', (kind) => {
  let ho: TestHeadOffice
  let sms: Awaited<ReturnType<typeof smsRecorder>>
  let smtp: Awaited<ReturnType<typeof smtpSink>>
  let mailer: ReturnType<typeof createMailer>
  beforeAll(async () => {
    ho = await startHeadOffice(kind)
    sms = await smsRecorder()
    smtp = await smtpSink()
    mailer = createMailer({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      from: 'Smart Upgrade <no-reply@example.in>',
    })
  })
  afterAll(async () => {
    mailer?.close()
    await sms?.close()
    await smtp?.close()
    await ho?.close()
  })

  const smsGateway = () =>
    createSmsGateway({
      url: sms.url,
      apiKey: 'gw-key',
      senderId: 'XIAOMI',
      entityId: '1101000000000000001',
      templateIds: TEMPLATE_IDS,
    })

  const dispatch = (senders: { sms?: SmsSender; email?: EmailSender } = {}) =>
    dispatchDue({
      ds: ho.ds,
      sms: senders.sms ?? smsGateway(),
      email: senders.email ?? mailer,
      clock: () => ho.now.value,
      logger: silentLogger,
      baseDelayMs: 1_000,
    })

  it('sends plan details (SMS + e-mail with the value timeline) after enrollment, retrying a failing gateway', async () => {
    const kiosk = fakeKiosk('MH01', 'N1')
    const http = ho.client('MH01', 'N1', await ho.register('MH01', 'N1'))
    const plan = kiosk.enroll({
      purchaseDate: '2026-01-05',
      srpPaise: 1_199_900,
      name: 'Asha Kulkarni',
      email: 'asha@example.in',
    })
    const silent = kiosk.enroll({ notify: false })
    await http.push([plan, silent])
    expect(
      await count(ho.ds, 'ho_notification', 'plan_number = ?', [silent.payload.planNumber]),
    ).toBe(0)

    sms.failTimes(1)
    const first = await dispatch()
    expect(first).toMatchObject({ sent: 1, retried: 1, failed: 0 })
    const pending = await ho.admin(
      'GET',
      `/admin/notifications?planNumber=${plan.payload.planNumber}&status=pending`,
    )
    expect(pending.json.data[0]).toMatchObject({
      channel: 'sms',
      attempts: 1,
      last_error: 'Gateway error 503',
    })
    expect(await dispatch()).toMatchObject({ sent: 0 }) // not due yet: backoff
    ho.now.value += 1_500
    expect(await dispatch()).toMatchObject({ sent: 1 })

    const sent = await ho.admin(
      'GET',
      `/admin/notifications?planNumber=${plan.payload.planNumber}&status=sent`,
    )
    expect(sent.json.data).toHaveLength(2)
    const smsSent = sms.requests.at(-1)?.body
    expect(smsSent).toMatchObject({
      clientRef: sent.json.data.find((n: { channel: string }) => n.channel === 'sms').id,
      sender: 'XIAOMI',
      templateId: TEMPLATE_IDS['plan-enrolled'],
      to: '919876543210',
    })
    expect(smsSent!.message).toBe(
      `Dear Asha, your Smart Upgrade plan ${plan.payload.planNumber} for Redmi Note 9 is active. Assured value ` +
        'Rs 8,399 from 05 Apr 2026, then lower every 3 months until 04 Apr 2027. -XIAOMI',
    )
    expect(sms.requests.at(-1)?.auth).toBe('Bearer gw-key')
    const mail = smtp.messages.at(-1)
    expect(mail?.to).toEqual(['asha@example.in'])
    const raw = decodeQp(mail?.raw ?? '')
    expect(raw).toContain(`Subject: Your Smart Upgrade plan ${plan.payload.planNumber}`)
    expect(raw).toContain('05 Apr 2026 – 04 Jul 2026: 70% = Rs 8,399')
    expect(raw).toContain('05 Jan 2027 – 04 Apr 2027: 40% = Rs 4,800')
    // The e-mail names the store, the key terms and the grievance officer (issue 18).
    expect(raw).toContain('Mi Home Brigade Road · Smart Upgrade programme')
    expect(raw).toContain('Terms: the assured value is given only as credit against a new Xiaomi')
    expect(raw).toContain(
      'Grievance Officer, Smart Upgrade Programme, grievance@smartupgrade.example.in, 18001030000',
    )
  })

  it('resends a message whose answer was lost under the same reference, so the customer gets it once', async () => {
    const kiosk = fakeKiosk('MH01', 'N4')
    const http = ho.client('MH01', 'N4', await ho.register('MH01', 'N4'))
    const plan = kiosk.enroll({
      purchaseDate: '2026-01-05',
      srpPaise: 1_199_900,
      email: 'meera@example.in',
    })
    await http.push([plan])
    const queued = await ho.admin(
      'GET',
      `/admin/notifications?planNumber=${plan.payload.planNumber}`,
    )
    const idOf = (channel: string) =>
      queued.json.data.find((n: { channel: string }) => n.channel === channel).id as string
    const smsId = idOf('sms')
    const emailId = idOf('email')

    expect(
      await dispatch({ sms: answerLost(smsGateway()), email: answerLost(mailer) }),
    ).toMatchObject({ sent: 0, retried: 2 })
    ho.now.value += 1_500
    expect(await dispatch()).toMatchObject({ sent: 2, retried: 0 })

    // Both attempts reached the gateway with the same reference; it delivered one.
    const smsAttempts = sms.requests.filter((r) => r.body.clientRef === smsId)
    expect(smsAttempts).toHaveLength(2)
    expect(smsAttempts[1]?.body).toEqual(smsAttempts[0]?.body)
    expect([...sms.delivered.values()].filter((d) => d.body.clientRef === smsId)).toHaveLength(1)

    // Both attempts reached the mail server as the same message.
    const mails = smtp.messages.filter((m) => m.to.includes('meera@example.in'))
    expect(mails.map((m) => messageIdOf(m.raw))).toEqual([
      `<${emailId}@example.in>`,
      `<${emailId}@example.in>`,
    ])

    const sent = await ho.admin(
      'GET',
      `/admin/notifications?planNumber=${plan.payload.planNumber}&status=sent`,
    )
    expect(sent.json.data).toHaveLength(2)
    expect(sent.json.data.map((n: { attempts: number }) => n.attempts)).toEqual([2, 2])
  })

  it('a run that outlived its lease cannot put back a message another run has sent', async () => {
    const kiosk = fakeKiosk('MH01', 'N6')
    const http = ho.client('MH01', 'N6', await ho.register('MH01', 'N6'))
    const plan = kiosk.enroll({ purchaseDate: '2026-01-05', email: null })
    await http.push([plan])
    expect(
      await count(ho.ds, 'ho_notification', 'plan_number = ?', [plan.payload.planNumber]),
    ).toBe(1) // the SMS only

    // Run A claims the SMS and hangs in the gateway call past its lease.
    let release: (reason: Error) => void = () => undefined
    const hung: SmsSender = {
      send: () =>
        new Promise((_, reject) => {
          release = reject
        }),
    }
    const runA = dispatchDue({
      ds: ho.ds,
      sms: hung,
      email: mailer,
      clock: () => ho.now.value,
      logger: silentLogger,
      leaseMs: 60_000,
    })
    await vi.waitFor(() => expect(release).not.toBe(undefined))
    await vi.waitFor(async () =>
      expect(
        await count(ho.ds, 'ho_notification', "status = 'sending' AND plan_number = ?", [
          plan.payload.planNumber,
        ]),
      ).toBe(1),
    )
    // The lease runs out; run B takes the message over and sends it.
    ho.now.value += 61_000
    expect(await dispatch()).toMatchObject({ sent: 1 })
    // Run A's gateway call finally fails: the sent message stays sent, not queued again.
    release(new Error('gateway timed out'))
    expect(await runA).toMatchObject({ sent: 0 })
    const rows = await ho.admin('GET', `/admin/notifications?planNumber=${plan.payload.planNumber}`)
    expect(rows.json.data).toHaveLength(1)
    expect(rows.json.data[0]).toMatchObject({ status: 'sent', attempts: 1, last_error: null })
    ho.now.value += 10 * 3600_000
    expect(await dispatch()).toMatchObject({ sent: 0, retried: 0, failed: 0 })
  })

  it('queues a step-down reminder N days before each step-down, once', async () => {
    const kiosk = fakeKiosk('MH01', 'N2')
    const http = ho.client('MH01', 'N2', await ho.register('MH01', 'N2'))
    const plan = kiosk.enroll({ purchaseDate: '2026-01-05', srpPaise: 1_199_900, email: null })
    await http.push([plan])
    await dispatch()
    // 70% → 60% on 2026-07-05; 7 days before is 2026-06-28.
    expect(await enqueueStepDownReminders(ho.ds, '2026-06-27', 7, ho.now.value)).toBe(0)
    expect(
      await enqueueStepDownReminders(ho.ds, '2026-06-28', 7, ho.now.value),
    ).toBeGreaterThanOrEqual(1)
    expect(await enqueueStepDownReminders(ho.ds, '2026-06-28', 7, ho.now.value)).toBe(0)
    await dispatch()
    const reminder = sms.requests.find(
      (r) =>
        r.body.templateId === TEMPLATE_IDS['step-down-reminder'] &&
        r.body.message.includes(plan.payload.planNumber),
    )
    expect(reminder?.body.message).toBe(
      `Reminder: the assured value of Smart Upgrade plan ${plan.payload.planNumber} goes from Rs 8,399 to ` +
        'Rs 7,199 on 05 Jul 2026. Upgrade at a Mi store before then. -XIAOMI',
    )
  })

  it('confirms a redemption by SMS and e-mail', async () => {
    const kiosk = fakeKiosk('MH01', 'N3')
    const http = ho.client('MH01', 'N3', await ho.register('MH01', 'N3'))
    const plan = kiosk.enroll({
      purchaseDate: '2026-01-05',
      srpPaise: 1_199_900,
      email: 'ravi@example.in',
    })
    await http.push([plan, kiosk.redeem(plan, '2026-05-10', { newPricePaise: 1_499_900 })])
    await dispatch()
    const confirm = sms.requests.find(
      (r) =>
        r.body.templateId === TEMPLATE_IDS['redemption-confirmed'] &&
        r.body.message.includes(plan.payload.planNumber),
    )
    expect(confirm?.body.message).toBe(
      `Smart Upgrade plan ${plan.payload.planNumber} was redeemed on 10 May 2026 at store MH01. Credit Rs 8,399 ` +
        'given on your new Redmi K20 Pro. Thank you. -XIAOMI',
    )
    const mail = smtp.messages.find(
      (m) => m.to.includes('ravi@example.in') && decodeQp(m.raw).includes('redeemed'),
    )
    expect(decodeQp(mail?.raw ?? '')).toContain(
      'Credit of Rs 8,399 was given against your new Redmi K20 Pro.',
    )
  })

  it('sends the redemption confirmation, a service message, only on the service-message consent', async () => {
    const kiosk = fakeKiosk('MH01', 'N9')
    const http = ho.client('MH01', 'N9', await ho.register('MH01', 'N9'))
    const plan = kiosk.enroll({ purchaseDate: '2026-01-05', srpPaise: 1_199_900, notify: false })
    await http.push([plan, kiosk.redeem(plan, '2026-05-10', { newPricePaise: 1_499_900 })])
    expect(
      await count(ho.ds, 'ho_notification', 'plan_number = ?', [plan.payload.planNumber]),
    ).toBe(0)
  })
})
