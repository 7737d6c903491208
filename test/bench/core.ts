import Database from 'better-sqlite3'
import { spawnSync } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEMO_STAFF, createKioskCore, type KioskCoreConfig } from '../../electron/core'
import { createMemoryLogger } from '../../electron/core/logger'
import { formatPlanNumber, planKey } from '../../shared/domain/plan-number'
import { CustomerEntity, type CustomerRow } from '../../electron/core/storage/entities'
import { WAL_AUTOCHECKPOINT_PAGES, openDatabase } from '../../electron/core/storage/database'
import { Store } from '../../electron/core/storage/store'
import { luhnCheckDigit, verhoeffCheckDigit } from '../../shared/domain/checksums'

// Suite `core` (issue 4): enrollment and lookup latency through the core's dispatcher on big
// databases, cold start, and TypeORM vs raw better-sqlite3 inserts measured in the same run.
//
// Honesty rules (docs/testing.md#benchmarks; the machine is shared, 2 cores): seeding runs in a
// child process, so its garbage and page-cache churn are not in the measured process's heap;
// every latency figure is the median over several rounds of a per-round percentile; each round
// is preceded by a pause; and the one thing this suite cannot make faster — the disk's fsync —
// is measured in the same run as a floor (raw better-sqlite3 committing as many WAL pages).

interface Result {
  metric: string
  value: number
  unit: string
  target: string
}

const here = dirname(fileURLToPath(import.meta.url))
const CATALOG = resolve(here, '../../resources/catalog/demo-catalog.json')
const T0 = Date.parse('2020-11-10T06:00:00Z')
const ctx = { sessionId: 'bench', transport: 'ipc' as const }

const imeiOf = (prefix: string, n: number) => {
  const body = `${prefix}${String(n).padStart(12, '0')}`
  return body + luhnCheckDigit(body)
}
const mobileOf = (n: number) => `9${String(n).padStart(9, '0')}`
// Seeded plan i gets sequence i+1 below 100,000 and a sequence far above the enrollments the
// benchmark itself issues after that, so the second seeding never collides with them.
const seqOf = (i: number) => (i < 100_000 ? i + 1 : i + 1 + 2_000_000)
const aadhaarBody = '23456789012'
const AADHAAR = aadhaarBody + verhoeffCheckDigit(aadhaarBody)

function config(dataDir: string, synchronous: 'FULL' | 'NORMAL' = 'FULL'): KioskCoreConfig {
  return {
    synchronous,
    dataDir,
    clock: () => T0,
    bundledCatalogPath: CATALOG,
    storeCode: 'MH01',
    kioskCode: 'K1',
    appVersion: 'bench',
    logger: createMemoryLogger(),
    kycKey: Buffer.alloc(32, 7),
    seedStaff: DEMO_STAFF,
    pinCostLog2: 10,
  }
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!
}
const median = (xs: number[]) => percentile(xs, 50)
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6
const sleep = (t: number) => new Promise((r) => setTimeout(r, t))
const round3 = (x: number) => Math.round(x * 1000) / 1000

/** Lets the heap and the store's idle WAL checkpoint (store.ts) settle before measuring. */
async function settle(): Promise<void> {
  ;(globalThis as { gc?: () => void }).gc?.()
  await sleep(1000)
}

const ROUNDS = Number(process.env.BENCH_CORE_ROUNDS ?? 5)

const seqUuid = (kind: number, i: number) =>
  `0000000${kind}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`

/**
 * Seeds in a child process (this file, `--seed`): a million plans make a lot of short-lived
 * strings, and a major GC of them must not land in the measured loop.
 */
function seedPlansInChild(file: string, from: number, to: number): void {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--seed', file, String(from), String(to)],
    { stdio: 'inherit' },
  )
  if (child.status !== 0) throw new Error(`seeding failed (exit ${child.status})`)
}

