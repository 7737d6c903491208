import type { ValueBand } from '../../shared/catalog'
import { assuredValue, DEFAULT_SCHEDULE } from '../../shared/domain/assured-value'
import { addDays, packLocalDate } from '../../shared/domain/calendar'

/**
 * Suite `valuation`: assuredValue throughput (issue 2: ≥ 1,000,000 quotes/s single-threaded) and,
 * as a same-run baseline for noisy shared machines (docs/testing.md#benchmarks), a loop that only
 * parses the same two dates per call.
 */

interface Metric {
  metric: string
  value: number
  unit: string
  target: string
}

const CALLS = 1_000_000
const RUNS = 7
// A power of two, so the loop indexes the inputs with a mask.
const INPUTS = 4096

interface Inputs {
  purchase: string[]
  on: string[]
  srp: number[]
  /** A plain copy, as a parsed catalog holds it (not the frozen default). */
  schedule: ValueBand[]
}

/** Purchase dates over several years (all days of the month, leap days) and on-dates 0–500 days later. */
function makeInputs(): Inputs {
  const purchase: string[] = []
  const on: string[] = []
  const srp: number[] = []
  let seed = 20201105
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
  for (let i = 0; i < INPUTS; i++) {
    const p = addDays('2019-01-01', Math.floor(random() * 2200))
    purchase.push(p)
    on.push(addDays(p, Math.floor(random() * 500) - 10))
    srp.push((8999 + Math.floor(random() * 46000)) * 100)
  }
  return { purchase, on, srp, schedule: DEFAULT_SCHEDULE.map((band) => ({ ...band })) }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[sorted.length >> 1] as number
}

/** Seconds taken by `CALLS` quotes; the sink keeps the optimiser from dropping the work. */
function timeQuotes(inputs: Inputs, sink: { value: number }): number {
  const { purchase, on, srp, schedule } = inputs
  const start = process.hrtime.bigint()
  let acc = 0
  for (let i = 0; i < CALLS; i++) {
    const k = i & (INPUTS - 1)
    const quote = assuredValue({
      srpPaise: srp[k] as number,
      purchaseDate: purchase[k] as string,
      onDate: on[k] as string,
      schedule,
    })
    acc += quote.valuePaise + quote.ageMonth + quote.expiresAfter.length + (quote.next ? 1 : 0)
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  sink.value += acc
  return seconds
}

/** Seconds taken by parsing the same two dates `CALLS` times: the floor a quote cannot beat. */
function timeParseOnly(inputs: Inputs, sink: { value: number }): number {
  const { purchase, on } = inputs
  const start = process.hrtime.bigint()
  let acc = 0
  for (let i = 0; i < CALLS; i++) {
    const k = i & (INPUTS - 1)
    acc += packLocalDate(purchase[k] as string) ^ packLocalDate(on[k] as string)
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  sink.value += acc
  return seconds
}

/** Runs the suite: medians of several interleaved runs of each loop. */
export async function run(): Promise<Metric[]> {
  const inputs = makeInputs()
  const sink = { value: 0 }
  // Warm up so the JIT has optimised both loops before anything is timed.
  timeQuotes(inputs, sink)
  timeParseOnly(inputs, sink)
  const quoteSeconds: number[] = []
  const parseSeconds: number[] = []
  for (let r = 0; r < RUNS; r++) {
    quoteSeconds.push(timeQuotes(inputs, sink))
    parseSeconds.push(timeParseOnly(inputs, sink))
  }
  if (!Number.isFinite(sink.value)) throw new Error('benchmark sink lost')
  const quotesPerSecond = CALLS / median(quoteSeconds)
  const parsesPerSecond = CALLS / median(parseSeconds)
  return [
    {
      metric: 'valuation.quotes_per_s',
      value: Math.round(quotesPerSecond),
      unit: 'quotes/s',
      target: '>= 1000000',
    },
    {
      metric: 'valuation.parse_only_per_s',
      value: Math.round(parsesPerSecond),
      unit: 'iterations/s',
      target: 'baseline',
    },
    {
      // How many parse-only iterations one quote costs; stable across machines of different speed.
      metric: 'valuation.vs_parse_only_ratio',
      value: Math.round((parsesPerSecond / quotesPerSecond) * 100) / 100,
      unit: 'x',
      target: '<= 10',
    },
  ]
}
