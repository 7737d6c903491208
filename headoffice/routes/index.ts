import type { FastifyInstance } from 'fastify'
import type { KioskAuth } from '../http/kiosk-auth'
import { errorHandler, notFoundHandler } from '../http/errors'
import type { HeadOfficeMetrics } from '../http/metrics'
import type { RateBudget } from '../http/rate-limit'
import type { HeadOfficeLogger } from '../logger'
import type { FleetThresholds } from '../services/fleet-health'
import { registerAdminRoutes, type AdminDeps } from './admin-routes'
import { registerConsoleRoutes } from './console-routes'
import type { ConsolePolicy } from '../services/console-users'
import type { OidcSignIn } from '../services/console-oidc'
import { registerFleetRoutes } from './fleet-routes'
import { registerHealthRoutes } from './health-routes'
import { registerFraudRoutes, type FraudDeps } from './fraud-routes'
import { registerPlanRoutes } from './plan-routes'
import { DEFAULT_PLAN_PAGE_BUDGET, registerPlanPageRoutes } from './plan-page-routes'
import { registerPrivacyRoutes } from './privacy-routes'
import { registerSyncRoutes } from './sync-routes'
import { registerUpdateRoutes } from './update-routes'
import type { UpdateFeed } from '../services/update-feed'

/**
 * Every endpoint of head office, and how a refusal becomes an HTTP answer (the code's status,
 * from http/errors.ts): kiosk sync, plan lookup and reservation, the admin desk, health.
 */
export function registerRoutes(
  app: FastifyInstance,
  deps: AdminDeps & {
    logger: HeadOfficeLogger
    auth: KioskAuth
    authDeferringNonce: KioskAuth
    metrics: HeadOfficeMetrics
    metricsToken: string
    fleetThresholds: FleetThresholds
    provisionRateLimit: RateBudget
    /** Per-address budget of the public plan page (GET /p/:token); a default when absent. */
    planPageRateLimit?: RateBudget
    updates: UpdateFeed | null
    fraud: FraudDeps
    consolePolicy: ConsolePolicy
    consoleOidc: OidcSignIn | null
    smsTemplateIds?: Partial<Record<string, string>> | null
  },
): void {
  app.setErrorHandler(errorHandler(deps.logger))
  app.setNotFoundHandler(notFoundHandler)
  registerHealthRoutes(app, { ds: deps.ds, metrics: deps.metrics, metricsToken: deps.metricsToken })
  registerSyncRoutes(app, {
    ds: deps.ds,
    box: deps.box,
    clock: deps.clock,
    authDeferringNonce: deps.authDeferringNonce,
    pushOutcomes: deps.metrics.pushOutcomes,
  })
  registerPlanRoutes(app, { ds: deps.ds, clock: deps.clock, auth: deps.auth })
  registerPlanPageRoutes(app, {
    ds: deps.ds,
    box: deps.box,
    clock: deps.clock,
    adminToken: deps.adminToken,
    planPageRateLimit: deps.planPageRateLimit ?? DEFAULT_PLAN_PAGE_BUDGET,
  })
  registerFraudRoutes(app, {
    ...deps.fraud,
    ds: deps.ds,
    clock: deps.clock,
    auth: deps.auth,
    logger: deps.logger,
  })
  registerAdminRoutes(app, deps)
  registerPrivacyRoutes(app, deps)
  registerFleetRoutes(app, {
    ds: deps.ds,
    box: deps.box,
    clock: deps.clock,
    adminToken: deps.adminToken,
    auth: deps.auth,
    thresholds: deps.fleetThresholds,
    provisionRateLimit: deps.provisionRateLimit,
  })
  registerConsoleRoutes(app, {
    ds: deps.ds,
    box: deps.box,
    clock: deps.clock,
    policy: deps.consolePolicy,
    thresholds: deps.fleetThresholds,
    oidc: deps.consoleOidc,
    logger: deps.logger,
    smsTemplateIds: deps.smsTemplateIds ?? null,
  })
  registerUpdateRoutes(app, {
    ds: deps.ds,
    clock: deps.clock,
    adminToken: deps.adminToken,
    auth: deps.auth,
    feed: deps.updates,
  })
}
