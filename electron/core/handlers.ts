import { join } from 'node:path'
import { KioskError } from '../../shared/errors'
import type { CatalogStore } from './catalog/catalog-store'
import { quoteVariant } from './plans/quote'
import type { CoreDeps } from './context'
import { requireActor } from './context'
import type { Handlers } from './dispatch'
import { collectDevices, listDevices } from './devices/devices'
import { createEnrollment } from './enrollment/create'
import { enrollmentDefaults } from './enrollment/defaults'
import { startInspection, submitInspection } from './inspection/inspection-service'
import { cancelPlan } from './plans/cancel'
import { getPlan, lookupPlansOnline, withPlanFromHeadOffice } from './plans/lookup'
import { checkPlanRedemption, completeRedemption } from './redemption/redemption-service'
import { endOfDay } from './reports/end-of-day'
import type { PrinterService } from './printing/service'
import type { ReceiptService } from './receipts/service'
import { runRetention } from './retention/retention'
import { listAudit, verifyAudit } from './audit/audit-log'
import type { StaffService } from './staff/staff-service'
import { syncHandlers } from './sync/sync-handlers'
import type { KioskSync } from './sync/kiosk-sync'
import { appendAudit } from './audit/audit-log'

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
}

/** The core's implementation of every channel, each a thin call into one service. */
export function createHandlers(p: HandlerParts): Handlers {
  const { deps, staff } = p
  const { store } = deps
  return {
    'app.info': (_req, ctx) => ({
      name: 'Smart Upgrade Kiosk',
      version: deps.config.appVersion,
      storeCode: deps.config.storeCode,
      kioskCode: deps.config.kioskCode,
      databasePath: p.databasePath,
      schemaVersion: p.schemaVersion,
      catalogVersion: p.catalogs.inForce(deps.businessDate()).version,
      businessDate: deps.businessDate(),
      training: deps.training,
      transport: ctx.transport,
    }),
    'catalog.list': () => p.catalogs.inForce(deps.businessDate()),
    'catalog.apply': (req, ctx) =>
      p.catalogs.install(
        req.catalog,
        'manager',
        requireActor(ctx.staff),
        deps.nowIso(),
        deps.businessDate(),
      ),
    'plans.quote': (req) =>
      quoteVariant(p.catalogs.inForce(deps.businessDate()), req, deps.businessDate()),
    // A plan number not held here is asked of head office when online
    // (docs/program-rules.md#plans-of-other-stores).
    'plans.lookup': (req) => lookupPlansOnline(deps, p.sync.online(), req),
    'plans.get': (req) =>
      withPlanFromHeadOffice(deps, p.sync.online(), req.planNumber, (sql) =>
        getPlan(deps, sql, req.planNumber),
      ),
    'plans.cancel': (req, ctx) => cancelPlan(deps, requireActor(ctx.staff), req),
    'staff.list': async () => ({ staff: await staff.list() }),
    'staff.signIn': (req, ctx) => staff.signIn(ctx.sessionId, req.staffCode, req.pin),
    'staff.signOut': (_req, ctx) => staff.signOut(ctx.sessionId),
    'staff.current': (_req, ctx) => staff.current(ctx.sessionId),
    'staff.lock': (_req, ctx) => staff.lock(ctx.sessionId),
    'staff.unlock': (req, ctx) => staff.unlock(ctx.sessionId, req.pin),
    'staff.clearLockout': (req, ctx) => staff.clearLockout(requireActor(ctx.staff), req.staffCode),
    'enrollment.create': (req, ctx) => createEnrollment(deps, requireActor(ctx.staff), req),
    'enrollment.defaults': () => enrollmentDefaults(deps),
    'inspection.start': (req, ctx) => startInspection(deps, requireActor(ctx.staff), req),
    'inspection.submit': (req, ctx) => submitInspection(deps, requireActor(ctx.staff), req),
    'redemption.check': (req) =>
      withPlanFromHeadOffice(deps, p.sync.online(), req.planNumber, (sql) =>
        checkPlanRedemption(deps, sql, req),
      ),
    'redemption.complete': (req, ctx) =>
      completeRedemption(deps, requireActor(ctx.staff), req, p.sync.online()),
    'reports.endOfDay': (req) =>
      store.read((sql) => endOfDay(deps, sql, req.businessDate ?? deps.businessDate())),
    'audit.list': (req) => store.read((sql) => listAudit(sql, req)),
    'audit.verify': () => store.read((sql) => verifyAudit(sql)),
    'devices.list': async (req) => ({
      devices: await store.read((sql) => listDevices(sql, req.status, req.limit)),
    }),
    'devices.collect': async (req, ctx) => ({
      devices: await collectDevices(
        deps,
        requireActor(ctx.staff),
        req.deviceIds,
        req.reference ?? null,
      ),
    }),
    'training.setDate': async (req, ctx) => {
      if (!deps.training) {
        throw new KioskError(
          'TRAINING_ONLY',
          'The business date can only be moved in training mode.',
        )
      }
      const businessDate = await p.setTrainingDate(req.businessDate)
      await store.write((tx) =>
        appendAudit(tx, {
          at: deps.nowIso(),
          businessDate,
          staff: requireActor(ctx.staff),
          action: 'training.setDate',
          entity: 'settings',
          entityId: null,
          details: { businessDate: req.businessDate },
        }),
      )
      return { businessDate }
    },
    'retention.run': (_req, ctx) =>
      runRetention(deps, requireActor(ctx.staff), deps.businessDate()),
    'receipts.preview': (req, ctx) => p.receipts.preview(req, requireActor(ctx.staff)),
    'receipts.print': (req, ctx) => p.receipts.print(req, requireActor(ctx.staff)),
    'receipts.pdf': (req, ctx) => p.receipts.pdf(req, requireActor(ctx.staff)),
    'printers.list': () => p.printers.list(),
    'printers.configure': (req, ctx) => p.printers.configure(req, requireActor(ctx.staff)),
    'printers.test': (req) => p.printers.test(req.target),
    'printers.jobs': () => ({ jobs: p.printers.jobs() }),
    'printers.retry': async (req, ctx) => ({
      results: await p.receipts.retry(req.jobId, requireActor(ctx.staff)),
    }),
    ...syncHandlers(p.sync),
  }
}

/** Where the database of a data directory lives (training has its own file). */
export function databaseFile(dataDir: string, training: boolean): string {
  return join(dataDir, training ? 'training.sqlite' : 'kiosk.sqlite')
}
