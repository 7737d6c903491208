import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** One measured figure; `target` is the goal as text, e.g. "<= 5". */
export interface BenchResult {
  metric: string
  value: number
  unit: string
  target: string
}

// `npm run bench` runs every suite; `npm run bench -- core receipts` runs those.
const SUITES = ['valuation', 'core', 'receipts', 'sync', 'ui', 'console', 'tradein'] as const
const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(here, '../..')

function meets(result: BenchResult): string {
  const m = /^(<=|>=|<|>)\s*([\d.]+)/.exec(result.target)
  if (!m) return ''
  const goal = Number(m[2])
  const ok =
    m[1] === '<='
      ? result.value <= goal
      : m[1] === '>='
        ? result.value >= goal
        : m[1] === '<'
          ? result.value < goal
          : result.value > goal
  return ok ? 'ok' : 'MISSED'
}

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'))
const suites = wanted.length ? wanted : [...SUITES]
const outDir = join(root, 'bench-results')
mkdirSync(outDir, { recursive: true })
let missing = 0
for (const suite of suites) {
  const file = join(here, `${suite}.ts`)
  if (!existsSync(file)) {
    console.error(`bench suite "${suite}" not found (${file})`)
    missing++
    continue
  }
  const mod = (await import(file)) as { run: () => Promise<BenchResult[]> }
  console.log(`\n== ${suite}`)
  const results = await mod.run()
  writeFileSync(join(outDir, `${suite}.json`), JSON.stringify(results, null, 2) + '\n')
  const width = Math.max(...results.map((r) => r.metric.length), 6)
  for (const r of results) {
    const value = Number.isInteger(r.value) ? String(r.value) : r.value.toFixed(3)
    console.log(
      `${r.metric.padEnd(width)}  ${value.padStart(12)} ${r.unit.padEnd(8)} target ${r.target.padEnd(10)} ${meets(r)}`,
    )
  }
}
process.exit(missing ? 1 : 0)