/** Adds plans [from, to) with raw prepared statements in one transaction (seeding only). */
function seedPlans(file: string, from: number, to: number): void {
  const db = new Database(file)
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -262144')
  const customer = db.prepare(`INSERT INTO customers (id, name, mobile, email, id_type, id_masked,
    id_last4, aadhaar_hmac, consent_data_processing, consent_notifications, consent_marketing,
    consent_version, consent_at, anonymised_at, created_at)
    VALUES (?, 'Seed Customer', ?, NULL, 'pan', 'XXXXXX234F', '234F', NULL, 1, 1, 0, 'v1', ?, NULL, ?)`)
  const plan = db.prepare(`INSERT INTO plans (id, plan_number, plan_key, customer_id, model_id,
    model_name, variant_id, variant_name, srp_paise, fee_paise, catalog_version, purchase_date,
    invoice_number, invoice_date, purchase_store_code, price_paid_paise, enrolled_on, enrolled_at,
    expires_on, status, closed_on, staff_id, origin, training)
    VALUES (?, ?, ?, ?, 'redmi-note-9', 'Redmi Note 9', 'redmi-note-9-4-64', '4 GB + 64 GB',
      1199900, 49900, '2026.11.1', '2020-11-05', ?, '2020-11-05', 'MH01', 1199900, '2020-11-10',
      ?, '2022-02-04', 'active', NULL, NULL, 'local', 0)`)
  const imei = db.prepare(
    'INSERT INTO plan_imeis (plan_id, slot, imei, active) VALUES (?, ?, ?, 1)',
  )
  const at = new Date(T0).toISOString()
  db.transaction(() => {
    for (let i = from; i < to; i++) {
      // Ascending ids append to the B-trees instead of splitting random pages: 10x faster seeding.
      const c = seqUuid(1, i)
      const p = seqUuid(2, i)
      const number = formatPlanNumber('MH01', 'K1', seqOf(i))
      customer.run(c, mobileOf(i), at, at)
      plan.run(p, number, planKey(number), c, `INV-${i}`, at)
      imei.run(p, 0, imeiOf('99', 2 * i))
      imei.run(p, 1, imeiOf('99', 2 * i + 1))
    }
    db.prepare(
      "INSERT INTO sequences (name, value) VALUES ('plan', ?) ON CONFLICT (name) DO UPDATE SET value = MAX(value, excluded.value)",
    ).run(seqOf(to - 1))
  })()
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  // Seeding skipped every fsync; flush its writes now, or the kernel's writeback of them would
  // compete with the measured sales' fsyncs for the first seconds of the benchmark.
  const fd = openSync(file, 'r+')
  fsyncSync(fd)
  closeSync(fd)
}

let enrollCounter = 0
function enrollmentRequest() {
  const n = enrollCounter++
  return {
    requestId: randomUUID(),
    variantId: 'redmi-note-9-4-64',
    imeis: [imeiOf('35', 2 * n), imeiOf('35', 2 * n + 1)],
    purchase: {
      invoiceNumber: `B-${n}`,
      invoiceDate: '2020-11-05',
      storeCode: 'MH01',
      pricePaidPaise: 11_999_00,
    },
    customer: {
      name: 'Bench Customer',
      mobile: '9876543210',
      email: null,
      idType: 'aadhaar',
      idNumber: AADHAAR,
    },
    consent: {
      dataProcessing: true,
      notifications: true,
      marketing: false,
      version: 'dpdp-2026.11',
      givenBy: 'adult',
    },
    payment: { method: 'upi', reference: `UPI${n}`, amountPaise: 499_00 },
  }
}

/**
 * The floor under any enrollment's latency on this disk: raw better-sqlite3, same directory, same
 * WAL + synchronous=FULL, committing one transaction of as many WAL pages as an enrollment.
 */
function commitFloor(db: Database.Database, pages: number): () => number {
  const blob = randomBytes(Math.max(1, Math.round(pages) - 2) * 4000)
  const put = db.prepare('INSERT OR REPLACE INTO floor (id, data) VALUES (?, ?)')
  const commit = db.transaction((i: number) => put.run(i % 50, blob))
  let i = 0
  return () => {
    const start = process.hrtime.bigint()
    commit(i++)
    return ms(start)
  }
}

interface EnrollmentFigures {
  p99: number
  p50: number
  floorP99: number
  checkpointMs: number
  pagesPerEnrollment: number
}

