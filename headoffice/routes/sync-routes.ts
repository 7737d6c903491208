import type { FastifyInstance } from 'fastify'
import type { KioskAuth } from '../http/kiosk-auth'
import type { DataSource } from 'typeorm'
import { PULL_MAX_CHANGES, PullQuerySchema, PushRequestSchema } from '../../shared/sync/protocol'
import { withDb } from '../db/sql'
import { ingestPush } from '../ingest/push-ingest'
import type { KioskRef } from '../ingest/outcome'
import { HeadOfficeError } from '../errors'
import { answeringWith } from '../http/errors'
import { validate } from '../http/validate'
import { pullChanges } from '../services/change-feed'

/** POST /sync/push and GET /sync/pull: the kiosk's outbox in, the change feed out. */
export function registerSyncRoutes(
  app: FastifyInstance,
  deps: {
    ds: DataSource
    clock: () => number
    /**
     * Kiosk authentication that leaves the nonce to the route: push records it in its
     * transaction, pull in the statement that reads the feed.
     */
    authDeferringNonce: KioskAuth
  },
): void {
  app.post('/sync/push', { ...deps.authDeferringNonce }, async (request) => {
    const body = validate(PushRequestSchema, request.body)
    if (!request.kioskNonce) throw new Error('push route: the nonce was not left for the route')
    const nonce = request.kioskNonce
    // A kiosk found revoked inside the push transaction (authentication passed on its cached
    // record) is answered 401, not the 403 authentication gives.
    const data = await answeringWith({ KIOSK_REVOKED: 401 }, () =>
      ingestPush(deps.ds, request.kiosk as KioskRef, body.events, deps.clock(), nonce),
    )
    return { ok: true, data }
  })

  app.get('/sync/pull', { ...deps.authDeferringNonce }, async (request) => {
    const query = validate(PullQuerySchema, request.query)
    const kiosk = request.kiosk as KioskRef
    if (!request.kioskNonce) throw new Error('pull route: the nonce was not left for the route')
    const nonce = { kioskId: kiosk.id, nonce: request.kioskNonce, at: deps.clock() }
    const data = await withDb(deps.ds, (db) =>
      pullChanges(db, kiosk.storeCode, query.since, Math.min(query.limit, PULL_MAX_CHANGES), nonce),
    )
    if (!data) throw new HeadOfficeError('NONCE_REPLAYED', 'Nonce already used.')
    return { ok: true, data }
  })
}
