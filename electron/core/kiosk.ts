import { join } from 'node:path'
import type { ReceiptData, ReceiptKind } from '../../shared/contract/receipt-data'
import type { PrintableKind } from '../../shared/contract/receipts'
import { todayInKolkata } from '../../shared/domain/calendar'
import type { OutboxEvent } from '../../shared/sync/events'
import { CatalogStore } from './catalog/catalog-store'
import type { KioskCoreConfig } from './config'
import { createCanvasRasteriser } from './printing/canvas-rasteriser'
import type { CoreDeps } from './context'
import { createDispatcher, type Dispatch } from './dispatch'
import { createHandlers, databaseFile } from './handlers'
import { createTradeInService, type TradeInService } from './tradein/tradein-service'
import type { OnlinePlans } from './sync/online-plans'
import { checkKioskCodeForDocuments } from './document-numbers'
import { deriveFingerprintKey, pruneRequests } from './idempotency'
import { pendingEventCount, readPendingEvents } from './outbox/outbox'
import { createPrintQueue, type PrintQueue } from './printing/print-queue'
import { createPrinterService } from './printing/service'
import { recordReceiptPrinted } from './receipts/printed-copies'
import { buildReceiptData } from './receipts/receipt-data'
import { loadStoredDocument, type StoredDocument } from './receipts/stored-documents'
import { createReceiptService } from './receipts/service'
import { runRetention, type RetentionOutcome } from './retention/retention'
import { createRetentionSchedule, type RetentionSchedule } from './retention/schedule'
import { Sessions } from './session'
import { StaffService } from './staff/staff-service'
import { openDatabase, type OpenDatabase } from './storage/database'
import { markEvent } from './storage/repos/outbox'
import { deleteSetting, getSetting, putSetting } from './storage/repos/settings'
import { Store } from './storage/store'
import { createKioskSync, type KioskSync } from './sync/kiosk-sync'
import { createPlanLinks } from './sync/plan-links'
import { printerHealth } from './printing/health'
import { resolveIdentity, type IdentityState } from './setup/identity'
import { createSetup } from './setup/setup-service'
import { makeTreePrivate } from './util/private-files'

const TRAINING_DATE_KEY = 'training.businessDate'

/**
 * The running core with its internals: what the shells get (`dispatch`, `close`, see index.ts)
 * and what only tests and benchmarks reach for (test-support.ts).
 */
export interface KioskInternals {
  dispatch: Dispatch
  /** The trade-in flow (issue 22); `confirmPending` is what the sync runs each cycle. */
  tradeIn: TradeInService
  close(): Promise<void>
  /** Where the SQLite file is (README: back it up with the app closed, or use backups/). */
  databasePath: string
  schemaVersion: number
  /** The business date (Asia/Kolkata, or the training date). */
  businessDate(): string
  /** The data of a printed document (first print and reprints). */
  loadReceiptData(kind: ReceiptKind, ref: string): Promise<ReceiptData>
  /**
   * A printable document as the receipt builders take it, from the stored records (what a print
   * or preview builds): the documents reviewed and printed in tests come from here, never from
   * hand-written data.
   */
  loadDocument(kind: PrintableKind, ref: string): Promise<StoredDocument>
  /** Counts a printed copy; the second and later are reprints. */
  recordReceiptPrinted(
    kind: ReceiptKind,
    ref: string,
  ): Promise<{ copiesPrinted: number; reprintCount: number }>
  /** Outbox events not yet acknowledged by head office. */
  outboxPendingCount(): Promise<number>
  /** The next pending events, and recording head office's answer. */
  outbox: {
    readPending(limit: number): Promise<OutboxEvent[]>
    mark(
      id: string,
      status: 'applied' | 'duplicate' | 'rejected' | 'conflict',
      result?: unknown,
    ): Promise<void>
  }
  /** Runs retention as of `now` (epoch ms; default the clock), whatever ran before. */
  runRetention(now?: number): Promise<RetentionOutcome>
  /** What the daily timer does: retention, unless it already ran on today's business date. */
  runScheduledRetention(): Promise<RetentionOutcome | null>
  /** The daily retention timer. */
  retention: RetentionSchedule
  /** Head-office sync: the background loop (started here, stopped by close) and its state. */
  sync: KioskSync
}

