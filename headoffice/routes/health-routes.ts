import type { FastifyInstance } from 'fastify'
import type { DataSource } from 'typeorm'
import { ping } from '../db/repos/fleet'
import { withDb } from '../db/sql'
import { adminAuthHook } from '../http/admin-auth'
import type { HeadOfficeMetrics } from '../http/metrics'
import { HeadOfficeError } from '../errors'

/**
 * Head office's own health for operations (docs/fleet.md#head-offices-own-health): liveness (the
 * process answers), readiness (and its database does), and /metrics behind a bearer token — the
 * metrics token when one is set (HEADOFFICE_METRICS_TOKEN), else the admin token: they name no
 * customer, but do show the fleet's size and traffic to whoever can reach head office.
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  deps: { ds: DataSource; metrics: HeadOfficeMetrics; metricsToken: string },
): void {
  app.get('/health', async () => ({ ok: true, data: { status: 'up' } }))
  app.get('/health/live', async () => ({ ok: true, data: { status: 'up' } }))
  app.get('/health/ready', async (_request, reply) => {
    try {
      await withDb(deps.ds, ping)
    } catch {
      void reply.status(503)
      return { ok: false, error: { code: 'INTERNAL', message: 'The database does not answer.' } }
    }
    return { ok: true, data: { status: 'ready', database: 'up' } }
  })
  app.get('/metrics', { onRequest: adminAuthHook(deps.metricsToken) }, async (_request, reply) => {
    void reply.header('content-type', deps.metrics.registry.contentType)
    try {
      return await deps.metrics.registry.metrics()
    } catch (error) {
      throw new HeadOfficeError('INTERNAL', (error as Error).message)
    }
  })
}
