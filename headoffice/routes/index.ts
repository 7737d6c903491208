import type { FastifyInstance } from 'fastify'
import type { KioskAuth } from '../http/kiosk-auth'
import { errorHandler, notFoundHandler } from '../http/errors'
import type { HeadOfficeLogger } from '../logger'
import { registerAdminRoutes, type AdminDeps } from './admin-routes'
import { registerFraudRoutes, type FraudDeps } from './fraud-routes'
import { registerPlanRoutes } from './plan-routes'
import { registerSyncRoutes } from './sync-routes'

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
    fraud: FraudDeps
  },
): void {
  app.setErrorHandler(errorHandler(deps.logger))
  app.setNotFoundHandler(notFoundHandler)
  app.get('/health', async () => ({ ok: true, data: { status: 'up' } }))
  registerSyncRoutes(app, {
    ds: deps.ds,
    clock: deps.clock,
    authDeferringNonce: deps.authDeferringNonce,
  })
  registerPlanRoutes(app, { ds: deps.ds, clock: deps.clock, auth: deps.auth })
  registerFraudRoutes(app, {
    ...deps.fraud,
    ds: deps.ds,
    clock: deps.clock,
    auth: deps.auth,
    logger: deps.logger,
  })
  registerAdminRoutes(app, deps)
}
