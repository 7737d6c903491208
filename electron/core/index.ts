import { join } from 'node:path'
import type { Catalog } from '../../shared/catalog'
import type { ReceiptData, ReceiptKind } from '../../shared/contract/receipt-data'
import { todayInKolkata } from '../../shared/domain/calendar'
import type { OutboxEvent } from '../../shared/sync/events'
import { CatalogStore } from './catalog/catalog-store'
import type { KioskCoreConfig } from './config'
import type { CoreDeps } from './context'
import { createDispatcher, type Dispatch } from './dispatch'
import { createHandlers, databaseFile } from './handlers'
import { deriveFingerprintKey, pruneRequests } from './idempotency'
import { checkKioskCodeForDocuments } from './document-numbers'
import { markEvent, pendingEventCount, readPendingEvents } from './outbox/outbox'
import { createPrintQueue } from './printing/print-queue'
import { createPrinterService } from './printing/service'
import { buildReceiptData } from './receipt-data/build'
import { createReceiptService } from './receipts/service'
import { recordReceiptPrinted } from './receipt-data/receipt-records'
import { runRetention } from './retention/retention'
import { Sessions } from './session'
import { StaffService } from './staff/staff-service'
import { openDatabase } from './storage/database'
import { Store } from './storage/store'
import { createKioskSync, type KioskSync } from './sync/kiosk-sync'
import { makeTreePrivate } from './util/private-files'

export type { KioskCoreConfig, SeedStaff } from './config'
export type { CallContext, Dispatch } from './dispatch'
export { DEMO_STAFF } from './demo-seed'
export { validatePlanNumber, formatPlanNumber } from '../../shared/domain/plan-number'
export type { SystemPrinter, SystemPrinterInfo } from './printing/system-printer'
export type { TextRasteriser } from './printing/text-rasteriser'

const TRAINING_DATE_KEY = 'training.businessDate'

/** The running core: one dispatcher both transports call, and what other modules need. */
export interface KioskCore {
  dispatch: Dispatch
  close(): Promise<void>
  /** Where the SQLite file is (README: back it up with the app closed, or use backups/). */
  databasePath: string
  schemaVersion: number
  /** The business date (Asia/Kolkata, or the training date). */
  businessDate(): string
  /** The data of a printed document, for the receipts module (first print and reprints). */
  loadReceiptData(kind: ReceiptKind, ref: string): Promise<ReceiptData>
  /** Counts a printed copy; the second and later are reprints. */
  recordReceiptPrinted(
    kind: ReceiptKind,
    ref: string,
  ): Promise<{ copiesPrinted: number; reprintCount: number }>
  /** Outbox events not yet acknowledged by head office. */
  outboxPendingCount(): Promise<number>
  /** For the sync client: the next pending events, and recording head office's answer. */
  outbox: {
    readPending(limit: number): Promise<OutboxEvent[]>
    mark(
      id: string,
      status: 'applied' | 'duplicate' | 'rejected' | 'conflict',
      result?: unknown,
    ): Promise<void>
  }
  /** Installs a catalog version from head office (must be newer). */
  applyCatalog(catalog: Catalog): Promise<{ version: string; previousVersion: string | null }>
  /** Anonymises KYC past retention as of `now` (epoch ms; default the clock). */
  runRetention(now?: number): Promise<{ anonymised: number; cutoff: string }>
  /** Head-office sync: the background loop (started here, stopped by close) and its state. */
  sync: KioskSync
}

