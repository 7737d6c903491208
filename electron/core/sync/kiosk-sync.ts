import type { LocalConflict, SyncStatusView } from '../../../shared/contract/sync'
import { KioskError, isErrorCode } from '../../../shared/errors'
import type { ParsedRequestOf } from '../../../shared/ipc'
import { kioskId } from '../../../shared/sync/signing'
import { appendAudit } from '../audit/audit-log'
import type { Actor, CoreDeps } from '../context'
import type { Logger } from '../logger'
import { rejectedEventCount } from '../storage/repos/outbox'
import { getSetting, putSetting } from '../storage/repos/settings'
import {
  conflictById,
  listConflicts,
  resolveConflictLocally,
  type RawConflict,
} from '../storage/repos/sync'
import type { OutboxPort, SyncStatus } from './outbox-port'
import { createOnlinePlans, ONLINE_TIMEOUT_MS, type OnlinePlans } from './online-plans'
import { fetchLearnedPlans } from './plan-import'
import type { SecretStore } from './secret-store'
import { createSyncClient, type SyncClient } from './sync-client'
import { createSyncHttp, SyncHttpError, type SyncHttp } from './sync-http'
import { lockedStaffNow } from '../storage/repos/staff'
import { createSqliteOutbox, type PulledStaff } from './sqlite-outbox'
import type { PrinterHealth } from '../../../shared/sync/fleet'
import { collectHeartbeat } from './heartbeat'
import { readRecentLogs } from './kiosk-logs'
import { openSealedKey } from './kiosk-keys'
import { forgetKeys, insertKeys, newestKeyVersion, sealedKey } from '../storage/repos/keys'

/** The `settings` key of the head-office URL a manager configured (wins over the launch default). */
export const HEADOFFICE_URL_KEY = 'sync.headOfficeUrl'

/** What the shell gives the core for syncing (KioskCoreConfig.sync). */
export interface KioskSyncOptions {
  /** Launch default (`--headoffice` / HEADOFFICE_URL); a URL set with `sync.configure` wins. */
  baseUrl?: string
  /** Where the kiosk secret lives: safeStorage in Electron, a 0600 file in browser mode. */
  secretStore: SecretStore
  fetch?: typeof fetch
  /** Pause between successful cycles (default one minute). */
  intervalMs?: number
  /**
   * Head office's public address for the plan page in the certificate's QR code, when customers
   * reach it elsewhere than the kiosks do; a URL set in the `sync.publicPlanUrl` setting wins, and
   * by default it is the head-office URL the kiosk syncs with.
   */
  publicPlanUrl?: string
}

/** The setting of head office's public address (docs/program-rules.md#the-customers-own-view). */
export const PUBLIC_PLAN_URL_KEY = 'sync.publicPlanUrl'

/** What the heartbeat and the logs need beyond the sync options (docs/fleet.md). */
export interface FleetSources {
  databasePath: string
  logDir: string
  printer: () => Promise<PrinterHealth>
  /**
   * Has the trade-in partner confirm trade-ins accepted while pending (issue 22): run on every
   * cycle before the pull, so the confirmations' events go with the next push.
   */
  confirmTradeIns?: () => Promise<unknown>
}

/** The kiosk's sync: the background loop plus what the `sync.*` channels need. */
export interface KioskSync {
  port: OutboxPort
  start(): Promise<void>
  stop(): Promise<void>
  status(): Promise<SyncStatusView>
  syncNow(): Promise<SyncStatusView>
  configure(
    req: ParsedRequestOf<'sync.configure'>,
    actor: Actor,
  ): Promise<{ headOfficeUrl: string | null; secretStored: boolean; status: SyncStatusView }>
  conflicts(status: 'open' | 'resolved' | 'all'): Promise<LocalConflict[]>
  resolveConflict(conflictId: string, note: string, actor: Actor): Promise<LocalConflict>
  /**
   * Head office's online plan lookup and reservation, with a short timeout; null while sync is
   * not configured (no URL or secret, or training mode: training never touches real plans).
   */
  online(): OnlinePlans | null
  /** Re-reads the URL and secret (after a setup) and restarts the loop on them. */
  reload(): Promise<void>
  /** Sends the kiosk's redacted logs to head office (docs/fleet.md#logs). */
  sendLogs(
    reason: 'manager' | 'requested',
    actor?: Actor,
  ): Promise<{ logId: string; bytes: number }>
  /**
   * A key head office handed this kiosk (its newest version, or the one asked for), opened with
   * the kiosk secret; null when not held (docs/fleet.md#keys-head-office-hands-kiosks).
   */
  key(name: string, version?: number): Promise<{ version: number; key: Buffer } | null>
  /** Head office's signed client and URL for the update feed; null while sync is not configured. */
  updates(): { http: SyncHttp; headOfficeUrl: string } | null
}

