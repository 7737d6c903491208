import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { validatePlanNumber } from '../../../electron/core'
import { OutboxEventSchema } from '../../../shared/sync/events'
import { enrollmentRequest, makeCore, newImei, type TestCore } from './helpers'

let t: TestCore
afterEach(async () => t?.cleanup())

describe('enrollment.create', () => {
  it('enrolls, freezes SRP and fee, takes the fee with GST, writes audit and outbox', async () => {
    t = await makeCore()
    await t.signIn('C1')
    const res = await t.ok('enrollment.create', enrollmentRequest())
    expect(res.plan.status).toBe('active')
    expect(res.plan.srpPaise).toBe(11_999_00)
    expect(res.plan.feePaise).toBe(499_00)
    expect(validatePlanNumber(res.plan.planNumber).ok).toBe(true)
    expect(res.receipt.taxInvoiceNumber).toBe('K1/2021/000001')
    const g = res.receipt.gst
    expect(g.taxablePaise + g.cgstPaise + g.sgstPaise + g.igstPaise).toBe(499_00)
    expect(res.receipt.customer.idMasked).toMatch(/^XXXX XXXX \d{4}$/)
    const pending = await t.core.outbox.readPending(10)
    expect(pending).toHaveLength(1)
    expect(OutboxEventSchema.parse(pending[0]).type).toBe('plan.enrolled')
    expect(pending[0]!.seq).toBe(1)
    expect(await t.core.outboxPendingCount()).toBe(1)
  })

  it('plans.quote gives the fee’s GST split that the enrollment receipt then records', async () => {
    t = await makeCore()
    await t.signIn('C1')
    const req = enrollmentRequest()
    const quote = await t.ok('plans.quote', {
      variantId: req.variantId,
      purchaseDate: req.purchase.invoiceDate,
    })
    const g = quote.feeGst
    expect(g.totalPaise).toBe(quote.feePaise)
    expect(g.taxablePaise + g.cgstPaise + g.sgstPaise + g.igstPaise).toBe(quote.feePaise)
    expect(g.taxPaise).toBe(g.cgstPaise + g.sgstPaise + g.igstPaise)
    // Sold over the counter at the kiosk's store: CGST + SGST, no IGST.
    expect(g.intraState).toBe(true)
    expect(g.igstPaise).toBe(0)
    const res = await t.ok('enrollment.create', req)
    expect(res.receipt.gst).toEqual(g)
    expect(res.receipt.feePaise).toBe(quote.feePaise)
  })

  it('never stores the full Aadhaar number', async () => {
    t = await makeCore()
    await t.signIn('C1')
    const req = enrollmentRequest()
    await t.ok('enrollment.create', req)
    await t.core.close()
    const db = new Database(t.core.databasePath, { readonly: true })
    const dump = db
      .prepare(
        "SELECT group_concat(id_masked || id_last4 || coalesce(aadhaar_hmac,'')) AS s FROM customers",
      )
      .get() as { s: string }
    const outbox = db.prepare('SELECT group_concat(payload) AS s FROM outbox').get() as {
      s: string
    }
    db.close()
    expect(dump.s).not.toContain(req.customer.idNumber)
    expect(outbox.s).not.toContain(req.customer.idNumber)
    t.core = await (
      await import('../../../electron/core/test-support')
    ).createKioskCoreForTests(t.config)
  })

  it('the same requestId returns the same plan; a different body is a conflict', async () => {
    t = await makeCore()
    await t.signIn('C1')
    const req = enrollmentRequest()
    const a = await t.ok('enrollment.create', req)
    const b = await t.ok('enrollment.create', req)
    expect(b.plan.planNumber).toBe(a.plan.planNumber)
    const c = await t.call('enrollment.create', { ...req, imeis: [newImei(), newImei()] })
    expect(!c.ok && c.error.code).toBe('IDEMPOTENCY_CONFLICT')
    expect(await t.core.outboxPendingCount()).toBe(1)
  })

  it('returns every failed rule at once with field paths', async () => {
    t = await makeCore()
    await t.signIn('C1')
    const res = await t.call(
      'enrollment.create',
      enrollmentRequest({
        imeis: ['123456789012345', newImei()],
        customer: { name: 'P', mobile: '12345', idType: 'pan', idNumber: 'nope', email: null },
        consent: { dataProcessing: false, notifications: false, marketing: false, version: 'v1' },
        payment: { method: 'card', amountPaise: 1 },
        purchase: {
          invoiceNumber: 'INV1',
          invoiceDate: '2020-10-01',
          storeCode: 'ONLINE',
          pricePaidPaise: 1,
        },
      }),
    )
    expect(res.ok).toBe(false)
    if (res.ok) return
    expect(res.error.code).toBe('VALIDATION_FAILED')
    const codes = res.error.issues!.map((i) => `${i.path}:${i.code}`)
    expect(codes).toEqual(
      expect.arrayContaining([
        'imeis.0:IMEI_INVALID',
        'customer.mobile:MOBILE_INVALID',
        'customer.idNumber:PAN_INVALID',
        'consent.dataProcessing:CONSENT_REQUIRED',
        'payment.amountPaise:AMOUNT_INVALID',
        'payment.reference:PAYMENT_REFERENCE_REQUIRED',
        'purchase.storeCode:ONLINE_PURCHASE',
        'purchase.invoiceDate:ENROLLMENT_WINDOW_CLOSED',
      ]),
    )
  })

  it('a single failed rule comes back with its own code', async () => {
    t = await makeCore()
    await t.signIn('C1')
    const first = enrollmentRequest()
    await t.ok('enrollment.create', first)
    const again = await t.call(
      'enrollment.create',
      enrollmentRequest({ imeis: [first.imeis[0]!, newImei()] }),
    )
    expect(!again.ok && again.error.code).toBe('IMEI_ALREADY_ENROLLED')
  })

  it('refuses the wrong role, no session and a malformed request', async () => {
    t = await makeCore()
    expect((await t.call('enrollment.create', enrollmentRequest())) as unknown).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    })
    await t.signIn('T1')
    expect(await t.call('enrollment.create', enrollmentRequest())).toMatchObject({
      ok: false,
      error: { code: 'ROLE_FORBIDDEN' },
    })
    await t.signIn('C1')
    expect(await t.call('enrollment.create', { requestId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    })
  })

  it('issues consecutive plan numbers and tax invoice numbers', async () => {
    t = await makeCore()
    await t.signIn('C1')
    const a = await t.ok('enrollment.create', enrollmentRequest())
    const b = await t.ok('enrollment.create', enrollmentRequest())
    expect(a.plan.planNumber).toMatch(/^MH01-K1-0000001-/)
    expect(b.plan.planNumber).toMatch(/^MH01-K1-0000002-/)
    expect(b.receipt.taxInvoiceNumber).toBe('K1/2021/000002')
  })
})

