import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SyncHttpError } from '../../electron/core/sync/sync-http'
import { formatPlanNumber } from '../../shared/domain/plan-number'
import { imeiRegisterServer, smsSink } from './counter-sinks'
import { nextImei } from './fixtures'
import {
  TARGETS,
  count,
  kioskPair,
  pushOutcomes,
  startHeadOffice,
  type TestHeadOffice,
} from './harness'

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (error) {
    if (error instanceof SyncHttpError) return error.code
    throw error
  }
  throw new Error('expected a refusal')
}

/**
 * Issue 17: the checks a kiosk makes at the counter before money moves, against a real head
 * office on each database — the IMEI (a live plan anywhere, the lost/stolen register behind its
 * adapter, here a local HTTP register) and the redemption's one-time code (through the DLT SMS
 * adapter to a local gateway).
 */
describe.each(TARGETS)('counter checks at head office on %s', (kind) => {
  let ho: TestHeadOffice
  let sms: Awaited<ReturnType<typeof smsSink>>
  let register: Awaited<ReturnType<typeof imeiRegisterServer>>
  beforeAll(async () => {
    sms = await smsSink()
    register = await imeiRegisterServer()
    ho = await startHeadOffice(kind, {
      fraud: { sms: sms.sender, register: register.register },
    })
  })
  afterAll(async () => {
    await ho?.close()
    await sms?.close()
    await register?.close()
  })

  it('says which IMEIs a live plan holds anywhere (the store, nothing personal) and which the register lists', async () => {
    const a = await kioskPair(ho, 'MH01', 'I1')
    const b = await kioskPair(ho, 'MS01', 'I2')
    const plan = a.kiosk.enroll()
    expect(pushOutcomes((await a.http.push([plan])).results)).toEqual(['applied'])
    const stolen = nextImei()
    register.listed.add(stolen)

    const answer = await b.http.checkImeis({
      imeis: [plan.payload.imeis[0]!, stolen],
      purpose: 'enrollment',
    })
    expect(answer).toEqual({
      register: 'checked',
      imeis: [
        { imei: plan.payload.imeis[0], enrolled: true, storeCode: 'MH01', listed: false },
        { imei: stolen, enrolled: false, storeCode: null, listed: true },
      ],
    })
    expect(JSON.stringify(answer)).not.toContain(plan.payload.customer.mobile)
    expect(JSON.stringify(answer)).not.toContain(plan.payload.planNumber)
  })

  it('answers `unavailable` when the register is down or garbled, and still says where the IMEI is', async () => {
    const { http } = await kioskPair(ho, 'MH01', 'I3')
    const imei = nextImei()
    for (const mode of ['down', 'garbled'] as const) {
      register.mode = mode
      const answer = await http.checkImeis({ imeis: [imei], purpose: 'redemption' })
      expect(answer).toEqual({
        register: 'unavailable',
        imeis: [{ imei, enrolled: false, storeCode: null, listed: false }],
      })
    }
    register.mode = 'up'
  })

  it("spends the kiosk's request budget: over it, IMEI checks and codes are refused with 429", async () => {
    const limited = await startHeadOffice(kind, {
      kioskRateLimit: { max: 3, windowMs: 60_000 },
      fraud: { sms: sms.sender, register: register.register },
    })
    try {
      const http = limited.client('MH01', 'Z9', await limited.register('MH01', 'Z9'))
      // One after another: the budget is spent in a known order.
      for (let i = 0; i < 3; i++) {
        await http.checkImeis({ imeis: [nextImei()], purpose: 'enrollment' })
      }
      const refused = [
        await refusal(http.checkImeis({ imeis: [nextImei()], purpose: 'enrollment' })),
        await refusal(http.sendOtp(formatPlanNumber('MH01', 'Z9', 1, false))),
      ]
      expect(refused).toEqual(['RATE_LIMITED', 'RATE_LIMITED'])
    } finally {
      await limited.close()
    }
  })

  it('refuses an unsigned IMEI check', async () => {
    const response = await fetch(`${ho.url}/imeis/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ imeis: [nextImei()], purpose: 'enrollment' }),
    })
    expect(response.status).toBe(401)
  })

  it('texts a one-time code through the DLT template, keeps only its keyed hash, and verifies it', async () => {
    const { kiosk, http } = await pair('MH01', 'O1')
    const plan = kiosk.enroll()
    await http.push([plan])
    const sent = await http.sendOtp(plan.payload.planNumber)
    expect(sent.mobileLast4).toBe(plan.payload.customer.mobile.slice(-4))
    const sms1 = sms.sent.find((m) => m.clientRef === sent.otpId)!
    expect(sms1).toMatchObject({
      to: `91${plan.payload.customer.mobile}`,
      templateId: '1107170000000000204',
    })
    const code = sms1.variables[0]!
    expect(code).toMatch(/^[0-9]{6}$/)
    expect(sms1.message).toContain(`${code} is your code to redeem Smart Upgrade plan`)
    // Stored only as a keyed hash: the code is nowhere in the row.
    const rows = (await ho.ds.query(`SELECT * FROM ho_otp`)) as Array<Record<string, unknown>>
    expect(JSON.stringify(rows)).not.toContain(code)

    const wrong = code === '000000' ? '111111' : '000000'
    expect(await refusal(http.verifyOtp(plan.payload.planNumber, sent.otpId, wrong))).toBe(
      'OTP_INVALID',
    )
    await http.verifyOtp(plan.payload.planNumber, sent.otpId, code)
    // A code is bound to its plan.
    const other = kiosk.enroll()
    await http.push([other])
    expect(await refusal(http.verifyOtp(other.payload.planNumber, sent.otpId, code))).toBe(
      'OTP_INVALID',
    )
  })

  it('allows five wrong codes, then none; a code expires after ten minutes; three codes per plan per ten minutes', async () => {
    const { kiosk, http } = await pair('MH01', 'O2')
    const plan = kiosk.enroll()
    await http.push([plan])
    const n = plan.payload.planNumber
    const first = await http.sendOtp(n)
    const code = sms.sent.find((m) => m.clientRef === first.otpId)!.variables[0]!
    const wrong = code === '000000' ? '111111' : '000000'
    for (let i = 0; i < 5; i++) {
      expect(await refusal(http.verifyOtp(n, first.otpId, wrong))).toBe('OTP_INVALID')
    }
    expect(await refusal(http.verifyOtp(n, first.otpId, code))).toBe('OTP_ATTEMPTS_EXCEEDED')

    const second = await http.sendOtp(n)
    await http.sendOtp(n)
    expect(await refusal(http.sendOtp(n))).toBe('RATE_LIMITED')
    const late = sms.sent.find((m) => m.clientRef === second.otpId)!.variables[0]!
    ho.now.value += 10 * 60_000 + 1
    try {
      expect(await refusal(http.verifyOtp(n, second.otpId, late))).toBe('OTP_EXPIRED')
      // A new window: a new code may be sent.
      await http.sendOtp(n)
    } finally {
      ho.now.value -= 10 * 60_000 + 1
    }
  })

  it('counts guesses atomically: ten wrong codes at once spend exactly the five attempts', async () => {
    const { kiosk, http } = await pair('MH01', 'O4')
    const plan = kiosk.enroll()
    await http.push([plan])
    const n = plan.payload.planNumber
    const sent = await http.sendOtp(n)
    const code = sms.sent.find((m) => m.clientRef === sent.otpId)!.variables[0]!
    const wrong = code === '000000' ? '111111' : '000000'
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => refusal(http.verifyOtp(n, sent.otpId, wrong))),
    )
    expect(answers.filter((a) => a === 'OTP_INVALID')).toHaveLength(5)
    expect(answers.filter((a) => a === 'OTP_ATTEMPTS_EXCEEDED')).toHaveLength(5)
    // The right code after them is refused too: the attempts are gone.
    expect(await refusal(http.verifyOtp(n, sent.otpId, code))).toBe('OTP_ATTEMPTS_EXCEEDED')
  })

  it('counts sends atomically: six requests for one plan at once text exactly three codes', async () => {
    const { kiosk, http } = await pair('MH01', 'O5')
    const plan = kiosk.enroll()
    await http.push([plan])
    const n = plan.payload.planNumber
    const before = sms.sent.length
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        http.sendOtp(n).then(
          () => 'sent',
          (e: unknown) => refusal(Promise.reject(e)),
        ),
      ),
    )
    expect(answers.filter((a) => a === 'sent')).toHaveLength(3)
    expect(answers.filter((a) => a === 'RATE_LIMITED')).toHaveLength(3)
    expect(sms.sent.length - before).toBe(3)
  })

  it('accepts a redemption that says `otp` only when head office verified that code for that plan', async () => {
    const { kiosk, http } = await pair('MH01', 'O3')
    const [p1, p2, p3] = [kiosk.enroll(), kiosk.enroll(), kiosk.enroll()]
    await http.push([p1, p2, p3])
    const sent = await http.sendOtp(p1.payload.planNumber)
    const unverified = await http.sendOtp(p2.payload.planNumber)
    const code = sms.sent.find((m) => m.clientRef === sent.otpId)!.variables[0]!
    await http.verifyOtp(p1.payload.planNumber, sent.otpId, code)
    const hash = 'ab'.repeat(32)
    const handover = { signatureSha256: hash }
    const verified = kiosk.redeem(p1, '2026-05-10', {
      tamper: { customerCheck: { method: 'otp', otpId: sent.otpId }, handover },
    })
    const claimed = kiosk.redeem(p2, '2026-05-10', {
      tamper: { customerCheck: { method: 'otp', otpId: unverified.otpId }, handover },
    })
    const idCheck = kiosk.redeem(p3, '2026-05-10', {
      tamper: { customerCheck: { method: 'id-check' }, handover },
    })
    const pushed = await http.push([verified, claimed, idCheck])
    expect(pushOutcomes(pushed.results)).toEqual(['applied', 'OTP_NOT_VERIFIED', 'applied'])
    expect(
      await count(ho.ds, 'ho_redemption', `customer_check = 'otp' AND handover_sha256 = ?`, [hash]),
    ).toBe(1)
    expect(await count(ho.ds, 'ho_redemption', `customer_check = 'id-check'`)).toBe(1)
  })

  /** A kiosk whose plans carry real plan numbers (the OTP routes take them from the path). */
  async function pair(store: string, code: string) {
    const p = await kioskPair(ho, store, code)
    let seq = 0
    const enroll = () => p.kiosk.enroll({ planNumber: formatPlanNumber(store, code, ++seq, false) })
    return { http: p.http, kiosk: { ...p.kiosk, enroll, redeem: p.kiosk.redeem } }
  }
})