/** The training business date a manager set (kept in settings), or null. */
async function trainingDateOf(store: Store, training: boolean): Promise<string | null> {
  return training ? store.read((sql) => getSetting(sql, TRAINING_DATE_KEY)) : null
}

/** Stores (or clears) the training business date. */
function saveTrainingDate(deps: CoreDeps, date: string | null): Promise<void> {
  return deps.store.write(async (tx) => {
    if (date === null) deleteSetting(tx.sql, TRAINING_DATE_KEY)
    else putSetting(tx.sql, TRAINING_DATE_KEY, date, deps.nowIso())
  })
}

/**
 * Training prints keep their own queue, as they keep their own database: a training job retried
 * in normal mode would count a copy of a document that does not exist there.
 */
function openPrintQueue(config: KioskCoreConfig, training: boolean): PrintQueue {
  const queue = createPrintQueue({
    dataDir: training ? join(config.dataDir, 'training') : config.dataDir,
    clock: config.clock,
    logger: config.logger,
  })
  const waiting = queue.list()
  if (waiting.length > 0) {
    // Listed, never re-sent by themselves: a job cut off mid-send may already be on paper, and
    // printing it again unasked would hand out a second copy under the same number.
    config.logger.warn('print jobs waiting from before the restart', {
      count: waiting.length,
      jobs: waiting.map((j) => ({ id: j.id, kind: j.kind, copy: j.copy })),
    })
  }
  return queue
}

/**
 * Answers past the idempotency window go at start-up too, not only as new requests come in: a
 * kiosk upgraded from before the window existed may hold years of them (docs/privacy.md). Says
 * what became of the backups taken before migration 5 (storage/backup-scrub.ts).
 */
async function pruneAtStart(deps: CoreDeps, db: OpenDatabase): Promise<void> {
  await deps.store.write(async (tx) => pruneRequests(tx.sql, deps.nowIso()))
  const { logger } = deps.config
  const { scrubbed, keptUnverified, failed } = db.backups
  if (scrubbed.length > 0) logger.info('backups scrubbed of unkeyed fingerprints', { scrubbed })
  if (keptUnverified.length > 0 || failed.length > 0) {
    logger.error('backups still hold unkeyed request fingerprints', { keptUnverified, failed })
  }
}

/** What tests reach for beside the dispatcher, over the same store and deps. */
function internals(
  deps: CoreDeps,
): Pick<
  KioskInternals,
  | 'loadReceiptData'
  | 'loadDocument'
  | 'recordReceiptPrinted'
  | 'outboxPendingCount'
  | 'outbox'
  | 'runRetention'
> {
  const { store } = deps
  return {
    loadReceiptData: (kind, ref) => store.read((sql) => buildReceiptData(sql, deps, kind, ref)),
    loadDocument: (kind, ref) =>
      store.read((sql) =>
        loadStoredDocument(sql, deps, kind, ref, { actor: null, pendingPrintJobs: 0 }),
      ),
    recordReceiptPrinted: (kind, ref) => recordReceiptPrinted(store, kind, ref, deps.nowIso()),
    outboxPendingCount: () => store.read((sql) => pendingEventCount(sql)),
    outbox: {
      readPending: (limit) => store.read((sql) => readPendingEvents(sql, limit)),
      // A write, so it queues behind (and never inside) a sale's transaction.
      mark: (id, status, result) =>
        store.write(async (tx) => markEvent(tx.sql, id, status, deps.nowIso(), result)),
    },
    runRetention: (now) => runRetention(deps, null, now ?? deps.config.clock()),
  }
}

