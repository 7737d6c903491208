import type { KioskCoreConfig } from './config'
import type { Dispatch } from './dispatch'
import { openKiosk } from './kiosk'
import { createKioskUpdates } from './updates'

// The core as the shells see it (electron/main over IPC, electron/bridge over HTTP): this file is
// their one door into electron/core; tests reach the internals through test-support.ts.

export type { KioskCoreConfig, SeedStaff } from './config'
export type { CallContext, Dispatch } from './dispatch'
export { DEMO_STAFF } from './demo-seed'
export { validatePlanNumber, formatPlanNumber } from '../../shared/domain/plan-number'
export type { SystemPrinter, SystemPrinterInfo } from './printing/system-printer'
export type { TextRasteriser } from './printing/text-rasteriser'
export { createFileLogger, redact, type Logger } from './logger'
export { createFileSecretStore, createSafeStorageSecretStore } from './sync/secret-store'
export { loadOrCreateSecret } from './util/key-file'
export { ensurePrivateDir, makeTreePrivate } from './util/private-files'
export { readStaticFile } from './util/static-files'
export { installDecision, routeOf } from './updates'
export type { InstallDecision, KioskUpdates, VerifiedRelease } from './updates'
export { tradeInPartnerFromEnv } from './tradein/partner-config'

/** The running core: one dispatcher both transports call, and closing it. */
export interface KioskCore {
  dispatch: Dispatch
  close(): Promise<void>
}

/** Builds the kiosk's services from its config: opens (and migrates) the database, loads the catalog. */
export async function createKioskCore(config: KioskCoreConfig): Promise<KioskCore> {
  const { dispatch, close, sync } = await openKiosk(config)
  // The shell's updater gets its narrow view of the core through the config, not the door.
  config.updates?.ready(createKioskUpdates(sync, config.appVersion, config.updates.publicKey))
  return { dispatch, close }
}
