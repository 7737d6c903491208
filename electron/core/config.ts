import type { KioskUpdates } from './updates'
import type { TradeInPartner } from './tradein/partner'
import type { Logger } from './logger'
import type { SystemPrinter } from './printing/system-printer'
import type { TextRasteriser } from './printing/text-rasteriser'
import type { StorageHooks } from './storage/store'
import type { KioskSyncOptions } from './sync/kiosk-sync'
import type { Role } from '../../shared/ipc'
import type { RetentionItem } from '../../shared/domain/retention-policy'

/** A staff member to create when the database has no staff yet (the shell decides: demo or none). */
export interface SeedStaff {
  code: string
  name: string
  role: Role
  pin: string
}

/** Everything the core needs from its world; the shell (or a test) passes it in. */
export interface KioskCoreConfig {
  /**
   * The trade-in partner's quote API (issue 22, electron/core/tradein/partner.ts); absent or
   * null: trade-ins are priced from the catalog's offline grid only, provisional.
   */
  tradeInPartner?: TradeInPartner | null
  /** Where the SQLite file, photos, logs and print jobs live. */
  dataDir: string
  /** Epoch milliseconds; the business date is derived from it in Asia/Kolkata. */
  clock: () => number
  /** The bundled demo catalog (JSON), installed on first run. */
  bundledCatalogPath: string
  /**
   * The store and kiosk codes the shell knows: the identity itself when `identitySource` is
   * `fixed` (development and tests: KIOSK_STORE/KIOSK_CODE) or `demo`; placeholders until a setup
   * when it is `provisioned`.
   */
  storeCode: string
  kioskCode: string
  /**
   * Where the identity comes from (docs/fleet.md#provisioning): `provisioned` (the shells by
   * default: a one-time code redeemed at head office on the setup screen), `demo` (the demo store,
   * no head office, marked on screen) or `fixed` (the codes above; the default for tests).
   */
  identitySource?: 'fixed' | 'demo' | 'provisioned'
  /** Where the kiosk's log files are (sent to head office on request); default `<dataDir>/logs`. */
  logDir?: string
  appVersion: string
  logger: Logger
  /** Training mode: separate database, settable business date, marked documents. */
  training?: boolean
  /** Minutes of inactivity before the kiosk locks. */
  idleLockMinutes?: number
  /**
   * The kiosk's secret for the keyed hash of Aadhaar numbers (HMAC-SHA256), at least 32 bytes.
   * The key of request fingerprints is derived from it (idempotency.ts, docs/privacy.md).
   * The shell keeps it in the OS keychain (safeStorage); tests pass a fixed one.
   */
  kycKey: Buffer
  /** Created on first run of an empty database only (demo launcher: DEMO_STAFF). */
  seedStaff?: SeedStaff[]
  /** See storage/database.ts: FULL unless a test or benchmark says otherwise. */
  synchronous?: 'FULL' | 'NORMAL'
  /** scrypt cost for new PIN hashes (2^N); lower only in tests and benchmarks. */
  pinCostLog2?: number
  /**
   * OS printing and PDF (the Electron shell passes one built on webContents.print/printToPDF).
   * Absent in browser mode: system printing and `receipts.pdf` answer PRINTER_NOT_CONFIGURED.
   */
  systemPrinter?: SystemPrinter
  /**
   * Draws ₹ and Devanagari as images for the thermal printer: every block in `unicode-raster`
   * text, and in `ascii` text the blocks the code page cannot spell (a customer's name in
   * Devanagari), so no slip prints `?????`. Default: the canvas rasteriser
   * (printing/canvas-rasteriser.ts); `null`: none (thermal receipts with such text are refused).
   */
  textRasteriser?: TextRasteriser | null
  /**
   * Also check every response against its contract schema (electron/core/dispatch.ts): on in
   * tests and development, off in production. Default: on when the environment variable
   * KIOSK_CHECK_RESPONSES is `1` (the test configurations set it; the Electron shell turns it on
   * when not packaged).
   */
  checkResponses?: boolean
  /** Test seams (failure injection); never set by the shell. */
  hooks?: StorageHooks
  /** Head-office sync (URL, secret store, fetch, interval); absent: sync.status says not configured. */
  sync?: KioskSyncOptions
  /**
   * Days kept per item where this deployment differs from the retention policy
   * (shared/domain/retention-policy.ts, docs/privacy.md); the customer's details follow the
   * catalog's `kycRetentionDays`.
   */
  retentionDays?: Partial<Record<RetentionItem, number>>
  /**
   * When the daily retention runs (a cron pattern in Asia/Kolkata; default 02:30, when no store
   * is open). A start also runs it when the last run was before today (a kiosk switched off at
   * night catches up).
   */
  retentionCron?: string
  /**
   * The shell's updater (docs/updates.md): handed the core's update checks once the core is
   * built. `publicKey`: the release key (SPKI PEM); default the pinned one (shared/sync/updates.ts).
   */
  updates?: { publicKey?: string; ready(updates: KioskUpdates): void }
}
