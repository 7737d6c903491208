import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TARGETS, startHeadOffice, type TestHeadOffice } from '../../../headoffice/harness'
import { DAY, enrollmentRequest, fixedClock, newImei, type TestCore } from '../helpers'
import { demoCatalog, followClock, inspectAndRedeem, signInAll, syncedCore } from './support'

const ENROLLMENTS_PER_DAY = 30
const DAYS = 7
const METHODS = ['cash', 'upi', 'card'] as const

/** Active variants of the demo catalog with their model's fee and SIM count. */
function variants() {
  return demoCatalog()
    .models.filter((m) => m.active)
    .flatMap((m) =>
      m.variants
        .filter((v) => v.active)
        .map((v) => ({ variantId: v.id, feePaise: m.feePaise, dualSim: m.dualSim })),
    )
}

/** Money in, not in the events' order: the reconciliation must hold to the paisa per day. */
interface DayFigures {
  day: string
  enrollments: number
  feesPaise: number
  redemptions: number
  creditPaise: number
  cancellations: number
  refundsPaise: number
  /** Trade-ins (issue 22), apart from redemptions: none this week, on both sides. */
  tradeIns: number
  tradeInPaise: number
  tradeInsFlagged: number
  vouchersUsed: number
  voucherCreditPaise: number
}

/**
 * A busy store offline for a week (docs/program-rules.md#offline-first-and-sync): every sale is
 * kept on the kiosk, then one sync must make head office's activity report agree with the
 * kiosk's end-of-day figures to the paisa, day by day.
 */
describe.each(TARGETS)('seven days offline at a busy store, then sync (%s)', (kind) => {
  let ho: TestHeadOffice
  let t: TestCore & Awaited<ReturnType<typeof syncedCore>>
  const clock = fixedClock()
  beforeAll(async () => {
    ho = await startHeadOffice(kind, { start: clock(), catalog: false })
    followClock(ho, clock)
    expect((await ho.admin('POST', '/admin/catalogs', demoCatalog())).status).toBe(200)
    t = await syncedCore(ho, 'K1', { clock })
  })
  afterAll(async () => {
    await t?.cleanup()
    await ho?.close()
  })

  it('head office activity equals the kiosk end-of-day, per day, to the paisa', async () => {
    const all = variants()
    let n = 0
    const enroll = async (businessDate: string) => {
      const v = all[n % all.length]!
      const method = METHODS[n % METHODS.length]!
      n += 1
      const req = enrollmentRequest({
        variantId: v.variantId,
        imeis: v.dualSim ? [newImei(), newImei()] : [newImei()],
        purchase: {
          invoiceNumber: `INV-${n}`,
          invoiceDate: businessDate,
          storeCode: 'MH01',
          pricePaidPaise: 15_000_00,
        },
        payment: {
          method,
          reference: method === 'cash' ? null : `REF${n}`,
          amountPaise: v.feePaise,
        },
      } as Parameters<typeof enrollmentRequest>[0])
      const res = await t.ok('enrollment.create', req)
      return { req, planNumber: res.plan.planNumber as string }
    }

    t.net.online = false
    // Plans bought in November, redeemed during the offline week in March.
    const days: string[] = ['2020-11-10']
    await signInAll(t)
    const older = []
    for (let i = 0; i < 12; i++) older.push(await enroll('2020-11-10'))

    const start = Date.parse('2021-03-01T06:00:00Z')
    let cancelled = 0
    for (let d = 0; d < DAYS; d++) {
      clock.set(start + d * DAY)
      const day = t.core.businessDate()
      days.push(day)
      await signInAll(t)
      const today = []
      for (let i = 0; i < ENROLLMENTS_PER_DAY; i++) today.push(await enroll(day))
      // One or two upgrades a day, new phones priced both above and below the credit.
      for (const p of older.splice(0, d % 2 === 0 ? 2 : 1)) {
        await inspectAndRedeem(
          t,
          p.planNumber,
          p.req.imeis[0]!,
          { idLast4: p.req.customer.idNumber.slice(-4) },
          { imei: newImei(), pricePaise: d % 3 === 0 ? 5_000_00 : 25_000_00 },
        )
      }
      // A cancellation inside the cooling-off window on day 3, one after it on day 6.
      if (d === 2) {
        await t.ok(
          'plans.cancel',
          {
            requestId: randomUUID(),
            planNumber: today[5]!.planNumber,
            reason: 'changed mind',
            refundReference: 'UPI-R-3',
          },
          'MGR',
        )
        cancelled += 1
      }
      if (d === 6) {
        await t.ok(
          'plans.cancel',
          { requestId: randomUUID(), planNumber: older[0]!.planNumber, reason: 'moving abroad' },
          'MGR',
        )
        cancelled += 1
      }
    }
    expect(cancelled).toBe(2)

    const pending = await t.ok('sync.status', {})
    expect(pending.online === false || pending.online === null).toBe(true)
    expect(pending.pendingEvents).toBeGreaterThan(DAYS * ENROLLMENTS_PER_DAY)
    expect(pending.oldestPendingAgeSeconds).toBeGreaterThan(100 * 86_400)

    t.net.online = true
    const synced = await t.ok('sync.now', {})
    expect(synced).toMatchObject({
      online: true,
      pendingEvents: 0,
      rejectedEvents: 0,
      conflicts: 0,
    })

    const report = await ho.admin(
      'GET',
      `/admin/reports/activity?from=${days[0]}&to=${days.at(-1)}`,
    )
    expect(report.status).toBe(200)
    const atHeadOffice = new Map<string, DayFigures>(
      (report.json.data as Array<DayFigures & { storeCode: string }>)
        .filter((l) => l.storeCode === 'MH01')
        .map(({ storeCode: _s, ...l }) => [l.day, l]),
    )
    const atKiosk: DayFigures[] = []
    for (const day of days) {
      const eod = await t.ok('reports.endOfDay', { businessDate: day }, 'MGR')
      expect(eod.eventsNotSynced).toBe(0)
      atKiosk.push({
        day,
        enrollments: eod.enrollments.count,
        feesPaise: eod.enrollments.feesPaise,
        redemptions: eod.redemptions.count,
        creditPaise: eod.redemptions.creditPaise,
        cancellations: eod.cancellations.count,
        refundsPaise: eod.cancellations.refundPaise,
        tradeIns: eod.tradeIns.vouchersIssued,
        tradeInPaise: eod.tradeIns.amountPaise,
        tradeInsFlagged: 0,
        vouchersUsed: eod.tradeIns.vouchersUsed,
        voucherCreditPaise: eod.tradeIns.voucherCreditPaise,
      })
    }
    expect(days.map((d) => atHeadOffice.get(d))).toEqual(atKiosk)
    const total = (k: keyof Omit<DayFigures, 'day'>) => atKiosk.reduce((s, f) => s + f[k], 0)
    expect(total('enrollments')).toBe(12 + DAYS * ENROLLMENTS_PER_DAY)
    expect(total('redemptions')).toBe(11)
    expect(total('cancellations')).toBe(2)
    // For the report: the week's figures as both sides now agree on them.
    console.info(
      `[${kind}] 7 days offline:`,
      JSON.stringify({
        enrollments: total('enrollments'),
        feesPaise: total('feesPaise'),
        redemptions: total('redemptions'),
        creditPaise: total('creditPaise'),
        cancellations: total('cancellations'),
        refundsPaise: total('refundsPaise'),
      }),
    )
  }, 120_000)
})