/** Builds the kiosk's services from its config: opens (and migrates) the database, loads the catalog. */
export async function createKioskCore(config: KioskCoreConfig): Promise<KioskCore> {
  const training = config.training ?? false
  // Before anything is opened: a kiosk code that cannot fit a 16-character GST invoice number
  // must stop the kiosk at start-up, not at its first sale.
  checkKioskCodeForDocuments(config.kioskCode)
  const file = databaseFile(config.dataDir, training)
  // An install from before the files were private: fixed before anything is opened.
  makeTreePrivate(config.dataDir)
  const db = await openDatabase({
    file,
    now: config.clock,
    ...(config.synchronous ? { synchronous: config.synchronous } : {}),
  })
  const store = new Store(db, config.hooks)
  try {
    let trainingDate: string | null = training
      ? ((
          await store.read((sql) =>
            sql.get<{ value: string }>(
              'SELECT value FROM settings WHERE key = ?',
              TRAINING_DATE_KEY,
            ),
          )
        )?.value ?? null)
      : null
    const catalogs = new CatalogStore(store)
    const deps: CoreDeps = {
      store,
      catalogs,
      config,
      training,
      fingerprintKey: deriveFingerprintKey(config.kycKey),
      businessDate: () => trainingDate ?? todayInKolkata(config.clock),
      nowIso: () => new Date(config.clock()).toISOString(),
    }
    await catalogs.init(config.bundledCatalogPath, deps.nowIso(), deps.businessDate())
    // Answers past the idempotency window go at start-up too, not only as new requests come in:
    // a kiosk upgraded from before the window existed may hold years of them (docs/privacy.md).
    await store.write(async (tx) => pruneRequests(tx.sql, deps.nowIso()))
    const { scrubbed, keptUnverified, failed } = db.backups
    if (scrubbed.length > 0)
      config.logger.info('backups scrubbed of unkeyed fingerprints', { scrubbed })
    if (keptUnverified.length > 0 || failed.length > 0) {
      config.logger.error('backups still hold unkeyed request fingerprints', {
        keptUnverified,
        failed,
      })
    }
    const sessions = new Sessions(config.clock, (config.idleLockMinutes ?? 5) * 60_000)
    const staff = new StaffService(deps, sessions)
    await staff.seed(config.seedStaff)
    // Training prints keep their own queue, as they keep their own database: a training job
    // retried in normal mode would count a copy of a document that does not exist there.
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
    // Sync runs beside the sales flow; it starts once the core is built (below).
    const sync = createKioskSync(deps, config.logger, config.sync)
    const handlers = createHandlers({
      deps,
      catalogs,
      staff,
      schemaVersion: db.migration.schemaVersion,
      databasePath: file,
      setTrainingDate: async (date) => {
        await store.write(async (tx) => {
          if (date === null) tx.sql.run('DELETE FROM settings WHERE key = ?', TRAINING_DATE_KEY)
          else {
            tx.sql.run(
              `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
               ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
              TRAINING_DATE_KEY,
              date,
              deps.nowIso(),
            )
          }
        })
        trainingDate = date
        return deps.businessDate()
      },
      receipts: createReceiptService(deps, queue),
      printers: createPrinterService(deps, queue),
      sync,
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
      close: async () => {
        await sync.stop()
        await store.close()
      },
      databasePath: file,
      schemaVersion: db.migration.schemaVersion,
      businessDate: deps.businessDate,
      loadReceiptData: (kind, ref) => store.read((sql) => buildReceiptData(sql, deps, kind, ref)),
      recordReceiptPrinted: (kind, ref) => recordReceiptPrinted(store, kind, ref, deps.nowIso()),
      outboxPendingCount: () => store.read((sql) => pendingEventCount(sql)),
      outbox: {
        readPending: (limit) => store.read((sql) => readPendingEvents(sql, limit)),
        // A write, so it queues behind (and never inside) a sale's transaction.
        mark: (id, status, result) =>
          store.write(async (tx) => markEvent(tx.sql, id, status, deps.nowIso(), result)),
      },
      applyCatalog: (catalog) =>
        catalogs.install(catalog, 'headoffice', null, deps.nowIso(), deps.businessDate()),
      runRetention: (now) =>
        runRetention(
          deps,
          null,
          now === undefined ? deps.businessDate() : todayInKolkata(() => now),
        ),
    }
  } catch (err) {
    await store.close()
    throw err
  }
}
