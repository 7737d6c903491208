import Database from 'better-sqlite3'
import { createHash, randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import {
  SIGNATURE_PNG,
  SIGNED,
  enrolled,
  inspect,
  makeCore,
  newImei,
  type TestCore,
} from '../helpers'

let t: TestCore
afterEach(async () => t?.cleanup())

/** Row counts of everything a redemption writes. */
function written(t: TestCore): Record<string, number> {
  const db = new Database(t.core.databasePath, { readonly: true })
  try {
    const n = (table: string) =>
      (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
    return Object.fromEntries(
      ['redemptions', 'handovers', 'payments', 'device_intakes', 'outbox', 'audit_log'].map((x) => [
        x,
        n(x),
      ]),
    )
  } finally {
    db.close()
  }
}

async function readyToRedeem() {
  t = await makeCore()
  const { req, planNumber } = await enrolled(t)
  t.clock.set(Date.parse('2021-03-01T06:00:00Z'))
  const insp = await inspect(t, planNumber, req.imeis[0]!)
  await t.signIn('C1')
  const base = {
    planNumber,
    inspectionId: insp.inspectionId,
    customer: { mobile: '9876543210' },
    newDevice: {
      brand: 'Xiaomi',
      modelName: 'Mi 10T',
      imei: newImei(),
      pricePaise: 35_999_00,
      salesInvoiceNumber: 'MH01-POS/90412',
    },
    payment: { method: 'cash', amountPaise: 27_600_00 },
  }
  return {
    planNumber,
    request: (extra: object) => ({ requestId: randomUUID(), ...base, ...extra }),
  }
}

/**
 * Issue 17: the customer's hand-over declaration at redemption
 * (docs/program-rules.md#hand-over-declaration) — refused before anything is recorded when missing or incomplete; kept, signed,
 * with the redemption; its hash goes to head office in the event.
 */
describe('hand-over declaration at redemption', () => {
  it('refuses a redemption without the declaration, an unconfirmed statement, a signature that is no image, or no customer check — recording nothing', async () => {
    const { request } = await readyToRedeem()
    const before = written(t)
    const cases: Array<[object, string[]]> = [
      [{ customerCheck: SIGNED.customerCheck }, Array(5).fill('HANDOVER_DECLARATION_REQUIRED')],
      [
        { ...SIGNED, handover: { ...SIGNED.handover, accountsRemoved: false } },
        ['HANDOVER_DECLARATION_REQUIRED'],
      ],
      [
        {
          ...SIGNED,
          handover: {
            ...SIGNED.handover,
            signaturePng: Buffer.from('<svg/>'.repeat(20)).toString('base64'),
          },
        },
        ['SIGNATURE_IMAGE_INVALID'],
      ],
      [{ handover: SIGNED.handover }, ['CUSTOMER_CHECK_REQUIRED']],
      [{ ...SIGNED, customerCheck: { method: 'otp', otpId: randomUUID() } }, ['OTP_NOT_VERIFIED']],
    ]
    for (const [extra, codes] of cases) {
      const res = await t.call('redemption.complete', request(extra))
      expect(res.ok).toBe(false)
      expect(!res.ok && res.error.issues!.map((i) => i.code)).toEqual(codes)
    }
    const unconfirmed = await t.call(
      'redemption.complete',
      request({ ...SIGNED, handover: { ...SIGNED.handover, accountsRemoved: false } }),
    )
    expect(!unconfirmed.ok && unconfirmed.error).toMatchObject({
      code: 'HANDOVER_DECLARATION_REQUIRED',
      issues: [{ path: 'handover.accountsRemoved' }],
    })
    expect(written(t)).toEqual(before)
  })

  it('keeps the signed declaration with the redemption and sends its hash, and the check used, to head office', async () => {
    const { planNumber, request } = await readyToRedeem()
    const done = await t.ok('redemption.complete', request(SIGNED))
    const sha256 = createHash('sha256').update(Buffer.from(SIGNATURE_PNG, 'base64')).digest('hex')
    const db = new Database(t.core.databasePath, { readonly: true })
    try {
      const row = db
        .prepare(`SELECT * FROM handovers WHERE redemption_id = ?`)
        .get(done.redemptionId) as Record<string, unknown>
      expect(row).toMatchObject({
        signature_sha256: sha256,
        customer_check: 'id-check',
        otp_id: null,
        register_check: 'offline',
      })
      expect(
        Buffer.compare(row.signature_png as Buffer, Buffer.from(SIGNATURE_PNG, 'base64')),
      ).toBe(0)
    } finally {
      db.close()
    }
    const events = await t.core.outbox.readPending(100)
    const redeemed = events.find((e) => e.type === 'plan.redeemed')!
    expect(redeemed.payload).toMatchObject({
      planNumber,
      customerCheck: { method: 'id-check' },
      handover: { signatureSha256: sha256 },
    })
    // Head office gets the hash, never the image.
    expect(JSON.stringify(redeemed)).not.toContain(SIGNATURE_PNG.slice(0, 40))

    // Past KYC retention the image goes with the customer's details; the hash stays.
    const days = (await t.ok('catalog.list', {})).kycRetentionDays as number
    await t.core.runRetention(Date.parse('2021-03-01T06:00:00Z') + (days + 1) * 86_400_000)
    const kept = new Database(t.core.databasePath, { readonly: true })
    try {
      expect(kept.prepare(`SELECT signature_png, signature_sha256 FROM handovers`).get()).toEqual({
        signature_png: null,
        signature_sha256: sha256,
      })
    } finally {
      kept.close()
    }
  })

  it('prints the signature small on the exchange voucher, with its hash and the check used', async () => {
    const { planNumber, request } = await readyToRedeem()
    await t.ok('redemption.complete', request(SIGNED))
    const sha256 = createHash('sha256').update(Buffer.from(SIGNATURE_PNG, 'base64')).digest('hex')
    for (const lang of ['en', 'hi'] as const) {
      const voucher = await t.ok('receipts.preview', { kind: 'redemption', ref: planNumber, lang })
      expect(voucher.html).toContain(`<img src="data:image/png;base64,${SIGNATURE_PNG}"`)
      expect(voucher.html).toContain(sha256.slice(0, 16))
      expect(voucher.html).toContain(lang === 'en' ? 'ID seen (offline)' : 'पहचान पत्र देखा')
    }
  })
})
