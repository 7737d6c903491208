import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CATALOG_PATH, tempDir } from './helpers'

// The child is bundled once (esbuild, node_modules external) so each of the many runs starts in
// a few hundred milliseconds instead of paying a TypeScript loader every time.
const here = dirname(fileURLToPath(import.meta.url))
const outDir = resolve(here, '../../.tmp')
const childFile = join(outDir, `crash-child-${process.pid}.mjs`)
const ITERATIONS = 50

let dataDir: string
beforeAll(async () => {
  mkdirSync(outDir, { recursive: true })
  await build({
    entryPoints: [join(here, 'crash-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    outfile: childFile,
    packages: 'external',
    logLevel: 'silent',
  })
  dataDir = tempDir()
}, 60_000)

afterAll(() => {
  rmSync(childFile, { force: true })
  rmSync(dataDir, { recursive: true, force: true })
})

/** Runs the child until a random moment after it is ready, SIGKILLs it, returns what it printed. */
function runAndKill(iteration: number): Promise<string[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [childFile, dataDir, CATALOG_PATH, String(iteration)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    let timer: NodeJS.Timeout | undefined
    // Some runs are killed during start-up (open/migrate/seed), most in the middle of enrollments.
    const early = iteration % 10 === 0
    if (early) timer = setTimeout(() => child.kill('SIGKILL'), 20 + Math.random() * 200)
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (!timer && out.includes('READY')) {
        timer = setTimeout(() => child.kill('SIGKILL'), 10 + Math.random() * 150)
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (_code, signal) => {
      if (out.includes('ERROR') || (!signal && !early))
        reject(new Error(`child failed: ${out}${err}`))
      // A line cut by the kill is not a confirmed commit: only complete lines count.
      const lines = out.split('\n').slice(0, -1)
      resolvePromise(lines.filter((l) => l.startsWith('COMMITTED ')).map((l) => l.slice(10)))
    })
  })
}

describe('crash safety', () => {
  it(`survives SIGKILL at random points (${ITERATIONS} runs)`, async () => {
    const committed = new Set<string>()
    for (let i = 0; i < ITERATIONS; i++) {
      for (const plan of await runAndKill(i)) committed.add(plan)
      const db = new Database(join(dataDir, 'kiosk.sqlite'))
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
        expect(db.pragma('foreign_key_check')).toEqual([])
        const migrated = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'plans'").get()
        if (!migrated) {
          // Killed before the first migration committed: an empty file, and nothing was confirmed.
          expect(committed.size).toBe(0)
          continue
        }
        const plans = new Set(
          (db.prepare('SELECT plan_number FROM plans').all() as Array<{ plan_number: string }>).map(
            (r) => r.plan_number,
          ),
        )
        for (const p of committed) expect(plans.has(p), `committed plan ${p} lost`).toBe(true)
        // Every plan has its fee, receipt, audit entry and outbox event: all or nothing.
        const counts = db
          .prepare(
            `SELECT (SELECT COUNT(*) FROM plans) AS plans,
               (SELECT COUNT(*) FROM payments WHERE kind = 'fee') AS fees,
               (SELECT COUNT(*) FROM receipts) AS receipts,
               (SELECT COUNT(*) FROM outbox WHERE type = 'plan.enrolled') AS events,
               (SELECT COUNT(*) FROM audit_log WHERE action = 'enrollment.create') AS audits,
               (SELECT COUNT(*) FROM outbox) AS outbox,
               (SELECT COALESCE(MAX(seq), 0) FROM outbox) AS maxSeq`,
          )
          .get() as Record<string, number>
        expect(counts.fees).toBe(counts.plans)
        expect(counts.receipts).toBe(counts.plans)
        expect(counts.events).toBe(counts.plans)
        expect(counts.audits).toBe(counts.plans)
        expect(counts.maxSeq).toBe(counts.outbox)
      } finally {
        db.close()
      }
    }
    expect(committed.size).toBeGreaterThan(ITERATIONS)
  }, 120_000)
})
