import Fastify, { type FastifyError, type FastifyInstance } from 'fastify'
import type { DataSource } from 'typeorm'
import { PUSH_MAX_BYTES } from '../shared/sync/protocol'
import { HeadOfficeError, errorBody } from './http/errors'
import { kioskAuthHook } from './http/kiosk-auth'
import { createRateLimiter } from './http/rate-limit'
import { registerRawJson } from './http/raw-json'
import type { HeadOfficeLogger } from './logger'
import { registerAdminRoutes } from './routes/admin-routes'
import { registerPlanRoutes } from './routes/plan-routes'
import { registerSyncRoutes } from './routes/sync-routes'
import { createKioskDirectory } from './services/kiosk-registry'
import type { SecretBox } from './services/secret-box'

export interface AppDeps {
  ds: DataSource
  box: SecretBox
  adminToken: string
  clock: () => number
  logger: HeadOfficeLogger
  /** Per-kiosk sustained requests per second and burst. */
  rateLimit?: { perSecond: number; burst: number }
  /** Largest body accepted on kiosk routes (bytes). */
  bodyLimit?: number
  reminderDaysBefore?: number
}

/** Builds head office's HTTP app (not listening): kiosk sync, plan lookup, admin. */
export function buildApp(deps: AppDeps): FastifyInstance {
  // Fastify's own logger stays off: our logger never sees headers, so neither the admin token
  // nor a signature can end up in a log line.
  const app = Fastify({ logger: false, bodyLimit: deps.bodyLimit ?? PUSH_MAX_BYTES })
  registerRawJson(app)
  const kiosks = createKioskDirectory(deps.ds, deps.box)
  const limiter = createRateLimiter(deps.rateLimit?.perSecond ?? 5, deps.rateLimit?.burst ?? 30)
  const auth = kioskAuthHook({ ds: deps.ds, kiosks, limiter, clock: deps.clock })
  const authDeferringNonce = kioskAuthHook({
    ds: deps.ds,
    kiosks,
    limiter,
    clock: deps.clock,
    deferNonce: true,
  })

  app.setErrorHandler((error: FastifyError | HeadOfficeError, request, reply) => {
    if (error instanceof HeadOfficeError) {
      return reply.status(error.status).send(errorBody(error.code, error.message))
    }
    const status = (error as FastifyError).statusCode ?? 500
    if (status === 413) {
      return reply
        .status(413)
        .send(errorBody('PAYLOAD_TOO_LARGE', 'The request body is too large.'))
    }
    if (status >= 400 && status < 500) {
      return reply.status(status).send(errorBody('BAD_REQUEST', error.message))
    }
    deps.logger.error('request failed', {
      method: request.method,
      route: request.routeOptions.url,
      error: error.message,
    })
    return reply
      .status(500)
      .send(errorBody('INTERNAL', 'Head office could not complete the request.'))
  })
  app.setNotFoundHandler((_request, reply) => {
    void reply.status(404).send(errorBody('NOT_FOUND', 'No such endpoint.'))
  })

  app.get('/health', async () => ({ ok: true, data: { status: 'up' } }))
  registerSyncRoutes(app, { ds: deps.ds, clock: deps.clock, authDeferringNonce })
  registerPlanRoutes(app, { ds: deps.ds, clock: deps.clock, auth })
  registerAdminRoutes(app, {
    ds: deps.ds,
    box: deps.box,
    kiosks,
    clock: deps.clock,
    adminToken: deps.adminToken,
    reminderDaysBefore: deps.reminderDaysBefore ?? 7,
  })
  return app
}
