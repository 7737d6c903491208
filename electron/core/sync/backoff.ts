/** Retry timing of the sync loop. */
export interface BackoffOptions {
  baseMs: number
  maxMs: number
}

/**
 * Delay before the next attempt after `failures` consecutive failures: exponential with "full
 * jitter" (uniform in [0, cap]), so hundreds of kiosks coming back after a head-office outage
 * spread out instead of retrying in lockstep. Never below `baseMs / 2`.
 */
export function backoffDelay(
  failures: number,
  options: BackoffOptions,
  random: () => number,
): number {
  const cap = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(30, Math.max(0, failures - 1)))
  return Math.max(options.baseMs / 2, Math.round(random() * cap))
}
