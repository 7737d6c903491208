import type { QueryRunner } from 'typeorm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { count, kioskPair, pushOutcomes, startHeadOffice, type TestHeadOffice } from './harness'

/** Backends of this database (other than the caller) waiting on a lock of any kind. */
async function lockWaiters(client: QueryRunner): Promise<number> {
  const rows = (await client.query(
    `SELECT count(*) AS n FROM pg_stat_activity
     WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
  )) as Array<{ n: string }>
  return Number(rows[0]?.n)
}

/** Polls until `n` backends wait on a lock; a condition, not a timing (bounded by count). */
async function untilWaiting(client: QueryRunner, n: number): Promise<void> {
  for (let i = 0; i < 3_000; i++) {
    if ((await lockWaiters(client)) >= n) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`never saw ${n} pushes waiting on a lock`)
}

/**
 * Issue 17 (item 2, PostgreSQL): two kiosks of two stores enrolling the same IMEI at the same
 * moment. Each push runs in its own READ COMMITTED transaction and locks only its own kiosk's
 * row, so without serialising on the IMEI both read "no active plan holds it" and both commit:
 * two silent plans. A gate makes the race certain instead of likely: another session holds the
 * ledger table (every push writes it last), so both pushes get as far as their writes before
 * either can commit. SQLite has one writer at a time, so the race cannot happen there.
 */
describe('concurrent same-IMEI enrollments on postgres', () => {
  let ho: TestHeadOffice
  let gate: QueryRunner
  // pg_stat_activity is one snapshot per transaction: the gate, inside its own, cannot watch.
  let watch: QueryRunner
  beforeAll(async () => {
    ho = await startHeadOffice('postgres')
    // Two connections of head office's own pool, held by the test.
    gate = ho.ds.createQueryRunner()
    watch = ho.ds.createQueryRunner()
    await gate.connect()
    await watch.connect()
  })
  afterAll(async () => {
    await gate?.release()
    await watch?.release()
    await ho?.close()
  })

  it('two pushes enrolling one IMEI at once: both plans registered, one duplicate-IMEI conflict', async () => {
    const a = await kioskPair(ho, 'MH01', 'R1')
    const b = await kioskPair(ho, 'MS01', 'R2')
    const first = a.kiosk.enroll()
    const second = b.kiosk.enroll()
    second.payload.imeis = [...first.payload.imeis]

    await gate.query('BEGIN')
    await gate.query('LOCK TABLE ho_sync_event IN EXCLUSIVE MODE')
    const pushes = Promise.all([a.http.push([first]), b.http.push([second])])
    // Both pushes are inside their transactions, each stopped at a lock (the ledger table, or —
    // once serialised — the IMEI the other push holds).
    await untilWaiting(watch, 2)
    await gate.query('COMMIT')
    const [ra, rb] = await pushes

    expect(pushOutcomes(ra.results)).toEqual(['applied'])
    expect(pushOutcomes(rb.results)).toEqual(['applied'])
    expect(await count(ho.ds, 'ho_plan', 'imei1 = ?', [first.payload.imeis[0]])).toBe(2)
    const conflicts = (await ho.ds.query(
      `SELECT plan_number, loser FROM ho_conflict WHERE kind = 'duplicate-imei'`,
    )) as Array<{ plan_number: string; loser: string }>
    expect(conflicts).toHaveLength(1)
    const loser = JSON.parse(conflicts[0]!.loser) as { reason: { code: string } }
    expect(loser.reason.code).toBe('IMEI_ENROLLED_ELSEWHERE')
    expect([first.payload.planNumber, second.payload.planNumber]).toContain(
      conflicts[0]!.plan_number,
    )
  })
})