function toConflict(r: RawConflict, kioskCode: string, storeCode: string): LocalConflict {
  const winner = JSON.parse(r.winner) as LocalConflict['winner']
  const loser = JSON.parse(r.loser) as LocalConflict['loser']
  const mine = (p: LocalConflict['winner']) =>
    p.kioskCode === kioskCode && p.storeCode === storeCode
  return {
    conflictId: r.conflict_id,
    planNumber: r.plan_number,
    kind: r.kind,
    winner,
    loser,
    detectedAt: r.detected_at,
    status: r.status,
    resolution: r.resolution,
    ours: mine(winner) ? 'winner' : mine(loser) ? 'loser' : null,
    localNote: r.local_note,
    localResolvedAt: r.local_resolved_at,
    localResolvedBy: r.local_resolved_by,
  }
}

/**
 * Builds the sync of one core. The loop runs only when a URL and a secret are both set and the
 * kiosk is not in training mode (training events never leave the kiosk); otherwise the status
 * says why and every channel still answers. Reconfiguring stops the running loop (waiting for its
 * cycle) and starts a new one on the new settings.
 */
export function createKioskSync(
  deps: CoreDeps,
  logger: Logger,
  options: KioskSyncOptions | undefined,
  fleet?: FleetSources,
  /** Staff accounts a pull changed, once committed (the open sessions follow them). */
  staffPulled?: (accounts: PulledStaff[]) => void,
): KioskSync {
  const port = createSqliteOutbox(deps, logger, staffPulled)
  // Read when used: a setup gives the kiosk its codes while it runs (setup/setup-service.ts).
  const ids = () => ({ storeCode: deps.config.storeCode, kioskCode: deps.config.kioskCode })
  const logDir = fleet?.logDir ?? `${deps.config.dataDir}/logs`
  let client: SyncClient | null = null
  let started = false
  let disabledReason: SyncStatusView['disabledReason'] = 'not-configured'
  let url: string | null = null
  let online: OnlinePlans | null = null
  let updates: { http: SyncHttp; headOfficeUrl: string } | null = null

  // A URL a manager set wins over the launch default; an empty one means "switched off".
  const readUrl = () =>
    deps.store.read((sql) => {
      const set = getSetting(sql, HEADOFFICE_URL_KEY)
      return set === null ? (options?.baseUrl ?? null) : set || null
    })

  // Reconfiguring while starting (or twice at once) must not leave two loops running.
  let rebuilding: Promise<void> = Promise.resolve()
  const rebuild = () => (rebuilding = rebuilding.then(doRebuild, doRebuild))

  async function doRebuild(): Promise<void> {
    if (client) await client.stop()
    client = null
    url = deps.training ? null : await readUrl()
    let secret: string | null = null
    try {
      secret = options ? await options.secretStore.get() : null
    } catch (error) {
      // An unreadable secret (keychain changed, file damaged) must not stop the kiosk selling;
      // the status says "no secret" and a manager enters it again.
      logger.warn('kiosk secret unreadable', { message: (error as Error).message })
    }
    disabledReason = deps.training
      ? 'training'
      : !url
        ? 'not-configured'
        : !secret
          ? 'no-secret'
          : null
    online = null
    updates = null
    const publicBaseUrl =
      url &&
      ((await deps.store.read((sql) => getSetting(sql, PUBLIC_PLAN_URL_KEY) || null)) ??
        options?.publicPlanUrl ??
        url)
    deps.planLinks.set(
      disabledReason || !secret || !publicBaseUrl
        ? null
        : { publicBaseUrl, kioskId: kioskId(ids().storeCode, ids().kioskCode), secret },
    )
    if (disabledReason || !options || !url) return
    const baseUrl = url
    updates = {
      headOfficeUrl: baseUrl,
      http: createSyncHttp({
        baseUrl,
        kioskId: kioskId(ids().storeCode, ids().kioskCode),
        secret: () => options.secretStore.get(),
        clock: deps.config.clock,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    }
    // Its own client: the counter waits seconds, never the loop's long timeout.
    online = createOnlinePlans(
      deps,
      createSyncHttp({
        baseUrl,
        kioskId: kioskId(ids().storeCode, ids().kioskCode),
        secret: () => options.secretStore.get(),
        clock: deps.config.clock,
        timeoutMs: ONLINE_TIMEOUT_MS,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
      logger,
    )
    if (!started) return
    const http = createSyncHttp({
      baseUrl: url,
      kioskId: kioskId(ids().storeCode, ids().kioskCode),
      secret: () => options.secretStore.get(),
      clock: deps.config.clock,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    })
    client = createSyncClient({
      port,
      http,
      clock: deps.config.clock,
      logger,
      ...(options.intervalMs ? { intervalMs: options.intervalMs } : {}),
      beforePull: async () => {
        if (fleet?.confirmTradeIns) {
          // A partner that does not answer must not stop the sync: the rest stays pending.
          await fleet.confirmTradeIns().catch((error: unknown) => {
            logger.warn('trade-in confirmations failed', { message: (error as Error).message })
          })
        }
        await sendHeartbeat(http)
      },
      keysVersion: () => deps.store.read((sql) => newestKeyVersion(sql)),
      afterPull: async ({ logsRequested, keys }) => {
        if (keys.length > 0) {
          await deps.store.write(async (tx) => insertKeys(tx.sql, keys, deps.nowIso()))
          logger.info('keys received from head office', {
            keys: keys.map((k) => `${k.name}@${k.version}`),
          })
        }
        // Head office asked for the logs on this pull: they go in the same cycle.
        if (logsRequested) await uploadLogs(http, 'requested')
        await fetchLearnedPlans(deps, http, logger)
      },
    })
    client.start()
  }

  async function sendHeartbeat(http: SyncHttp): Promise<void> {
    const hb = await collectHeartbeat({
      appVersion: deps.config.appVersion,
      dataDir: deps.config.dataDir,
      databasePath: fleet?.databasePath ?? '',
      clock: deps.config.clock,
      port,
      printer: fleet?.printer ?? (async () => 'unknown'),
      lastError: async () => (client ? (await client.status()).lastError : null),
      catalog: () => ({
        inForce: deps.catalogs.inForce(deps.businessDate()).version,
        latest: deps.catalogs.latest().version,
      }),
      lockedStaff: () => deps.store.read((sql) => lockedStaffNow(sql, deps.nowIso())),
    })
    try {
      await http.heartbeat(hb)
    } catch (error) {
      // A head office from before heartbeats answers 404: the sync itself must go on.
      if (!(error instanceof SyncHttpError) || error.kind !== 'refused') throw error
      logger.warn('heartbeat refused', { code: error.code })
    }
  }

  async function uploadLogs(http: SyncHttp, reason: 'manager' | 'requested') {
    const text = readRecentLogs(logDir)
    const sent = await http.sendLogs({ reason, text })
    logger.info('logs sent to head office', { reason, bytes: sent.bytes })
    return sent
  }

  async function idleStatus(): Promise<SyncStatus> {
    const [pendingCount, oldest, conflicts] = await Promise.all([
      port.pendingCount(),
      port.oldestPendingAt(),
      port.openConflictCount(),
    ])
    return {
      online: null,
      running: false,
      lastAttemptAt: null,
      lastSuccessAt: null,
      lastError: null,
      pendingCount,
      oldestPendingAgeSeconds:
        oldest === null ? null : Math.max(0, Math.round((deps.config.clock() - oldest) / 1000)),
      conflicts,
      consecutiveFailures: 0,
      nextAttemptAt: null,
    }
  }

  async function view(s: SyncStatus): Promise<SyncStatusView> {
    const rejectedEvents = await deps.store.read((sql) => rejectedEventCount(sql))
    return {
      configured: disabledReason === null,
      disabledReason,
      headOfficeUrl: url,
      online: s.online,
      running: s.running,
      lastAttemptAt: s.lastAttemptAt,
      lastSyncAt: s.lastSuccessAt,
      lastError: s.lastError,
      pendingEvents: s.pendingCount,
      oldestPendingAgeSeconds: s.oldestPendingAgeSeconds,
      rejectedEvents,
      conflicts: s.conflicts,
      consecutiveFailures: s.consecutiveFailures,
      nextAttemptAt: s.nextAttemptAt,
    }
  }

  const status = async () => view(client ? await client.status() : await idleStatus())

  return {
    port,
    online: () => online,
    updates: () => updates,
    async start() {
      started = true
      await rebuild()
    },
    async stop() {
      started = false
      await rebuilding
      online = null
      if (client) await client.stop()
      client = null
    },
    status,
    async syncNow() {
      return view(client ? await client.syncNow() : await idleStatus())
    },
    async configure(req, actor) {
      if (req.secret !== undefined) {
        if (!options) {
          throw new KioskError('BAD_REQUEST', 'This kiosk was started without a secret store.')
        }
        await options.secretStore.set(req.secret.trim())
      }
      const at = deps.nowIso()
      await deps.store.write(async (tx) => {
        putSetting(tx.sql, HEADOFFICE_URL_KEY, req.headOfficeUrl ?? '', at)
        // Keys sealed under the replaced secret cannot be opened any more: take them again.
        if (req.secret !== undefined) forgetKeys(tx.sql)
        await appendAudit(tx, {
          at,
          businessDate: deps.businessDate(),
          staff: actor,
          action: 'sync.configure',
          entity: 'settings',
          entityId: HEADOFFICE_URL_KEY,
          // The secret itself is never written anywhere but the secret store.
          details: { headOfficeUrl: req.headOfficeUrl, secretReplaced: req.secret !== undefined },
        })
      })
      await rebuild()
      const secretStored = options ? (await options.secretStore.get()) !== null : false
      return { headOfficeUrl: url, secretStored, status: await status() }
    },
    reload: () => rebuild(),
    async key(name, version) {
      const found = await deps.store.read((sql) => sealedKey(sql, name, version))
      const secret = options ? await options.secretStore.get() : null
      if (!found || !secret) return null
      const id = kioskId(ids().storeCode, ids().kioskCode)
      return { version: found.version, key: openSealedKey(secret, id, found) }
    },
    async sendLogs(reason, actor) {
      if (disabledReason || !options || !url) {
        throw new KioskError('SYNC_OFFLINE', 'This kiosk is not connected to head office.')
      }
      const http = createSyncHttp({
        baseUrl: url,
        kioskId: kioskId(ids().storeCode, ids().kioskCode),
        secret: () => options.secretStore.get(),
        clock: deps.config.clock,
        timeoutMs: ONLINE_TIMEOUT_MS * 4,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      })
      try {
        const sent = await uploadLogs(http, reason)
        // Who sent the kiosk's logs out of the store, and which upload it was.
        const at = deps.nowIso()
        await deps.store.write((tx) =>
          appendAudit(tx, {
            at,
            businessDate: deps.businessDate(),
            staff: actor ?? null,
            action: 'sync.sendLogs',
            entity: 'logs',
            entityId: sent.logId,
            details: { reason, bytes: sent.bytes },
          }),
        )
        return sent
      } catch (error) {
        if (!(error instanceof SyncHttpError)) throw error
        throw new KioskError(isErrorCode(error.code) ? error.code : 'SYNC_OFFLINE', error.message)
      }
    },
    async conflicts(which) {
      const rows = await deps.store.read((sql) => listConflicts(sql, which))
      return rows.map((r) => toConflict(r, ids().kioskCode, ids().storeCode))
    },
    async resolveConflict(conflictId, note, actor) {
      const at = deps.nowIso()
      const row = await deps.store.write(async (tx) => {
        if (!conflictById(tx.sql, conflictId)) {
          throw new KioskError('CONFLICT_NOT_FOUND', `No conflict ${conflictId} at this kiosk.`)
        }
        resolveConflictLocally(tx.sql, conflictId, note, actor.code, at)
        await appendAudit(tx, {
          at,
          businessDate: deps.businessDate(),
          staff: actor,
          action: 'sync.resolveConflict',
          entity: 'conflict',
          entityId: conflictId,
          details: { note },
        })
        return conflictById(tx.sql, conflictId)!
      })
      return toConflict(row, ids().kioskCode, ids().storeCode)
    },
  }
}
