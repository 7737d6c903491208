import Database from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { imeiRegisterServer, smsSink } from '../../../headoffice/counter-sinks'
import { TARGETS, count, startHeadOffice, type TestHeadOffice } from '../../../headoffice/harness'
import { PNG, SIGNED, enrollmentRequest, fixedClock, newImei, type TestCore } from '../helpers'
import { demoCatalog, followClock, signInAll, syncedCore } from './support'

/** Row counts of what a sale writes. */
function written(t: TestCore): Record<string, number> {
  const db = new Database(t.core.databasePath, { readonly: true })
  try {
    const n = (table: string) =>
      (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
    return Object.fromEntries(
      ['plans', 'payments', 'redemptions', 'handovers', 'outbox'].map((x) => [x, n(x)]),
    )
  } finally {
    db.close()
  }
}

function auditOf(t: TestCore, action: string): Array<{ details: string; entity_id: string }> {
  const db = new Database(t.core.databasePath, { readonly: true })
  try {
    return db
      .prepare(`SELECT details, entity_id FROM audit_log WHERE action = ? ORDER BY seq`)
      .all(action) as Array<{ details: string; entity_id: string }>
  } finally {
    db.close()
  }
}

async function inspect(t: TestCore, planNumber: string, imei: string): Promise<string> {
  await signInAll(t)
  const start = await t.ok('inspection.start', { planNumber, imei }, 'TECH')
  const answers = start.checklist.map((item: { id: string; photo: boolean }) => ({
    itemId: item.id,
    result: 'pass',
    note: null,
    photo: item.photo ? { mime: 'image/png', base64: PNG } : null,
  }))
  await t.ok('inspection.submit', { inspectionId: start.inspectionId, answers }, 'TECH')
  return start.inspectionId as string
}

/** A month-4 upgrade to a Mi 10 at ₹20,000 (the credit covers ₹8,399; the rest in cash). */
function upgrade(planNumber: string, inspectionId: string, extra: object) {
  return {
    requestId: randomUUID(),
    planNumber,
    inspectionId,
    customer: { mobile: '9876543210' },
    newDevice: {
      brand: 'Xiaomi',
      modelName: 'Mi 10',
      modelId: 'mi-10',
      imei: newImei(),
      pricePaise: 20_000_00,
      salesInvoiceNumber: 'MH01-POS-7',
    },
    payment: { method: 'cash', amountPaise: 20_000_00 - 8399_00 },
    ...extra,
  }
}

/**
 * Issue 17 at the counter, a kiosk core against a real head office on each database: the online
 * IMEI check before the enrollment's payment, the lost/stolen register at enrollment and at
 * redemption, and the redemption's one-time code through the SMS gateway — and what happens
 * when head office cannot be reached.
 */
describe.each(TARGETS)('counter checks of a kiosk with head office on %s', (kind) => {
  let ho: TestHeadOffice
  let sms: Awaited<ReturnType<typeof smsSink>>
  let register: Awaited<ReturnType<typeof imeiRegisterServer>>
  const clock = fixedClock()
  const cores: TestCore[] = []

  beforeAll(async () => {
    sms = await smsSink()
    register = await imeiRegisterServer()
    ho = await startHeadOffice(kind, {
      start: clock(),
      catalog: false,
      fraud: { sms: sms.sender, register: register.register },
    })
    followClock(ho, clock)
    expect((await ho.admin('POST', '/admin/catalogs', demoCatalog())).status).toBe(200)
  })
  afterAll(async () => {
    for (const c of cores.splice(0)) await c.cleanup()
    await ho?.close()
    await sms?.close()
    await register?.close()
  })

  async function twoStores(a: string, b: string) {
    clock.set(Date.parse('2020-11-10T06:00:00Z'))
    const mh = await syncedCore(ho, a, { clock, storeCode: 'MH01' })
    const ms = await syncedCore(ho, b, { clock, storeCode: 'MS01' })
    cores.push(mh, ms)
    await signInAll(mh)
    await signInAll(ms)
    return { mh, ms }
  }

  it('online, a phone enrolled at another store is refused at the phone step, before payment; offline it is sold and head office records the duplicate', async () => {
    const { mh, ms } = await twoStores('E1', 'E2')
    const first = enrollmentRequest()
    await mh.ok('enrollment.create', first)
    await mh.ok('sync.now', {})

    const again = enrollmentRequest({ imeis: [first.imeis[1]!, newImei()] })
    const step = await ms.ok('enrollment.check', {
      variantId: 'redmi-note-9-4-64',
      imeis: again.imeis,
      purchase: again.purchase,
    })
    expect(step.ok).toBe(false)
    expect(step.issues).toEqual([
      expect.objectContaining({ code: 'IMEI_ENROLLED_ELSEWHERE', path: 'imeis.0' }),
    ])
    expect(step.issues[0].message).toContain('MH01')
    const before = written(ms)
    const refused = await ms.call('enrollment.create', again)
    expect(!refused.ok && refused.error.code).toBe('IMEI_ENROLLED_ELSEWHERE')
    expect(written(ms)).toEqual(before)

    // Head office unreachable: the kiosk sells (the fee is taken) ...
    ms.net.online = false
    const sold = await ms.ok('enrollment.create', { ...again, requestId: randomUUID() })
    expect(JSON.parse(auditOf(ms, 'enrollment.create').at(-1)!.details)).toMatchObject({
      registerCheck: 'offline',
    })
    // ... and head office records the duplicate when the event arrives.
    ms.net.online = true
    await ms.ok('sync.now', {})
    expect(
      await count(ho.ds, 'ho_conflict', `kind = 'duplicate-imei' AND plan_number = ?`, [
        sold.plan.planNumber,
      ]),
    ).toBe(1)
  })

  it('a phone the register lists as lost or stolen is refused at enrollment and at redemption, with an audit entry; a register that is down lets the sale go on, flagged', async () => {
    const { mh } = await twoStores('L1', 'L2')
    const stolen = enrollmentRequest()
    register.listed.add(stolen.imeis[0]!)
    const step = await mh.ok('enrollment.check', {
      variantId: stolen.variantId,
      imeis: stolen.imeis,
      purchase: stolen.purchase,
    })
    expect(step.issues.map((i: { code: string; path: string }) => [i.code, i.path])).toEqual([
      ['IMEI_LOST_OR_STOLEN', 'imeis.0'],
    ])
    const before = written(mh)
    const refused = await mh.call('enrollment.create', stolen)
    expect(!refused.ok && refused.error.code).toBe('IMEI_LOST_OR_STOLEN')
    expect(written(mh)).toEqual(before)
    expect(auditOf(mh, 'imei.listed').map((a) => JSON.parse(a.details))).toEqual([
      { purpose: 'enrollment', imeis: [stolen.imeis[0]] },
      { purpose: 'enrollment', imeis: [stolen.imeis[0]] },
    ])

    register.mode = 'down'
    const flagged = await mh.ok('enrollment.create', enrollmentRequest())
    register.mode = 'up'
    expect(JSON.parse(auditOf(mh, 'enrollment.create').at(-1)!.details)).toMatchObject({
      registerCheck: 'unavailable',
    })

    // Reported stolen after the enrollment: the phone is not taken in at redemption.
    const planNumber = flagged.plan.planNumber as string
    const imei = flagged.plan.imeis[0] as string
    await mh.ok('sync.now', {})
    clock.set(Date.parse('2021-03-01T06:00:00Z'))
    const inspectionId = await inspect(mh, planNumber, imei)
    register.listed.add(imei)
    // Said at the plan step already, before the inspection and the new phone ...
    const atPlanStep = await mh.ok('redemption.check', {
      planNumber,
      customer: { mobile: '9876543210' },
    })
    expect(atPlanStep.ok).toBe(false)
    expect(atPlanStep.reasons.map((r: { code: string }) => r.code)).toContain('IMEI_LOST_OR_STOLEN')
    // ... and refused by the sale itself.
    const beforeRedeem = written(mh)
    const taken = await mh.call('redemption.complete', upgrade(planNumber, inspectionId, SIGNED))
    expect(!taken.ok && taken.error.code).toBe('IMEI_LOST_OR_STOLEN')
    expect(written(mh)).toEqual(beforeRedeem)
    expect(auditOf(mh, 'imei.listed').at(-1)).toMatchObject({ entity_id: planNumber })
  })

  it('the customer proves the plan with a code texted by head office; offline the clerk checks the ID, and the event says which', async () => {
    const { mh } = await twoStores('P1', 'P2')
    const plans = []
    for (let i = 0; i < 2; i++)
      plans.push((await mh.ok('enrollment.create', enrollmentRequest())).plan)
    await mh.ok('sync.now', {})
    clock.set(Date.parse('2021-03-01T06:00:00Z'))
    const [withOtp, offline] = plans as Array<{ planNumber: string; imeis: string[] }>

    const inspectionId = await inspect(mh, withOtp!.planNumber, withOtp!.imeis[0]!)
    const sent = await mh.ok('redemption.otpSend', { planNumber: withOtp!.planNumber })
    expect(sent.mobileLast4).toBe('3210')
    const code = sms.sent.find((m) => m.clientRef === sent.otpId)!.variables[0]!
    const wrong = code === '000000' ? '111111' : '000000'
    const bad = await mh.call('redemption.otpVerify', {
      planNumber: withOtp!.planNumber,
      otpId: sent.otpId,
      code: wrong,
    })
    expect(!bad.ok && bad.error.code).toBe('OTP_INVALID')
    // Not verified yet: a redemption claiming the code is refused.
    const early = await mh.call(
      'redemption.complete',
      upgrade(withOtp!.planNumber, inspectionId, {
        ...SIGNED,
        customerCheck: { method: 'otp', otpId: sent.otpId },
      }),
    )
    expect(!early.ok && early.error.code).toBe('OTP_NOT_VERIFIED')
    await mh.ok('redemption.otpVerify', {
      planNumber: withOtp!.planNumber,
      otpId: sent.otpId,
      code,
    })
    await mh.ok(
      'redemption.complete',
      upgrade(withOtp!.planNumber, inspectionId, {
        ...SIGNED,
        customerCheck: { method: 'otp', otpId: sent.otpId },
      }),
    )

    // Offline: no code can be sent; the clerk checks the ID.
    const inspection2 = await inspect(mh, offline!.planNumber, offline!.imeis[0]!)
    mh.net.online = false
    const unsent = await mh.call('redemption.otpSend', { planNumber: offline!.planNumber })
    expect(!unsent.ok && unsent.error.code).toBe('OTP_UNAVAILABLE')
    await mh.ok('redemption.complete', upgrade(offline!.planNumber, inspection2, SIGNED))
    mh.net.online = true
    const synced = await mh.ok('sync.now', {})
    expect(synced.pendingEvents).toBe(0)
    expect(
      await count(ho.ds, 'ho_redemption', `customer_check = 'otp' AND plan_number = ?`, [
        withOtp!.planNumber,
      ]),
    ).toBe(1)
    expect(
      await count(ho.ds, 'ho_redemption', `customer_check = 'id-check' AND plan_number = ?`, [
        offline!.planNumber,
      ]),
    ).toBe(1)
  })
})
