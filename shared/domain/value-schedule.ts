import type { ValueBand } from './catalog'
import { KioskError } from './errors'

/**
 * A value schedule (docs/program-rules.md#value-bands) checked once and laid out for the valuation
 * hot path: bands sorted by month, in parallel arrays. Checked like the catalog schema checks it:
 * months well-formed, bands contiguous, value never rising with age.
 */
export interface PreparedSchedule {
  /** Sorted by `fromMonth`. */
  readonly fromMonth: readonly number[]
  readonly toMonth: readonly number[]
  readonly percent: readonly number[]
  /** The bands as given (in their order), to notice a schedule edited in place. */
  readonly snapshot: readonly number[]
  /** The array and its bands were frozen: they cannot have changed since. */
  readonly frozen: boolean
}

const prepared = new WeakMap<readonly ValueBand[], PreparedSchedule>()
let lastBands: readonly ValueBand[] | null = null
let lastPrepared: PreparedSchedule | undefined

function scheduleError(message: string): KioskError {
  return new KioskError('CATALOG_INVALID', `Value schedule: ${message}`)
}

function isUnchanged(bands: readonly ValueBand[], snapshot: readonly number[]): boolean {
  if (snapshot.length !== bands.length * 3) return false
  for (let i = 0, j = 0; i < bands.length; i++, j += 3) {
    const band = bands[i] as ValueBand
    if (
      band.fromMonth !== snapshot[j] ||
      band.toMonth !== snapshot[j + 1] ||
      band.percent !== snapshot[j + 2]
    ) {
      return false
    }
  }
  return true
}

function build(bands: readonly ValueBand[]): PreparedSchedule {
  if (bands.length === 0) throw scheduleError('no bands')
  bands.forEach((band, i) => {
    const { fromMonth, toMonth, percent } = band
    if (
      !Number.isInteger(fromMonth) ||
      fromMonth < 1 ||
      !Number.isInteger(toMonth) ||
      toMonth < fromMonth
    ) {
      throw scheduleError(`band ${i} has bad months`)
    }
    if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
      throw scheduleError(`band ${i} has a bad percent`)
    }
  })
  const sorted = [...bands].sort((a, b) => a.fromMonth - b.fromMonth)
  sorted.forEach((band, i) => {
    const previous = sorted[i - 1]
    if (previous && band.fromMonth !== previous.toMonth + 1) {
      throw scheduleError('bands must be contiguous')
    }
    // "Next step-down" (docs/program-rules.md#step-down-dates) only makes sense when the value
    // never rises with age.
    if (previous && band.percent > previous.percent)
      throw scheduleError('value may not rise with age')
  })
  return {
    fromMonth: sorted.map((b) => b.fromMonth),
    toMonth: sorted.map((b) => b.toMonth),
    percent: sorted.map((b) => b.percent),
    snapshot: bands.flatMap((b) => [b.fromMonth, b.toMonth, b.percent]),
    frozen: Object.isFrozen(bands) && bands.every((b) => Object.isFrozen(b)),
  }
}

/**
 * The prepared form of a schedule, cached per array; a cached entry is rebuilt when the array's
 * bands have changed since. Throws `CATALOG_INVALID` for a malformed schedule.
 */
export function prepareSchedule(bands: readonly ValueBand[]): PreparedSchedule {
  // Callers quote against one schedule (the catalog's) over and over: try the last one first.
  const cached = bands === lastBands ? lastPrepared : prepared.get(bands)
  if (cached && (cached.frozen || isUnchanged(bands, cached.snapshot))) {
    lastBands = bands
    lastPrepared = cached
    return cached
  }
  const fresh = build(bands)
  prepared.set(bands, fresh)
  lastBands = bands
  lastPrepared = fresh
  return fresh
}
