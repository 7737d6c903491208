import type { FastifyInstance } from 'fastify'
import type { KioskAuth } from '../http/kiosk-auth'
import type { Counter } from 'prom-client'
import type { DataSource } from 'typeorm'
import { PULL_MAX_CHANGES, PullQuerySchema, PushRequestSchema } from '../../shared/sync/protocol'
import { pullFlags } from '../db/repos/fleet'
import { withDb } from '../db/sql'
import { ingestPush } from '../ingest/push-ingest'
import type { KioskRef } from '../ingest/outcome'
import { HeadOfficeError } from '../errors'
import { answeringWith } from '../http/errors'
import { validate } from '../http/validate'
import { pullChanges } from '../services/change-feed'
import { keysForKiosk } from '../services/kiosk-keys'
import type { SecretBox } from '../services/secret-box'

/** POST /sync/push and GET /sync/pull: the kiosk's outbox in, the change feed out. */
export function registerSyncRoutes(
  app: FastifyInstance,
  deps: {
    ds: DataSource
    box: SecretBox
    clock: () => number
    /**
     * Kiosk authentication that leaves the nonce to the route: push records it in its
     * transaction, pull in the statement that reads the feed.
     */
    authDeferringNonce: KioskAuth
    /** /metrics: each pushed event's answer. */
    pushOutcomes?: Counter<'outcome'>
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
    for (const r of data.results) deps.pushOutcomes?.inc({ outcome: r.status })
    return { ok: true, data }
  })

  app.get('/sync/pull', { ...deps.authDeferringNonce }, async (request) => {
    const query = validate(PullQuerySchema, request.query)
    const kiosk = request.kiosk as KioskRef
    if (!request.kioskNonce) throw new Error('pull route: the nonce was not left for the route')
    const nonce = { kioskId: kiosk.id, nonce: request.kioskNonce, at: deps.clock() }
    const data = await withDb(deps.ds, async (db) => {
      const limit = Math.min(query.limit, PULL_MAX_CHANGES)
      const page = await pullChanges(db, kiosk.storeCode, query.since, limit, nonce)
      if (!page) return null
      // Head office asks for the kiosk's logs in the pull's answer (docs/fleet.md#logs), and
      // hands it the keys newer than the ones it holds, sealed under its secret.
      const flags = await pullFlags(db, kiosk.id)
      const secret = request.kioskClaim?.kiosk.secret
      const keys =
        query.keys !== undefined && flags.keysVersion > query.keys && secret
          ? await keysForKiosk(db, deps.box, { id: kiosk.id, secret }, query.keys)
          : undefined
      return { ...page, logsRequested: flags.logsRequested, ...(keys ? { keys } : {}) }
    })
    if (!data) throw new HeadOfficeError('NONCE_REPLAYED', 'Nonce already used.')
    return { ok: true, data }
  })
}
