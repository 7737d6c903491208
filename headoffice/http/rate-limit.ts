/**
 * Per-kiosk token buckets, in memory. A kiosk syncs every few minutes; a kiosk (or a stolen
 * secret) hammering head office is throttled without touching the others. With several head
 * office processes each keeps its own buckets, which only loosens the limit by that factor.
 */
export interface RateLimiter {
  /** True when the request may proceed; otherwise the ms until a token is available. */
  take(key: string, now: number): true | number
}

export function createRateLimiter(perSecond: number, burst: number): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>()
  return {
    take(key, now) {
      const b = buckets.get(key) ?? { tokens: burst, at: now }
      b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond)
      b.at = now
      if (buckets.size > 50_000) buckets.clear()
      buckets.set(key, b)
      if (b.tokens >= 1) {
        b.tokens -= 1
        return true
      }
      return Math.ceil(((1 - b.tokens) / perSecond) * 1000)
    },
  }
}