/** The services over an open store: catalog, staff, printing, sync and the dispatcher. */
async function assemble(
  config: KioskCoreConfig,
  db: OpenDatabase,
  store: Store,
  file: string,
  identity: IdentityState,
): Promise<KioskInternals> {
  const training = config.training ?? false
  let trainingDate = await trainingDateOf(store, training)
  const catalogs = new CatalogStore(store)
  const deps: CoreDeps = {
    store,
    catalogs,
    config,
    training,
    fingerprintKey: deriveFingerprintKey(config.kycKey),
    planLinks: createPlanLinks(),
    businessDate: () => trainingDate ?? todayInKolkata(config.clock),
    nowIso: () => new Date(config.clock()).toISOString(),
  }
  await catalogs.init(config.bundledCatalogPath, deps.nowIso(), deps.businessDate())
  await pruneAtStart(deps, db)
  const retention = createRetentionSchedule(deps, config.logger)
  // A kiosk that was off when the timer was due catches up now; a failure must not stop the sales.
  await retention.runDue().catch((error: unknown) => {
    config.logger.error('retention at start failed', { message: (error as Error).message })
  })
  const sessions = new Sessions(config.clock, (config.idleLockMinutes ?? 5) * 60_000)
  const staff = new StaffService(deps, sessions)
  const seedStaff = async () => void (await staff.seed(config.seedStaff))
  // Only the demo and a launcher-fixed kiosk get the shell's (demo) staff; a provisioned kiosk
  // receives its store's from head office, and one waiting for its setup has none.
  if (identity.mode === 'fixed' || identity.mode === 'demo') await seedStaff()
  const queue = openPrintQueue(config, training)
  // Sync runs beside the sales flow; it starts once the core is built (below).
  let online: () => OnlinePlans | null = () => null
  const tradeIn = createTradeInService(deps, {
    partner: config.tradeInPartner ?? null,
    online: () => online(),
  })
  const sync = createKioskSync(
    deps,
    config.logger,
    config.sync,
    {
      confirmTradeIns: () => tradeIn.confirmPending(),
      databasePath: file,
      logDir: config.logDir ?? join(config.dataDir, 'logs'),
      printer: () => printerHealth(deps, queue),
    },
    // Deactivated at head office: signed out here now; a new role holds from the next request.
    (accounts) => {
      for (const account of accounts) sessions.follow(account)
    },
  )
  online = () => sync.online()
  const handlers = createHandlers({
    deps,
    catalogs,
    staff,
    schemaVersion: db.migration.schemaVersion,
    databasePath: file,
    setTrainingDate: async (date) => {
      await saveTrainingDate(deps, date)
      trainingDate = date
      return deps.businessDate()
    },
    receipts: createReceiptService(deps, queue),
    printers: createPrinterService(deps, queue),
    sync,
    identity,
    setup: createSetup({ deps, identity, sync, syncOptions: config.sync, seedStaff }),
    tradeIn,
  })
  await sync.start()
  return {
    sync,
    dispatch: createDispatcher({
      handlers,
      sessions,
      logger: config.logger,
      checkResponses: config.checkResponses ?? process.env.KIOSK_CHECK_RESPONSES === '1',
    }),
    retention,
    runScheduledRetention: () => retention.runDue(),
    close: async () => {
      retention.stop()
      await sync.stop()
      await store.close()
    },
    databasePath: file,
    schemaVersion: db.migration.schemaVersion,
    businessDate: deps.businessDate,
    tradeIn,
    ...internals(deps),
  }
}

/** Builds the kiosk's services from its config: opens (and migrates) the database, loads the catalog. */
export async function openKiosk(shellConfig: KioskCoreConfig): Promise<KioskInternals> {
  // The core's own copy: a setup gives it its store and kiosk code while it runs.
  const { storeCode, kioskCode, state } = resolveIdentity(shellConfig)
  const config: KioskCoreConfig = {
    ...shellConfig,
    storeCode,
    kioskCode,
    textRasteriser:
      shellConfig.textRasteriser === undefined
        ? createCanvasRasteriser()
        : shellConfig.textRasteriser,
  }
  // Before anything is opened: a kiosk code that cannot fit a 16-character GST invoice number
  // must stop the kiosk at start-up, not at its first sale.
  checkKioskCodeForDocuments(config.kioskCode)
  const file = databaseFile(config.dataDir, config.training ?? false)
  // An install from before the files were private: fixed before anything is opened.
  makeTreePrivate(config.dataDir)
  const db = await openDatabase({
    file,
    now: config.clock,
    ...(config.synchronous ? { synchronous: config.synchronous } : {}),
  })
  const store = new Store(db, config.hooks)
  try {
    return await assemble(config, db, store, file, state)
  } catch (err) {
    await store.close()
    throw err
  }
}
