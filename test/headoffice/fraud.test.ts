import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OutboxEvent, OutboxEventOf } from '../../shared/sync/events'
import type { Conflict } from '../../shared/sync/protocol'
import { nextImei } from './fixtures'
import {
  TARGETS,
  count,
  kioskPair,
  startHeadOffice,
  type TestHeadOffice,
  pushOutcomes,
} from './harness'

/**
 * Issue 17: the attacks on a head office that trusted the kiosks' figures, each replayed against
 * SQLite and PostgreSQL. Every refusal must be a `rejected` answer with a reason code, recorded as
 * a conflict the stores and the head-office desk see — never a 500 that stalls the outbox.
 */
describe.each(TARGETS)('head office trusts no kiosk figure on %s', (kind) => {
  let ho: TestHeadOffice
  beforeAll(async () => {
    ho = await startHeadOffice(kind)
  })
  afterAll(async () => {
    await ho?.close()
  })

  const pair = (store: string, code: string) => kioskPair(ho, store, code)

  async function conflictsSeenBy(http: ReturnType<TestHeadOffice['client']>): Promise<Conflict[]> {
    const pulled = await http.pull(0)
    return pulled.changes.flatMap((c) => (c.kind === 'conflict' ? [c.conflict] : []))
  }

  const tampered = <T extends OutboxEvent>(event: T, payload: Partial<T['payload']>): T =>
    ({ ...event, payload: { ...event.payload, ...payload } }) as T

  // ---------- item 5: bounded money, and no refusal ever stalls the outbox ----------

  it('an SRP of 2^31 paise is rejected alone and recorded as a conflict; later events still apply', async () => {
    const { kiosk, http } = await pair('MH01', 'F5')
    const huge = kiosk.enroll({ srpPaise: 2 ** 31 })
    const next = kiosk.enroll()
    const first = await http.push([huge, next])
    expect(pushOutcomes(first.results)).toEqual(['EVENT_INVALID', 'applied'])
    expect(first.lastSeq).toBe(2)
    // The outbox is not stuck: the next push applies as usual.
    const later = await http.push([kiosk.enroll()])
    expect(pushOutcomes(later.results)).toEqual(['applied'])

    const seen = await conflictsSeenBy(http)
    const refusal = seen.find((c) => c.loser.eventId === huge.id)
    expect(refusal).toMatchObject({
      kind: 'event-rejected',
      planNumber: huge.payload.planNumber,
      loser: { storeCode: 'MH01', kioskCode: 'F5', reason: { code: 'EVENT_INVALID' } },
    })
    const desk = await ho.admin('GET', '/admin/conflicts?status=open')
    expect(desk.json.data.map((c: Conflict) => c.conflictId)).toContain(refusal?.conflictId)
  })

  it('keeps money in 64-bit columns (bigint on PostgreSQL; INTEGER, always 64-bit, on SQLite)', async () => {
    type Column = { table_name: string; column_name: string; data_type: string }
    let columns: Column[]
    if (kind === 'postgres') {
      columns = (await ho.ds.query(
        `SELECT table_name, column_name, data_type FROM information_schema.columns
         WHERE column_name LIKE '%_paise' AND table_name LIKE 'ho_%' ORDER BY table_name, column_name`,
      )) as Column[]
    } else {
      const tables = (await ho.ds.query(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'ho_%'`,
      )) as Array<{ name: string }>
      columns = []
      for (const { name } of tables) {
        const info = (await ho.ds.query(`PRAGMA table_info("${name}")`)) as Array<{
          name: string
          type: string
        }>
        for (const c of info.filter((c) => c.name.endsWith('_paise'))) {
          columns.push({ table_name: name, column_name: c.name, data_type: c.type.toLowerCase() })
        }
      }
    }
    expect(columns.length).toBeGreaterThanOrEqual(8)
    const wide = kind === 'postgres' ? 'bigint' : 'integer'
    expect(columns.filter((c) => c.data_type !== wide)).toEqual([])
  })

  // ---------- item 4: head office re-derives every figure ----------

  it('refuses an enrollment under an unpublished catalog version or with another SRP or fee', async () => {
    const { kiosk, http } = await pair('MH01', 'F4')
    const unknownVersion = kiosk.enroll({ catalogVersion: '9999.99.9' })
    const inflatedSrp = kiosk.enroll({ srpPaise: 99_99_99_999 })
    const wrongFee = kiosk.enroll({ feePaise: 100 })
    const wrongVariant = kiosk.enroll({ variantId: 'mi-10-8-256' })
    const good = kiosk.enroll()
    const res = await http.push([unknownVersion, inflatedSrp, wrongFee, wrongVariant, good])
    expect(pushOutcomes(res.results)).toEqual([
      'CATALOG_VERSION_UNKNOWN',
      'SRP_MISMATCH',
      'FEE_MISMATCH',
      'VARIANT_NOT_FOUND',
      'applied',
    ])
    expect(await count(ho.ds, 'ho_plan', 'kiosk_code = ?', ['F4'])).toBe(1)
  })

  it('refuses a refund that is not the fee inside the cooling-off window, or not 0 after it', async () => {
    const { kiosk, http } = await pair('MH01', 'F3')
    const plan = kiosk.enroll({ purchaseDate: '2026-01-05' })
    const tenTimes = tampered(kiosk.cancel(plan, '2026-01-07'), {
      refundPaise: plan.payload.feePaise * 10,
      refund: { method: 'cash', reference: null, amountPaise: plan.payload.feePaise * 10 },
    })
    const late = tampered(kiosk.cancel(plan, '2026-03-01'), {
      refundPaise: plan.payload.feePaise,
      withinWindow: true,
      refund: { method: 'cash', reference: null, amountPaise: plan.payload.feePaise },
    })
    const good = kiosk.cancel(plan, '2026-01-07')
    const res = await http.push([plan, tenTimes, late, good])
    expect(pushOutcomes(res.results)).toEqual([
      'applied',
      'REFUND_MISMATCH',
      'REFUND_MISMATCH',
      'applied',
    ])
    const refunds = (await ho.ds.query(
      kind === 'postgres'
        ? `SELECT refund_paise FROM ho_cancellation WHERE plan_number = $1`
        : `SELECT refund_paise FROM ho_cancellation WHERE plan_number = ?`,
      [plan.payload.planNumber],
    )) as Array<{ refund_paise: number | string }>
    expect(refunds.map((r) => Number(r.refund_paise))).toEqual([plan.payload.feePaise])
  })

  it('refuses a new phone that is not a catalog model, or dearer than its SRP', async () => {
    const { kiosk, http } = await pair('MH01', 'F2')
    const plan = kiosk.enroll({ purchaseDate: '2026-01-05' })
    const onDate = '2026-05-10'
    const redeem = (options: Parameters<typeof kiosk.redeem>[2]) => {
      const inspection = kiosk.inspect(plan, onDate)
      return [
        inspection,
        kiosk.redeem(plan, onDate, { inspectionId: inspection.payload.inspectionId, ...options }),
      ]
    }
    const [i1, freeText] = redeem({})
    const [i2, aboveSrp] = redeem({ newPricePaise: 3_000_000 })
    const [i3, good] = redeem({})
    const noModel = freeText as OutboxEventOf<'plan.redeemed'>
    const res = await http.push([
      plan,
      i1!,
      tampered(noModel, {
        newDevice: { modelName: 'Redmi Note 99 Ultra', imei: nextImei(), pricePaise: 2_499_900 },
      }),
      i2!,
      aboveSrp!,
      i3!,
      good!,
    ])
    expect(pushOutcomes(res.results)).toEqual([
      'applied',
      'applied',
      'NEW_DEVICE_NOT_IN_CATALOG',
      'applied',
      'NEW_DEVICE_PRICE_ABOVE_SRP',
      'applied',
      'applied',
    ])
  })

  // ---------- item 3: cancellation only at the plan's own store ----------

  it("refuses another store's cancellation, with any refund, and both stores see it", async () => {
    const owner = await pair('MH01', 'C1')
    const other = await pair('MS01', 'C2')
    const plan = owner.kiosk.enroll({ purchaseDate: '2026-01-05' })
    await owner.http.push([plan])
    const greedy = tampered(other.kiosk.cancel(plan, '2026-01-06'), {
      refundPaise: plan.payload.feePaise * 10,
      refund: { method: 'cash', reference: null, amountPaise: plan.payload.feePaise * 10 },
    })
    const honest = other.kiosk.cancel(plan, '2026-01-06')
    const res = await other.http.push([greedy, honest])
    expect(pushOutcomes(res.results)).toEqual([
      'CANCELLATION_WRONG_STORE',
      'CANCELLATION_WRONG_STORE',
    ])
    expect(
      await count(ho.ds, 'ho_plan', "plan_number = ? AND status = 'active'", [
        plan.payload.planNumber,
      ]),
    ).toBe(1)
    for (const side of [owner, other]) {
      const seen = await conflictsSeenBy(side.http)
      expect(seen.find((c) => c.loser.eventId === greedy.id)).toMatchObject({
        kind: 'event-rejected',
        planNumber: plan.payload.planNumber,
        winner: { storeCode: 'MH01', kioskCode: 'C1' },
        loser: { storeCode: 'MS01', reason: { code: 'CANCELLATION_WRONG_STORE' } },
      })
    }
    // Redemption at any store stays legitimate.
    const redeemed = await other.http.push([other.kiosk.redeem(plan, '2026-05-10')])
    expect(pushOutcomes(redeemed.results)).toEqual(['applied'])
  })

  // ---------- item 2: one active plan per IMEI across stores ----------

  it('records a second active plan for an IMEI as a duplicate-IMEI conflict for both stores and in the reports', async () => {
    const a = await pair('MH02', 'D1')
    const b = await pair('PP01', 'D2')
    const first = a.kiosk.enroll({ purchaseDate: '2026-01-05' })
    const second = b.kiosk.enroll({ purchaseDate: '2026-01-05' })
    second.payload.imeis = [...first.payload.imeis]
    expect(pushOutcomes((await a.http.push([first])).results)).toEqual(['applied'])
    // The second kiosk sold offline: the plan is registered, the duplicate is a conflict.
    expect(pushOutcomes((await b.http.push([second])).results)).toEqual(['applied'])
    for (const side of [a, b]) {
      const seen = await conflictsSeenBy(side.http)
      expect(
        seen.find((c) => c.kind === 'duplicate-imei' && c.planNumber === second.payload.planNumber),
      ).toMatchObject({
        winner: { storeCode: 'MH02', referenceId: first.payload.planNumber },
        loser: { storeCode: 'PP01', reason: { code: 'IMEI_ENROLLED_ELSEWHERE' } },
      })
    }
    const report = await ho.admin('GET', '/admin/reports/duplicate-imeis')
    expect(
      report.json.data.filter((l: { imei: string }) => l.imei === first.payload.imeis[0]),
    ).toEqual([
      {
        imei: first.payload.imeis[0],
        planNumber: first.payload.planNumber,
        storeCode: 'MH02',
        enrolledOn: '2026-01-05',
      },
      {
        imei: first.payload.imeis[0],
        planNumber: second.payload.planNumber,
        storeCode: 'PP01',
        enrolledOn: '2026-01-05',
      },
    ])
  })

  // ---------- item 1: the latest inspection, passed, on the day ----------

  it('refuses a redemption on a stale inspection when a later one failed, or one of another day', async () => {
    const { kiosk, http } = await pair('MH01', 'I1')
    const plan = kiosk.enroll({ purchaseDate: '2026-01-05' })
    const march = kiosk.inspect(plan, '2026-05-01')
    const julyFailed = kiosk.inspect(plan, '2026-07-01', 'ineligible')
    const onStale = kiosk.redeem(plan, '2026-07-01', { inspectionId: march.payload.inspectionId })
    const julyPassed = kiosk.inspect(plan, '2026-07-02')
    const dayLate = kiosk.redeem(plan, '2026-07-03', {
      inspectionId: julyPassed.payload.inspectionId,
    })
    const sameDay = kiosk.inspect(plan, '2026-07-03')
    const superseded = kiosk.redeem(plan, '2026-07-03', {
      inspectionId: julyPassed.payload.inspectionId,
    })
    const good = kiosk.redeem(plan, '2026-07-03', { inspectionId: sameDay.payload.inspectionId })
    const res = await http.push([
      plan,
      march,
      julyFailed,
      onStale,
      julyPassed,
      dayLate,
      sameDay,
      superseded,
      good,
    ])
    expect(pushOutcomes(res.results)).toEqual([
      'applied',
      'applied',
      'applied',
      'INSPECTION_FAILED',
      'applied',
      'INSPECTION_STALE',
      'applied',
      'INSPECTION_SUPERSEDED',
      'applied',
    ])
  })
})
