import { join } from 'node:path'
import { appHandlers, trainingHandlers } from './app/handlers'
import { auditHandlers } from './audit/handlers'
import type { CatalogStore } from './catalog/catalog-store'
import { catalogHandlers } from './catalog/handlers'
import type { CoreDeps } from './context'
import { deviceHandlers } from './devices/handlers'
import type { Handlers } from './dispatch'
import { enrollmentHandlers } from './enrollment/handlers'
import { inspectionHandlers } from './inspection/handlers'
import { planHandlers } from './plans/handlers'
import { printerHandlers } from './printing/handlers'
import { privacyHandlers } from './privacy/handlers'
import type { PrinterService } from './printing/service'
import { receiptHandlers } from './receipts/handlers'
import type { ReceiptService } from './receipts/service'
import { redemptionHandlers } from './redemption/handlers'
import { reportHandlers } from './reports/handlers'
import { retentionHandlers } from './retention/handlers'
import { staffHandlers } from './staff/handlers'
import type { StaffService } from './staff/staff-service'
import type { IdentityState } from './setup/identity'
import { setupHandlers } from './setup/handlers'
import type { KioskSetup } from './setup/setup-service'
import type { KioskSync } from './sync/kiosk-sync'
import { syncHandlers } from './sync/sync-handlers'
import { tradeInHandlers } from './tradein/handlers'
import type { TradeInService } from './tradein/tradein-service'

/** Parts the handler table needs beyond the shared deps. */
export interface HandlerParts {
  deps: CoreDeps
  catalogs: CatalogStore
  staff: StaffService
  schemaVersion: number
  databasePath: string
  setTrainingDate(date: string | null): Promise<string>
  receipts: ReceiptService
  printers: PrinterService
  sync: KioskSync
  identity: IdentityState
  setup: KioskSetup
  /** The trade-in flow (issue 22). */
  tradeIn: TradeInService
}

/**
 * The core's implementation of every channel: each domain's part (`<domain>/handlers.ts`, typed
 * from the contract), joined. A channel no domain answers fails the type check here.
 */
export function createHandlers(p: HandlerParts): Handlers {
  return {
    ...appHandlers(p),
    ...catalogHandlers(p),
    ...planHandlers(p),
    ...staffHandlers(p),
    ...enrollmentHandlers(p),
    ...inspectionHandlers(p),
    ...redemptionHandlers(p),
    ...reportHandlers(p),
    ...auditHandlers(p),
    ...deviceHandlers(p),
    ...trainingHandlers(p),
    ...retentionHandlers(p),
    ...privacyHandlers(p),
    ...receiptHandlers(p),
    ...printerHandlers(p),
    ...syncHandlers(p.sync),
    ...setupHandlers(p.setup),
    ...tradeInHandlers(p, p.tradeIn),
  }
}

/** Where the database of a data directory lives (training has its own file). */
export function databaseFile(dataDir: string, training: boolean): string {
  return join(dataDir, training ? 'training.sqlite' : 'kiosk.sqlite')
}
