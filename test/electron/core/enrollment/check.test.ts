import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { DAY, enrolled, enrollmentRequest, makeCore, newImei, type TestCore } from '../helpers'

let t: TestCore
afterEach(async () => t?.cleanup())

/** The phone step's part of an enrollment request. */
function phoneStep(over: Partial<ReturnType<typeof enrollmentRequest>> = {}) {
  const { variantId, imeis, purchase } = enrollmentRequest(over)
  return { variantId, imeis, purchase }
}

const codes = (res: { issues: { code: string; path: string }[] }) =>
  res.issues.map((i) => `${i.path}:${i.code}`)

describe('enrollment.check: the wizard’s steps checked before the payment (issue 14 item 3)', () => {
  it('refuses on the phone step an IMEI already on an active plan, as enrollment.create would', async () => {
    t = await makeCore()
    const { req } = await enrolled(t)
    const res = await t.ok('enrollment.check', phoneStep({ imeis: [req.imeis[0]!, newImei()] }))
    expect(res.ok).toBe(false)
    expect(codes(res)).toEqual(['imeis.0:IMEI_ALREADY_ENROLLED'])
    // The same request at submit is refused with the same reason.
    const create = await t.call(
      'enrollment.create',
      enrollmentRequest({ imeis: [req.imeis[0]!, newImei()] }),
    )
    expect(!create.ok && create.error.issues?.map((i) => `${i.path}:${i.code}`)).toEqual(codes(res))
  })

  it('refuses a purchase outside the enrollment window and says the days allowed', async () => {
    t = await makeCore()
    t.clock.set(t.clock() + 10 * DAY)
    await t.signIn('C1')
    const res = await t.ok('enrollment.check', phoneStep())
    expect(codes(res)).toEqual(['purchase.invoiceDate:ENROLLMENT_WINDOW_CLOSED'])
    expect(res).toMatchObject({ enrollmentWindowDays: 7, enrollBy: '2020-11-12' })
    // The day count as values (the UI words them in English or Hindi), at check and at submit.
    expect(res.issues[0].params).toEqual({ daysSince: 15, windowDays: 7 })
    const create = await t.call('enrollment.create', enrollmentRequest())
    expect(create).toMatchObject({
      ok: false,
      error: {
        code: 'ENROLLMENT_WINDOW_CLOSED',
        params: { daysSince: 15, windowDays: 7 },
        message: 'Bought 15 days ago; plans can be added within 7 days of purchase.',
      },
    })
  })

  it('checks the model, the store, the IMEI format and the invoice number together', async () => {
    t = await makeCore()
    await t.signIn('C1')
    const res = await t.ok(
      'enrollment.check',
      phoneStep({
        variantId: 'no-such-phone',
        imeis: ['123'],
        purchase: {
          invoiceNumber: '',
          invoiceDate: '2020-11-05',
          storeCode: 'ZZ99',
          pricePaidPaise: 1,
        },
      }),
    )
    expect(codes(res)).toEqual(
      expect.arrayContaining([
        'variantId:VARIANT_NOT_FOUND',
        'purchase.storeCode:STORE_NOT_FOUND',
        'purchase.invoiceNumber:INVOICE_NUMBER_INVALID',
      ]),
    )
    expect(codes(res).some((c) => c.startsWith('imeis'))).toBe(true)
  })

  it('checks the customer step’s ID when sent, and records nothing', async () => {
    t = await makeCore()
    await t.signIn('C1')
    const { customer } = enrollmentRequest()
    const ok = await t.ok('enrollment.check', { ...phoneStep(), customer })
    expect(ok).toMatchObject({ ok: true, issues: [] })
    const bad = await t.ok('enrollment.check', {
      ...phoneStep(),
      customer: { ...customer, idNumber: customer.idNumber.slice(0, 11) + '0' },
    })
    expect(codes(bad).some((c) => c.startsWith('customer.idNumber:'))).toBe(true)
    const db = new Database(t.core.databasePath, { readonly: true })
    expect(db.prepare('SELECT COUNT(*) AS n FROM plans').get()).toEqual({ n: 0 })
    db.close()
  })

  it('is for the counter: a technician may not ask', async () => {
    t = await makeCore()
    await t.signIn('T1')
    const res = await t.call('enrollment.check', phoneStep())
    expect(!res.ok && res.error.code).toBe('ROLE_FORBIDDEN')
  })
})
