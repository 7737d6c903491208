import type { FastifyInstance } from 'fastify'
import type { DataSource } from 'typeorm'
import { z } from 'zod'
import {
  HeartbeatSchema,
  LOG_UPLOAD_MAX_BYTES,
  LogUploadSchema,
  ProvisionRequestSchema,
  normaliseProvisioningCode,
} from '../../shared/sync/fleet'
import { kioskId } from '../../shared/sync/signing'
import { HeadOfficeError } from '../errors'
import { adminAuthHook } from '../http/admin-auth'
import { answeringWith } from '../http/errors'
import type { KioskAuth } from '../http/kiosk-auth'
import type { RateBudget } from '../http/rate-limit'
import { validate } from '../http/validate'
import type { KioskRef } from '../ingest/outcome'
import {
  fleetHealth,
  kioskLogText,
  kioskLogs,
  recordHeartbeat,
  requestKioskLogs,
  storeKioskLogs,
  type FleetThresholds,
} from '../services/fleet-health'
import {
  issueProvisioningCode,
  redeemProvisioningCode,
  retireKiosk,
} from '../services/provisioning'
import { rotateOrgKey } from '../services/kiosk-keys'
import type { SecretBox } from '../services/secret-box'

const storeCode = z.string().regex(/^[A-Z0-9]{2,8}$/)
const kioskCode = z.string().regex(/^[A-Za-z0-9-]{1,8}$/)
const kioskParams = z.object({ storeCode, kioskCode })

/** Per address: a code is 80 random bits, so this budget only keeps a flood off the database. */
export const DEFAULT_PROVISION_BUDGET: RateBudget = { max: 10, windowMs: 10 * 60_000 }

export interface FleetDeps {
  ds: DataSource
  box: SecretBox
  clock: () => number
  adminToken: string
  auth: KioskAuth
  thresholds: FleetThresholds
  provisionRateLimit: RateBudget
}

/** The kiosk's side of the fleet: redeeming a code (unsigned), heartbeats and logs (signed). */
function registerKioskFleetRoutes(app: FastifyInstance, deps: FleetDeps): void {
  const { ds, clock } = deps
  // In a plugin of its own so the rate-limit decorator exists when the route is declared.
  void app.register(async (scope) => {
    // Its own counter: @fastify/rate-limit's route hook runs once per request, and the address
    // budget has already spent that turn.
    const check = scope.createRateLimit({
      max: deps.provisionRateLimit.max,
      timeWindow: deps.provisionRateLimit.windowMs,
      keyGenerator: (request) => `provision:${request.ip}`,
    })
    scope.post(
      '/provision',
      {
        // Unauthenticated: a code is a few dozen bytes, so nothing bigger is read.
        bodyLimit: 1024,
        onRequest: async (request, reply) => {
          const r = await check(request)
          if (r.isAllowed || !r.isExceeded) return
          void reply.header('retry-after', String(Math.max(1, r.ttlInSeconds)))
          throw new HeadOfficeError('RATE_LIMITED', 'Too many provisioning attempts: wait.')
        },
      },
      async (request) => {
        // The code is never logged: it is a credential until spent.
        const raw = validate(z.object({ code: z.string().max(40) }), request.body)
        const body = validate(ProvisionRequestSchema, { code: normaliseProvisioningCode(raw.code) })
        // Whatever is wrong with a code, the answer is not an authentication failure.
        const data = await answeringWith(
          {
            PROVISIONING_CODE_INVALID: 404,
            PROVISIONING_CODE_USED: 409,
            PROVISIONING_CODE_EXPIRED: 410,
          },
          () => redeemProvisioningCode(ds, deps.box, body.code, clock()),
        )
        return { ok: true, data }
      },
    )
  })

  app.post('/sync/heartbeat', { ...deps.auth }, async (request) => {
    const body = validate(HeartbeatSchema, request.body)
    const kiosk = request.kiosk as KioskRef
    return { ok: true, data: await recordHeartbeat(ds, kiosk.id, body, clock()) }
  })

  app.post(
    '/sync/logs',
    { ...deps.auth, bodyLimit: LOG_UPLOAD_MAX_BYTES * 2 + 4096 },
    async (request) => {
      const body = validate(LogUploadSchema, request.body)
      const kiosk = request.kiosk as KioskRef
      return { ok: true, data: await storeKioskLogs(ds, kiosk.id, body, clock()) }
    },
  )
}

