import { PUSH_MAX_EVENTS, type SealedKey } from '../../../shared/sync/protocol'
import type { Logger } from '../logger'
import { backoffDelay, type BackoffOptions } from './backoff'
import type { OutboxPort, SyncStatus } from './outbox-port'
import { SyncHttpError, type SyncHttp } from './sync-http'

export interface SyncClientOptions {
  port: OutboxPort
  http: Pick<SyncHttp, 'push' | 'pull'>
  clock: () => number
  logger: Logger
  /** Events per push (bounded; halved automatically if head office says the body is too big). */
  batchSize?: number
  /** Pause between successful cycles. */
  intervalMs?: number
  backoff?: BackoffOptions
  random?: () => number
  /**
   * Runs after a successful pull (fetching the plans the pull told about). Its failure is logged
   * and does not count as a failed sync: the outbox is already drained by then.
   */
  afterPull?: (pulled: { logsRequested: boolean; keys: SealedKey[] }) => Promise<void>
  /** The newest key version held: head office then adds newer keys to the pull. */
  keysVersion?: () => Promise<number>
  /**
   * Runs between push and pull (the heartbeat, docs/fleet.md#heartbeat). Its failure fails the
   * cycle like a push's would.
   */
  beforePull?: () => Promise<void>
  /** Timer functions (tests pass fake ones). */
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (handle: unknown) => void
}

/** The kiosk's background sync: start/stop, `syncNow` (the `sync.now` channel) and `status`. */
export interface SyncClient {
  start(): void
  stop(): Promise<void>
  /** Runs a cycle now (joining one in progress) and returns the status after it. */
  syncNow(): Promise<SyncStatus>
  status(): Promise<SyncStatus>
}

/** Stops a cycle whose push made no progress (head office expects a seq the kiosk lacks). */
class StalledError extends Error {}

/**
 * Pushes the outbox in bounded batches in seq order, then pulls changes by cursor, then sleeps;
 * on failure retries with exponential backoff and jitter. All state that matters lives in the
 * port (what is pending, the pull cursor), so a restart continues exactly where it stopped. It
 * runs beside the sales flow: nothing here holds a local transaction across a network call.
 */
export function createSyncClient(options: SyncClientOptions): SyncClient {
  const { port, http, clock, logger } = options
  const intervalMs = options.intervalMs ?? 60_000
  const backoff = options.backoff ?? { baseMs: 2_000, maxMs: 5 * 60_000 }
  const random = options.random ?? Math.random
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms))
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>))
  let batchSize = Math.min(options.batchSize ?? 200, PUSH_MAX_EVENTS)

  let started = false
  let timer: unknown = null
  let current: Promise<void> | null = null
  let again = false
  const state = {
    online: null as boolean | null,
    lastAttemptAt: null as number | null,
    lastSuccessAt: null as number | null,
    lastError: null as { code: string; message: string } | null,
    failures: 0,
    nextAttemptAt: null as number | null,
  }

  async function pushAll(): Promise<void> {
    for (;;) {
      const events = await port.pending(batchSize)
      if (events.length === 0) return
      let answer
      try {
        answer = await http.push(events)
      } catch (error) {
        if (error instanceof SyncHttpError && error.status === 413 && batchSize > 1) {
          batchSize = Math.max(1, Math.floor(batchSize / 2))
          continue
        }
        throw error
      }
      await port.markResults(answer.results)
      const progressed = answer.results.some((r) => r.status !== 'deferred')
      if (!progressed) {
        const first = answer.results[0]
        throw new StalledError(
          `Head office expects seq ${first?.status === 'deferred' ? first.expectedSeq : '?'}; ` +
            `the oldest pending event is seq ${events[0]?.seq}.`,
        )
      }
      const rejected = answer.results.filter((r) => r.status === 'rejected')
      if (rejected.length > 0)
        logger.warn('events rejected by head office', { count: rejected.length })
    }
  }

  async function pullAll(): Promise<{ logsRequested: boolean; keys: SealedKey[] }> {
    let since = await port.pullCursor()
    let logsRequested = false
    const keys: SealedKey[] = []
    const held = options.keysVersion ? await options.keysVersion() : undefined
    for (;;) {
      const page = await http.pull(since, undefined, held)
      await port.applyPull(page.changes, page.nextSince)
      logsRequested ||= page.logsRequested === true
      for (const k of page.keys ?? []) if (!keys.some((x) => x.version === k.version)) keys.push(k)
      since = page.nextSince
      if (!page.hasMore) return { logsRequested, keys }
    }
  }

  async function cycle(): Promise<void> {
    state.lastAttemptAt = clock()
    try {
      await pushAll()
      if (options.beforePull) await options.beforePull()
      const pulled = await pullAll()
      if (options.afterPull) {
        try {
          await options.afterPull(pulled)
        } catch (error) {
          logger.warn('after-pull step failed', { message: (error as Error).message })
        }
      }
      state.online = true
      state.lastSuccessAt = clock()
      state.lastError = null
      state.failures = 0
    } catch (error) {
      state.failures += 1
      if (error instanceof SyncHttpError) {
        state.online = error.kind !== 'network'
        state.lastError = { code: error.code, message: error.message }
      } else if (error instanceof StalledError) {
        state.online = true
        state.lastError = { code: 'SYNC_REJECTED', message: error.message }
      } else {
        state.lastError = { code: 'INTERNAL', message: (error as Error).message }
      }
      logger.warn('sync failed', { ...state.lastError, failures: state.failures })
    }
  }

  function delayAfterCycle(): number {
    if (state.failures === 0) return intervalMs
    return backoffDelay(state.failures, backoff, random)
  }

  function schedule(ms: number): void {
    if (!started) return
    if (timer !== null) clearTimer(timer)
    state.nextAttemptAt = clock() + ms
    timer = setTimer(() => {
      timer = null
      void run()
    }, ms)
  }

  function run(): Promise<void> {
    if (current) {
      again = true
      return current
    }
    current = (async () => {
      do {
        again = false
        await cycle()
      } while (again)
    })().finally(() => {
      current = null
      schedule(delayAfterCycle())
    })
    return current
  }

  async function status(): Promise<SyncStatus> {
    const [pendingCount, oldest, conflicts] = await Promise.all([
      port.pendingCount(),
      port.oldestPendingAt(),
      port.openConflictCount(),
    ])
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
    return {
      online: state.online,
      running: current !== null,
      lastAttemptAt: iso(state.lastAttemptAt),
      lastSuccessAt: iso(state.lastSuccessAt),
      lastError: state.lastError,
      pendingCount,
      oldestPendingAgeSeconds:
        oldest === null ? null : Math.max(0, Math.round((clock() - oldest) / 1000)),
      conflicts,
      consecutiveFailures: state.failures,
      nextAttemptAt: started ? iso(state.nextAttemptAt) : null,
    }
  }

  return {
    start() {
      if (started) return
      started = true
      schedule(0)
    },
    async stop() {
      started = false
      if (timer !== null) clearTimer(timer)
      timer = null
      state.nextAttemptAt = null
      if (current) await current
    },
    async syncNow() {
      await run()
      // A cycle already running when we were called may not have seen our latest sale.
      if (current) await current
      return status()
    },
    status,
  }
}
