import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DataSource } from 'typeorm'
import { openDatabase } from '../../headoffice/db/data-source'
import { silentLogger } from '../../headoffice/logger'
import { createJobRunner, type BackgroundJob } from '../../headoffice/services/job-runner'
import { count, createTestDatabase } from './harness'

/**
 * Background jobs run once across head-office processes (issue 20). Each runner here has its own
 * data source — its own connection pool, as a separate process has — on one PostgreSQL database.
 */
const clock = () => Date.parse('2026-11-30T04:00:00Z')
const day = () => '2026-11-30'

function gate() {
  let open!: () => void
  const opened = new Promise<void>((r) => (open = r))
  return { open, opened }
}

describe('background jobs across three head-office processes (postgres)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>
  const sources: DataSource[] = []
  beforeAll(async () => {
    db = await createTestDatabase('postgres')
    for (let i = 0; i < 3; i++) sources.push(await openDatabase(db.target, 4))
  })
  afterAll(async () => {
    for (const ds of sources) if (ds.isInitialized) await ds.destroy()
    await db?.drop()
  })

  it('a daily job runs once, however many processes tick at once', async () => {
    let runs = 0
    const job: BackgroundJob = { name: 'daily', period: day, run: async () => (runs += 1) }
    const runners = sources.map((ds) => createJobRunner(ds, [job], { clock, logger: silentLogger }))
    for (let round = 0; round < 4; round++) await Promise.all(runners.map((r) => r.tick()))
    expect(runs).toBe(1)
    expect(await count(sources[0]!, 'ho_job_run', `job = 'daily'`)).toBe(1)
  })

  it('a sweep runs in one process at a time: the others skip it while it runs', async () => {
    const started = gate()
    const release = gate()
    let active = 0
    let most = 0
    const job: BackgroundJob = {
      name: 'sweep',
      run: async () => {
        active += 1
        most = Math.max(most, active)
        started.open()
        await release.opened
        active -= 1
      },
    }
    const [a, b, c] = sources.map((ds) =>
      createJobRunner(ds, [job], { clock, logger: silentLogger }),
    )
    const first = a!.tick()
    await started.opened
    expect(await b!.tick()).toEqual([])
    expect(await c!.tick()).toEqual([])
    release.open()
    expect(await first).toEqual(['sweep'])
    expect(most).toBe(1)
    // Released: the next tick anywhere runs it again.
    expect(await b!.tick()).toEqual(['sweep'])
  })

  it('a process that dies in the middle of a daily job leaves it to another, which runs it', async () => {
    const started = gate()
    let runs = 0
    const hangs: BackgroundJob = {
      name: 'daily-crash',
      period: day,
      run: async () => {
        runs += 1
        started.open()
        await new Promise(() => {}) // never finishes: its process is about to die
      },
    }
    const dying = createJobRunner(sources[0]!, [hangs], { clock, logger: silentLogger })
    void dying.tick()
    await started.opened
    // The dying process's connection ends as a SIGKILL ends it: PostgreSQL drops its session.
    const holders = (await sources[1]!.query(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = 2020
       AND objid::int = hashtext('job:daily-crash')
       AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    )) as Array<{ pid: number }>
    expect(holders).toHaveLength(1)
    await sources[1]!.query(`SELECT pg_terminate_backend($1)`, [holders[0]!.pid])

    let finished = 0
    const survivor = createJobRunner(
      sources[1]!,
      [{ name: 'daily-crash', period: day, run: async () => (finished += 1) }],
      { clock, logger: silentLogger },
    )
    expect(await survivor.tick()).toEqual(['daily-crash'])
    expect(await survivor.tick()).toEqual([])
    expect({ runs, finished }).toEqual({ runs: 1, finished: 1 })
    expect(await count(sources[1]!, 'ho_job_run', `job = 'daily-crash'`)).toBe(1)
  })
})

describe('background jobs on SQLite (one process)', () => {
  it('a daily job runs once a day, restarts included', async () => {
    const db = await createTestDatabase('sqlite')
    let runs = 0
    const job: BackgroundJob = { name: 'daily', period: day, run: async () => (runs += 1) }
    let ds = await openDatabase(db.target, 1)
    const runner = createJobRunner(ds, [job], { clock, logger: silentLogger })
    await runner.tick()
    await runner.tick()
    await ds.destroy()
    ds = await openDatabase(db.target, 1)
    await createJobRunner(ds, [job], { clock, logger: silentLogger }).tick()
    expect(runs).toBe(1)
    await ds.destroy()
    await db.drop()
  })
})