/** The desk's side: codes, retirement, the fleet's health, the kiosks' logs (admin token). */
function registerAdminFleetRoutes(app: FastifyInstance, deps: FleetDeps): void {
  const { ds, clock } = deps
  void app.register(
    async (admin) => {
      admin.addHook('onRequest', adminAuthHook(deps.adminToken))

      admin.post('/provisioning-codes', async (request) => {
        const body = validate(
          z.object({ storeCode, kioskCode, ttlHours: z.number().min(0.1).max(168).optional() }),
          request.body,
        )
        return { ok: true, data: await issueProvisioningCode(ds, body, clock()) }
      })

      admin.post('/kiosks/:storeCode/:kioskCode/retire', async (request) => {
        const p = validate(kioskParams, request.params)
        const id = kioskId(p.storeCode, p.kioskCode)
        await answeringWith({ KIOSK_UNKNOWN: 404 }, () => retireKiosk(ds, id, clock()))
        return { ok: true, data: { kioskId: id, status: 'retired' } }
      })

      admin.get('/fleet', async (request) => {
        const q = validate(
          z.object({
            notSeenHours: z.coerce.number().positive().optional(),
            backlogHours: z.coerce.number().positive().optional(),
            clockSkewSeconds: z.coerce.number().positive().optional(),
          }),
          request.query,
        )
        const t: FleetThresholds = {
          notSeenHours: q.notSeenHours ?? deps.thresholds.notSeenHours,
          backlogHours: q.backlogHours ?? deps.thresholds.backlogHours,
          clockSkewMs: q.clockSkewSeconds ? q.clockSkewSeconds * 1000 : deps.thresholds.clockSkewMs,
        }
        return { ok: true, data: { thresholds: t, kiosks: await fleetHealth(ds, clock(), t) } }
      })

      admin.post('/keys/:name/rotate', async (request) => {
        const p = validate(z.object({ name: z.string().max(40) }), request.params)
        return { ok: true, data: await rotateOrgKey(ds, deps.box, p.name, clock()) }
      })

      admin.post('/kiosks/:storeCode/:kioskCode/logs/request', async (request) => {
        const p = validate(kioskParams, request.params)
        const id = kioskId(p.storeCode, p.kioskCode)
        await answeringWith({ KIOSK_UNKNOWN: 404 }, () => requestKioskLogs(ds, id, clock()))
        return { ok: true, data: { kioskId: id, logsRequested: true } }
      })

      admin.get('/kiosks/:storeCode/:kioskCode/logs', async (request) => {
        const p = validate(kioskParams, request.params)
        return { ok: true, data: await kioskLogs(ds, kioskId(p.storeCode, p.kioskCode)) }
      })

      admin.get('/kiosks/:storeCode/:kioskCode/logs/:logId', async (request, reply) => {
        const p = validate(kioskParams.extend({ logId: z.uuid() }), request.params)
        void reply.header('content-type', 'text/plain; charset=utf-8')
        return kioskLogText(ds, kioskId(p.storeCode, p.kioskCode), p.logId)
      })
    },
    { prefix: '/admin' },
  )
}

/** Every fleet endpoint (docs/fleet.md). */
export function registerFleetRoutes(app: FastifyInstance, deps: FleetDeps): void {
  registerKioskFleetRoutes(app, deps)
  registerAdminFleetRoutes(app, deps)
}
