import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEMO_STAFF, createKioskCore } from '../../electron/core'
import { createMemoryLogger } from '../../electron/core/logger'
import { luhnCheckDigit } from '../../shared/domain/checksums'
import type { BenchResult } from './run'

// Suite `tradein` (issue 22): the counter's trade-in quote from the catalog's offline grid
// (no partner configured), through the core's dispatcher on a real SQLite file with FULL
// synchronous commits, as the kiosk runs. Each quote is a write (the quote is stored), so the
// figure includes its commit. 1,000 quotes over 50 graded trade-ins of different phones and
// grades; the p99 of each round, median over the rounds (the machine is shared).

const here = dirname(fileURLToPath(import.meta.url))
const CATALOG = resolve(here, '../../resources/catalog/demo-catalog.json')
/** Inside the demo grid's dates (2026-11-01 … 2027-12-31). */
const NOW = Date.parse('2026-11-30T06:00:00Z')
const ctx = { sessionId: 'bench', transport: 'ipc' as const }
const QUOTES = 1_000
const ROUNDS = Number(process.env.BENCH_TRADEIN_ROUNDS ?? 3)

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!
}
const round3 = (x: number) => Math.round(x * 1000) / 1000
const sleep = (t: number) => new Promise((r) => setTimeout(r, t))

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-tradein-'))
  const core = await createKioskCore({
    dataDir: dir,
    clock: () => NOW,
    bundledCatalogPath: CATALOG,
    storeCode: 'MH01',
    kioskCode: 'K1',
    appVersion: 'bench',
    logger: createMemoryLogger(),
    kycKey: Buffer.alloc(32, 7),
    seedStaff: DEMO_STAFF,
    pinCostLog2: 10,
    tradeInPartner: null,
  })
  try {
    const call = async (channel: string, request: unknown) => {
      const res = await core.dispatch(channel, request, ctx)
      if (!res.ok) throw new Error(`${channel}: ${JSON.stringify(res.error)}`)
      return res.data as Record<string, unknown>
    }
    await call('staff.signIn', {
      staffCode: 'M1',
      pin: DEMO_STAFF.find((s) => s.code === 'M1')!.pin,
    })
    const catalog = (await call('catalog.list', {})) as unknown as {
      models: Array<{ id: string; variants: Array<{ id: string }> }>
    }
    const phones = catalog.models.flatMap((m) => m.variants.map((v) => [m.id, v.id] as const))
    const failures = [[], ['holds-charge'], ['display-no-cracks']]
    const ids: string[] = []
    for (let i = 0; i < 50; i++) {
      const [modelId, variantId] = phones[i % phones.length]!
      const body = `35${String(900_000 + i).padStart(12, '0')}`
      const started = (await call('tradein.start', {
        requestId: randomUUID(),
        imei: body + luhnCheckDigit(body),
        modelId,
        variantId,
      })) as { tradeIn: { tradeInId: string }; checklist: Array<{ id: string }> }
      const fail = failures[i % failures.length]!
      await call('tradein.checklist', {
        tradeInId: started.tradeIn.tradeInId,
        answers: started.checklist.map((c) => ({
          itemId: c.id,
          result: fail.includes(c.id) ? 'fail' : 'pass',
        })),
      })
      ids.push(started.tradeIn.tradeInId)
    }
    const p99s: number[] = []
    const p50s: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      await sleep(500)
      const times: number[] = []
      for (let n = 0; n < QUOTES; n++) {
        const t = process.hrtime.bigint()
        const q = (await call('tradein.quote', { tradeInId: ids[n % ids.length] })) as {
          quote: { source: string }
        }
        times.push(Number(process.hrtime.bigint() - t) / 1e6)
        if (q.quote.source !== 'grid') throw new Error('expected a grid quote')
      }
      p99s.push(percentile(times, 99))
      p50s.push(percentile(times, 50))
    }
    return [
      {
        metric: 'tradein.quote_p99_ms',
        value: round3(percentile(p99s, 50)),
        unit: 'ms',
        target: '<= 5',
      },
      {
        metric: 'tradein.quote_p50_ms',
        value: round3(percentile(p50s, 50)),
        unit: 'ms',
        target: 'info',
      },
    ]
  } finally {
    await core.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
