import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PushEventResult } from '../../shared/sync/protocol'
import { TARGETS, count, kioskPair, startHeadOffice, type TestHeadOffice } from './harness'

describe.each(TARGETS)('POST /sync/push on %s', (kind) => {
  let ho: TestHeadOffice
  beforeAll(async () => {
    ho = await startHeadOffice(kind)
  })
  afterAll(async () => {
    await ho?.close()
  })

  const pair = (store: string, code: string) => kioskPair(ho, store, code)

  it('applies each event once and answers duplicate on replay, with no second effect', async () => {
    const { kiosk, http } = await pair('MH01', 'K1')
    const events = [kiosk.enroll(), kiosk.enroll(), kiosk.enroll()]
    const first = await http.push(events)
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied'])
    expect(first.lastSeq).toBe(3)
    const again = await http.push(events)
    expect(again.results).toEqual(
      events.map((e) => ({ id: e.id, seq: e.seq, status: 'duplicate', original: 'applied' })),
    )
    expect(await count(ho.ds, 'ho_plan', 'store_code = ?', ['MH01'])).toBe(3)
    expect(await count(ho.ds, 'ho_sync_event', 'kiosk_id = ?', ['MH01/K1'])).toBe(3)
    // Plan details SMS + e-mail per plan, not doubled by the replay.
    expect(
      await count(
        ho.ds,
        'ho_notification',
        "kind = 'plan-enrolled' AND plan_number IN (?, ?, ?)",
        events.map((e) => e.payload.planNumber),
      ),
    ).toBe(6)
  })

  it('keeps no Aadhaar HMAC an older kiosk still sends: it is keyed per kiosk (issue 18)', async () => {
    const { kiosk, http } = await pair('MH01', 'KH')
    const hmac = 'ab'.repeat(32)
    const event = kiosk.enroll()
    event.payload.customer = {
      ...event.payload.customer,
      idType: 'aadhaar',
      idMasked: 'XXXX XXXX 2346',
      idLast4: '2346',
      aadhaarHmac: hmac,
    }
    expect((await http.push([event])).results[0]!.status).toBe('applied')
    expect(await count(ho.ds, 'ho_sync_event', 'kiosk_id = ?', ['MH01/KH'])).toBe(1)
    expect(await count(ho.ds, 'ho_sync_event', 'payload LIKE ?', [`%${hmac}%`])).toBe(0)
  })

  it('defers an out-of-order batch until the missing seqs arrive, then applies it', async () => {
    const { kiosk, http } = await pair('MH01', 'K2')
    const batch1 = [kiosk.enroll(), kiosk.enroll()]
    const batch2 = [kiosk.enroll(), kiosk.enroll()]
    const early = await http.push(batch2)
    expect(early.results.map((r) => r.status)).toEqual(['deferred', 'deferred'])
    expect(early.results[0]).toMatchObject({ expectedSeq: 1 })
    expect((await http.push(batch1)).results.map((r) => r.status)).toEqual(['applied', 'applied'])
    expect((await http.push(batch2)).results.map((r) => r.status)).toEqual(['applied', 'applied'])
    // A batch sent shuffled is applied in seq order.
    const batch3 = [kiosk.enroll(), kiosk.enroll(), kiosk.enroll()].reverse()
    const r3 = await http.push(batch3)
    expect(r3.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied'])
    expect(r3.lastSeq).toBe(7)
  })

  it('rejects a malformed event alone and goes on with the batch', async () => {
    const { kiosk, http } = await pair('MH01', 'K3')
    const good1 = kiosk.enroll()
    const bad = { ...kiosk.enroll(), payload: { planNumber: 'x' } } as never
    const training = { ...kiosk.enroll(), training: true }
    const otherStore = { ...kiosk.enroll(), storeCode: 'MS01' }
    const good2 = kiosk.enroll()
    const res = await http.push([good1, bad, training, otherStore, good2])
    expect(res.results.map((r) => [r.status, 'reason' in r ? r.reason : null])).toEqual([
      ['applied', null],
      ['rejected', 'EVENT_INVALID'],
      ['rejected', 'TRAINING_EVENT'],
      ['rejected', 'KIOSK_STORE_MISMATCH'],
      ['applied', null],
    ])
    expect(res.lastSeq).toBe(5)
    // A rejected event replayed is a duplicate of a rejection, not re-examined.
    const replay = await http.push([bad])
    expect(replay.results[0]).toMatchObject({ status: 'duplicate', original: 'rejected' })
  })

  it('refuses a seq reused with a different event id', async () => {
    const { kiosk, http } = await pair('MH01', 'K4')
    const e1 = kiosk.enroll()
    await http.push([e1])
    const reuse = { ...kiosk.enroll(), seq: 1 }
    const res = await http.push([reuse])
    expect(res.results[0]).toMatchObject({ status: 'rejected', reason: 'IDEMPOTENCY_CONFLICT' })
  })

  it('re-verifies a redemption with shared/domain and rejects a tampered value', async () => {
    const { kiosk, http } = await pair('MH01', 'K5')
    const plan = kiosk.enroll({ purchaseDate: '2026-01-05', srpPaise: 1_199_900 })
    const inspection = kiosk.inspect(plan, '2026-05-10')
    const inflated = kiosk.redeem(plan, '2026-05-10', {
      inspectionId: inspection.payload.inspectionId,
      tamper: {
        assuredValuePaise: 900_000,
        creditPaise: 900_000,
        amountPaidPaise: 2_499_900 - 900_000,
      },
    })
    const wrongSrp = kiosk.redeem(plan, '2026-05-10', { tamper: { srpPaise: 1_499_900 } })
    const tooEarly = kiosk.redeem(plan, '2026-02-04')
    const good = kiosk.redeem(plan, '2026-05-10', { inspectionId: inspection.payload.inspectionId })
    const res = await http.push([plan, inspection, inflated, wrongSrp, tooEarly, good])
    expect(res.results.map((r) => ('reason' in r ? r.reason : r.status))).toEqual([
      'applied',
      'applied',
      'VALUE_MISMATCH',
      'VALUE_MISMATCH',
      'TOO_EARLY',
      'applied',
    ])
    // 70% of ₹11,999 = ₹8,399.30 → half-up to ₹8,399.
    expect(good.payload.assuredValuePaise).toBe(839_900)
    expect(
      await count(ho.ds, 'ho_redemption', "plan_number = ? AND status = 'credited'", [
        plan.payload.planNumber,
      ]),
    ).toBe(1)
  })

  it('rejects a redemption whose inspection failed', async () => {
    const { kiosk, http } = await pair('MH01', 'K6')
    const plan = kiosk.enroll()
    const inspection = kiosk.inspect(plan, '2026-05-10', 'ineligible')
    const redeem = kiosk.redeem(plan, '2026-05-10', {
      inspectionId: inspection.payload.inspectionId,
    })
    const res = await http.push([plan, inspection, redeem])
    expect(res.results[2]).toMatchObject({ status: 'rejected', reason: 'INSPECTION_FAILED' })
  })

  it('two kiosks redeem one plan offline: first applied wins, second is a conflict both stores see', async () => {
    const a = await pair('MH02', 'A1')
    const b = await pair('MS01', 'B1')
    const plan = a.kiosk.enroll({ purchaseDate: '2026-01-05' })
    await a.http.push([plan])
    const atA = a.kiosk.redeem(plan, '2026-05-10')
    const atB = b.kiosk.redeem(plan, '2026-05-11')
    const first = await b.http.push([atB])
    const second = await a.http.push([atA])
    expect(first.results[0]?.status).toBe('applied')
    const conflict = second.results[0] as Extract<PushEventResult, { status: 'conflict' }>
    expect(conflict.status).toBe('conflict')
    expect(conflict.conflict).toMatchObject({
      kind: 'double-redemption',
      planNumber: plan.payload.planNumber,
      winner: { storeCode: 'MS01', kioskCode: 'B1', referenceId: atB.payload.redemptionId },
      loser: { storeCode: 'MH02', kioskCode: 'A1', referenceId: atA.payload.redemptionId },
    })
    // One credit only; the second redemption is kept as a conflict, never as a credit.
    expect(
      await count(ho.ds, 'ho_redemption', "plan_number = ? AND status = 'credited'", [
        plan.payload.planNumber,
      ]),
    ).toBe(1)
    expect(
      await count(ho.ds, 'ho_redemption', "plan_number = ? AND status = 'conflict'", [
        plan.payload.planNumber,
      ]),
    ).toBe(1)
    // Replaying the losing event stays a conflict-duplicate.
    expect((await a.http.push([atA])).results[0]).toMatchObject({
      status: 'duplicate',
      original: 'conflict',
    })
    for (const side of [a, b]) {
      const pulled = await side.http.pull(0)
      const seen = pulled.changes.filter((c) => c.kind === 'conflict')
      expect(seen.map((c) => c.kind === 'conflict' && c.conflict.conflictId)).toContain(
        conflict.conflict.conflictId,
      )
      const status = pulled.changes.filter(
        (c) => c.kind === 'plan.status' && c.planNumber === plan.payload.planNumber,
      )
      expect(status.at(-1)).toMatchObject({ status: 'redeemed', closedBy: { storeCode: 'MS01' } })
    }
    const desk = await ho.admin('GET', '/admin/conflicts?status=open')
    expect(desk.json.data.map((c: { conflictId: string }) => c.conflictId)).toContain(
      conflict.conflict.conflictId,
    )
  })

  it('two kiosks pushing redemptions of one plan at the same moment still credit once', async () => {
    const a = await pair('MH02', 'A2')
    const b = await pair('MS01', 'B2')
    const plans = Array.from({ length: 20 }, () => a.kiosk.enroll({ purchaseDate: '2026-01-05' }))
    await a.http.push(plans)
    const atA = plans.map((p) => a.kiosk.redeem(p, '2026-05-10'))
    const atB = plans.map((p) => b.kiosk.redeem(p, '2026-05-10'))
    const [ra, rb] = await Promise.all([a.http.push(atA), b.http.push(atB)])
    const statuses = [...ra.results, ...rb.results].map((r) => r.status)
    expect(statuses.filter((s) => s === 'applied')).toHaveLength(20)
    expect(statuses.filter((s) => s === 'conflict')).toHaveLength(20)
    const numbers = plans.map((p) => p.payload.planNumber)
    expect(
      await count(
        ho.ds,
        'ho_redemption',
        `status = 'credited' AND plan_number IN (${numbers.map(() => '?').join(',')})`,
        numbers,
      ),
    ).toBe(20)
  })

  it('records cancellations, conflicts a cancellation after redemption, and device collection', async () => {
    const { kiosk, http } = await pair('PP01', 'K1')
    const p1 = kiosk.enroll({ purchaseDate: '2026-01-05' })
    const p2 = kiosk.enroll({ purchaseDate: '2026-01-05' })
    const cancel1 = kiosk.cancel(p1, '2026-01-07')
    const redeem2 = kiosk.redeem(p2, '2026-06-01')
    const collect2 = kiosk.collect(redeem2, '2026-06-03')
    const lateCancel2 = kiosk.cancel(p2, '2026-06-04')
    const redeemCancelled = kiosk.redeem(p1, '2026-06-01')
    const res = await http.push([p1, p2, cancel1, redeem2, collect2, lateCancel2, redeemCancelled])
    expect(res.results.map((r) => r.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
      'applied',
      'conflict',
      'conflict',
    ])
    expect(res.results[5]).toMatchObject({ conflict: { kind: 'cancelled-after-redeem' } })
    expect(res.results[6]).toMatchObject({ conflict: { kind: 'redeemed-after-cancel' } })
    expect(
      await count(ho.ds, 'ho_redemption', "device_status = 'collected' AND redemption_id = ?", [
        redeem2.payload.redemptionId,
      ]),
    ).toBe(1)
  })
})
