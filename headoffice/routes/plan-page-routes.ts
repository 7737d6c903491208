import type { FastifyInstance } from 'fastify'
import type { DataSource } from 'typeorm'
import { z } from 'zod'
import { planKey } from '../../shared/domain/plan-number'
import { adminAuthHook } from '../http/admin-auth'
import type { RateBudget } from '../http/rate-limit'
import { validate } from '../http/validate'
import { HeadOfficeError } from '../errors'
import { pageLang, PLAN_PAGE_CSP, renderPlanPage } from '../plan-page/render'
import { createKioskDirectory } from '../services/kiosk-registry'
import { planPage, revokePlanPage } from '../services/plan-page'
import type { SecretBox } from '../services/secret-box'
import { planNumberParam } from './plan-routes'

/** Per address: a person looks at a plan a few times; a scan of guessed tokens is slowed down. */
export const DEFAULT_PLAN_PAGE_BUDGET: RateBudget = { max: 30, windowMs: 60_000 }

export interface PlanPageDeps {
  ds: DataSource
  box: SecretBox
  clock: () => number
  adminToken: string
  planPageRateLimit: RateBudget
}

/**
 * The customer's own view (docs/program-rules.md#the-customers-own-view): `GET /p/:token`, public,
 * rate-limited per address, and the admin's revocation of one plan's page.
 */
export function registerPlanPageRoutes(app: FastifyInstance, deps: PlanPageDeps): void {
  const kiosks = createKioskDirectory(deps.ds, deps.box)
  void app.register(async (scope) => {
    // Its own counter, on top of the general per-address budget (as POST /provision).
    const check = scope.createRateLimit({
      max: deps.planPageRateLimit.max,
      timeWindow: deps.planPageRateLimit.windowMs,
      keyGenerator: (request) => `plan-page:${request.ip}`,
    })
    scope.get(
      '/p/:token',
      {
        onRequest: async (request, reply) => {
          const r = await check(request)
          if (r.isAllowed || !r.isExceeded) return
          void reply.header('retry-after', String(Math.max(1, r.ttlInSeconds)))
          throw new HeadOfficeError('RATE_LIMITED', 'Too many requests: try again later.')
        },
      },
      async (request, reply) => {
        const { token } = request.params as { token: string }
        const lang = pageLang(request.query, request.headers['accept-language'])
        const page = await planPage(deps.ds, kiosks, token, deps.clock())
        void reply
          .code(page.kind === 'invalid' ? 404 : 200)
          .header('content-type', 'text/html; charset=utf-8')
          .header('content-security-policy', PLAN_PAGE_CSP)
          .header('cache-control', 'no-store')
          .header('x-robots-tag', 'noindex')
          .header('vary', 'accept-language')
        return renderPlanPage(page, lang)
      },
    )
  })

  void app.register(async (admin) => {
    admin.addHook('onRequest', adminAuthHook(deps.adminToken))
    admin.post('/admin/plans/:planNumber/public-page/revoke', async (request) => {
      const planNumber = planNumberParam(request.params)
      validate(z.object({}).passthrough(), request.body ?? {})
      return {
        ok: true,
        data: await revokePlanPage(deps.ds, planKey(planNumber), deps.clock()),
      }
    })
  })
}