async function enrollmentP99(
  dir: string,
  synchronous: 'FULL' | 'NORMAL' = 'FULL',
): Promise<EnrollmentFigures> {
  const core = await createKioskCore(config(dir, synchronous))
  await core.dispatch('staff.signIn', { staffCode: 'C1', pin: '1111' }, ctx)
  const enroll = async () => {
    // Each request arrives in its own event-loop turn, as an IPC message or an HTTP request does;
    // calls chained on one microtask queue would let no timer or immediate run between two sales.
    await new Promise((resolve) => setImmediate(resolve))
    const start = process.hrtime.bigint()
    const res = await core.dispatch('enrollment.create', enrollmentRequest(), ctx)
    const t = ms(start)
    if (!res.ok) throw new Error(JSON.stringify(res.error))
    return t
  }
  // A second connection, to count the WAL frames an enrollment writes and to checkpoint after
  // each burst, which the store would otherwise do itself once idle: the cost a sale no longer
  // pays, reported as enrollment.idle_checkpoint_ms.
  const file = join(dir, 'kiosk.sqlite')
  const probe = new Database(file)
  const pageSize = probe.pragma('page_size', { simple: true }) as number
  // Frames in the WAL file itself: a checkpoint's `log` restarts whenever the WAL does.
  const walFrames = () => Math.max(0, (statSync(`${file}-wal`).size - 32) / (24 + pageSize))
  const WARM_UP = 100
  for (let i = 0; i < WARM_UP; i++) await enroll() // JIT, statement caches, page cache
  probe.pragma('wal_checkpoint(TRUNCATE)')
  const SAMPLE = 20 // far below wal_autocheckpoint, so no checkpoint restarts the WAL meanwhile
  for (let i = 0; i < SAMPLE; i++) await enroll()
  const pagesPerEnrollment = walFrames() / SAMPLE
  const floorDb = new Database(join(dir, 'floor.sqlite'))
  floorDb.pragma('journal_mode = WAL')
  floorDb.pragma(`synchronous = ${synchronous}`)
  floorDb.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`) // as the kiosk's (database.ts)
  floorDb.exec('CREATE TABLE IF NOT EXISTS floor (id INTEGER PRIMARY KEY, data BLOB)')
  const p99s: number[] = []
  const p50s: number[] = []
  const floors: number[] = []
  const checkpoints: number[] = []
  const PER_ROUND = 300
  for (let round = 0; round < ROUNDS; round++) {
    await settle() // the kiosk between two customers (the WAL was checkpointed after the last burst)
    const floor = commitFloor(floorDb, pagesPerEnrollment)
    const times: number[] = []
    const floorTimes: number[] = []
    for (let i = 0; i < PER_ROUND; i++) {
      times.push(await enroll())
      // Interleaved, outside the enrollment's time: both see the same moment of a shared disk.
      floorTimes.push(floor())
    }
    p99s.push(percentile(times, 99))
    p50s.push(median(times))
    floors.push(percentile(floorTimes, 99))
    const start = process.hrtime.bigint()
    probe.pragma('wal_checkpoint(PASSIVE)')
    checkpoints.push(ms(start))
    floorDb.pragma('wal_checkpoint(PASSIVE)')
  }
  probe.close()
  floorDb.close()
  await core.close()
  console.log(
    `enrollment (${synchronous}) p99 by round (ms): ${p99s.map(round3).join(', ')}; ` +
      `raw commit floor p99: ${floors.map(round3).join(', ')}`,
  )
  return {
    p99: median(p99s),
    p50: median(p50s),
    floorP99: median(floors),
    checkpointMs: median(checkpoints),
    pagesPerEnrollment,
  }
}

async function coldStart(dir: string): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint()
    const core = await createKioskCore(config(dir))
    times.push(ms(start))
    await core.close()
  }
  return median(times)
}

/** TypeORM's insert builder, and the store's insert (what services use), each vs raw. */
async function insertRatio(dir: string): Promise<{ typeorm: number; store: number }> {
  const db = await openDatabase({ file: join(dir, 'ratio.sqlite'), now: () => T0 })
  const store = new Store(db, {}, { idleMs: 0 })
  const N = 5000
  const row = (i: number, tag: string): CustomerRow => ({
    id: `${tag}-${i}`,
    name: 'Ratio Test',
    mobile: mobileOf(i),
    email: null,
    idType: 'pan',
    idMasked: 'XXXXXX234F',
    idLast4: '234F',
    aadhaarHmac: null,
    consentDataProcessing: true,
    consentNotifications: true,
    consentMarketing: false,
    consentVersion: 'v1',
    consentAt: 'x',
    consentGivenBy: 'adult',
    guardianName: null,
    anonymisedAt: null,
    createdAt: 'x',
  })
  const stmt = db.raw.prepare(`INSERT INTO customers (id, name, mobile, email, id_type, id_masked,
    id_last4, aadhaar_hmac, consent_data_processing, consent_notifications, consent_marketing,
    consent_version, consent_at, anonymised_at, created_at)
    VALUES (@id, @name, @mobile, @email, @idType, @idMasked, @idLast4, @aadhaarHmac,
      @consentDataProcessing, @consentNotifications, @consentMarketing, @consentVersion,
      @consentAt, @anonymisedAt, @createdAt)`)
  const typeorm: number[] = []
  const viaStore: number[] = []
  for (let round = 0; round < 3; round++) {
    let start = process.hrtime.bigint()
    await db.dataSource.transaction(async (em) => {
      for (let i = 0; i < N; i++) await em.insert(CustomerEntity, row(i, `orm${round}`))
    })
    const orm = ms(start)
    start = process.hrtime.bigint()
    await store.write(async (tx) => {
      for (let i = 0; i < N; i++) await tx.insert(CustomerEntity, row(i, `store${round}`))
    })
    const stored = ms(start)
    start = process.hrtime.bigint()
    db.raw.transaction(() => {
      for (let i = 0; i < N; i++) {
        const r = row(i, `raw${round}`)
        stmt.run({ ...r, consentDataProcessing: 1, consentNotifications: 1, consentMarketing: 0 })
      }
    })()
    const raw = ms(start)
    typeorm.push(orm / raw)
    viaStore.push(stored / raw)
  }
  await store.close()
  return { typeorm: median(typeorm), store: median(viaStore) }
}

const LOOKUP_KEYS = ['planNumber', 'imei', 'mobile'] as const
type LookupKey = (typeof LOOKUP_KEYS)[number]
type KeyFigures = Record<LookupKey, { p50: number; p99: number }>

async function lookupP99(dir: string, planCount: number): Promise<KeyFigures> {
  const core = await createKioskCore(config(dir))
  await core.dispatch('staff.signIn', { staffCode: 'C1', pin: '1111' }, ctx)
  const pick = () => Math.floor(Math.random() * planCount)
  const make: Record<LookupKey, () => string> = {
    planNumber: () => formatPlanNumber('MH01', 'K1', seqOf(pick())),
    imei: () => imeiOf('99', 2 * pick() + 1),
    mobile: () => mobileOf(pick()),
  }
  const lookup = async (by: LookupKey) => {
    const query = make[by]()
    const start = process.hrtime.bigint()
    const res = await core.dispatch('plans.lookup', { query, by }, ctx)
    const t = ms(start)
    if (!res.ok || (res.data as { plans: unknown[] }).plans.length !== 1) {
      throw new Error(`lookup ${by} ${query}: ${JSON.stringify(res)}`)
    }
    return t
  }
  for (let i = 0; i < 3000; i++) await lookup(LOOKUP_KEYS[i % 3]!) // warm-up
  const p50s: Record<LookupKey, number[]> = { planNumber: [], imei: [], mobile: [] }
  const p99s: Record<LookupKey, number[]> = { planNumber: [], imei: [], mobile: [] }
  for (let round = 0; round < ROUNDS; round++) {
    await settle()
    // Keys take turns, so a burst of load on the shared machine hits all three alike.
    const times: Record<LookupKey, number[]> = { planNumber: [], imei: [], mobile: [] }
    for (let i = 0; i < 1000; i++) for (const by of LOOKUP_KEYS) times[by].push(await lookup(by))
    for (const by of LOOKUP_KEYS) {
      p50s[by].push(percentile(times[by], 50))
      p99s[by].push(percentile(times[by], 99))
    }
  }
  await core.close()
  const out = {} as KeyFigures
  for (const by of LOOKUP_KEYS) out[by] = { p50: median(p50s[by]), p99: median(p99s[by]) }
  return out
}

/** Runs the suite; about three to five minutes, most of it seeding a million plans. */
export async function run(): Promise<Result[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-'))
  const loadBefore = loadavg()[0]!
  try {
    await (await createKioskCore(config(dir))).close()
    const file = join(dir, 'kiosk.sqlite')
    let t = process.hrtime.bigint()
    seedPlansInChild(file, 0, 100_000)
    console.log(`seeded 100,000 plans in ${ms(t).toFixed(0)} ms`)
    await settle()
    const cold = await coldStart(dir)
    const enroll = await enrollmentP99(dir)
    // The same with synchronous=NORMAL, for the record (database.ts says why the kiosk uses FULL).
    const enrollNormal = await enrollmentP99(dir, 'NORMAL')
    const ratio = await insertRatio(dir)
    t = process.hrtime.bigint()
    seedPlansInChild(file, 100_000, 1_000_000)
    console.log(`seeded to 1,000,000 plans in ${ms(t).toFixed(0)} ms`)
    await settle()
    const lookup = await lookupP99(dir, 1_000_000)
    console.log(`lookup by key (ms): ${JSON.stringify(lookup)}`)
    const worst = (f: 'p50' | 'p99') => Math.max(...LOOKUP_KEYS.map((k) => lookup[k][f]))
    const loadAfter = loadavg()[0]!
    // p50s are context for a shared, loaded machine: there p99 is often one scheduler time slice.
    return [
      { metric: 'enrollment.create.p99_ms', value: enroll.p99, unit: 'ms', target: '<= 5' },
      { metric: 'enrollment.create.p50_ms', value: enroll.p50, unit: 'ms', target: 'report' },
      {
        metric: 'enrollment.create.sync_normal.p99_ms',
        value: enrollNormal.p99,
        unit: 'ms',
        target: 'report',
      },
      {
        metric: 'enrollment.create.sync_normal.p50_ms',
        value: enrollNormal.p50,
        unit: 'ms',
        target: 'report',
      },
      {
        metric: 'enrollment.sync_normal.commit_floor.p99_ms',
        value: enrollNormal.floorP99,
        unit: 'ms',
        target: 'report',
      },
      {
        metric: 'enrollment.commit_floor.p99_ms',
        value: enroll.floorP99,
        unit: 'ms',
        target: 'report',
      },
      {
        metric: 'enrollment.wal_pages',
        value: enroll.pagesPerEnrollment,
        unit: 'pages',
        target: 'report',
      },
      {
        metric: 'enrollment.idle_checkpoint_ms',
        value: enroll.checkpointMs,
        unit: 'ms',
        target: 'report',
      },
      { metric: 'plans.lookup.p99_ms', value: worst('p99'), unit: 'ms', target: '<= 1' },
      { metric: 'plans.lookup.p50_ms', value: worst('p50'), unit: 'ms', target: 'report' },
      ...LOOKUP_KEYS.flatMap((k) => [
        { metric: `plans.lookup.${k}.p99_ms`, value: lookup[k].p99, unit: 'ms', target: '<= 1' },
        { metric: `plans.lookup.${k}.p50_ms`, value: lookup[k].p50, unit: 'ms', target: 'report' },
      ]),
      { metric: 'core.cold_start_ms', value: cold, unit: 'ms', target: '<= 300' },
      {
        metric: 'core.typeorm_vs_raw_insert_ratio',
        value: ratio.typeorm,
        unit: 'x',
        target: 'report',
      },
      { metric: 'core.store_vs_raw_insert_ratio', value: ratio.store, unit: 'x', target: 'report' },
      { metric: 'bench.loadavg_1m_before', value: loadBefore, unit: 'load', target: 'report' },
      { metric: 'bench.loadavg_1m_after', value: loadAfter, unit: 'load', target: 'report' },
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

// Child mode: `tsx test/bench/core.ts --seed <file> <from> <to>` (see seedPlansInChild).
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--seed') {
  seedPlans(process.argv[3]!, Number(process.argv[4]), Number(process.argv[5]))
}