describe('nothing half-written', () => {
  it('a failure after the first insert leaves the database unchanged', async () => {
    let armed = false
    t = await makeCore({
      hooks: {
        afterInsert: () => {
          if (armed) throw new Error('injected failure')
        },
      },
    })
    await t.signIn('C1')
    await t.ok('enrollment.create', enrollmentRequest())
    const counts = async () => {
      const db = new Database(t.core.databasePath, { readonly: true })
      const tables = [
        'customers',
        'plans',
        'plan_imeis',
        'payments',
        'receipts',
        'audit_log',
        'outbox',
        'requests',
        'sequences',
      ]
      const out = Object.fromEntries(
        tables.map((x) => [
          x,
          (db.prepare(`SELECT COUNT(*) AS n FROM ${x}`).get() as { n: number }).n,
        ]),
      )
      out.seq = JSON.stringify(db.prepare('SELECT * FROM sequences ORDER BY name').all()) as never
      db.close()
      return out
    }
    const before = await counts()
    armed = true
    const res = await t.call('enrollment.create', enrollmentRequest())
    expect(!res.ok && res.error.code).toBe('INTERNAL')
    expect(await counts()).toEqual(before)
    armed = false
    const next = await t.ok('enrollment.create', enrollmentRequest())
    expect(next.plan.planNumber).toMatch(/^MH01-K1-0000002-/)
  })
})
