import type { FastifyInstance } from 'fastify'
import type { DataSource } from 'typeorm'
import { z } from 'zod'
import { PRIVACY_REQUEST_KINDS, PRIVACY_REQUEST_STATUSES } from '../../shared/domain'
import { validateEmail, validateMobile, validatePersonName } from '../../shared/domain/validators'
import { adminAuthHook } from '../http/admin-auth'
import { validate } from '../http/validate'
import { runHeadOfficeRetention } from '../retention/retention'
import {
  accessSummary,
  decidePrivacyRequest,
  listPrivacyRequests,
  raisePrivacyRequest,
} from '../services/privacy'

const fromValidator = (v: (input: unknown) => { ok: boolean; message?: string }) =>
  z.string().superRefine((value, ctx) => {
    const r = v(value)
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message ?? 'invalid' })
  })

/**
 * The grievance desk's API for data principals' requests (issue 18; a console comes later): raise
 * one from a letter or e-mail, list them by due date, see what is held (access), and complete or
 * refuse one — an erasure completed here reaches the kiosks on their next pull.
 */
export function registerPrivacyRoutes(
  app: FastifyInstance,
  deps: { ds: DataSource; clock: () => number; adminToken: string },
): void {
  const { ds, clock } = deps
  void app.register(
    async (admin) => {
      admin.addHook('onRequest', adminAuthHook(deps.adminToken))

      admin.post('/privacy/requests', async (request) => {
        const body = validate(
          z.object({
            kind: z.enum(PRIVACY_REQUEST_KINDS),
            planNumber: z.string().min(8).max(40),
            correction: z
              .object({
                name: fromValidator(validatePersonName).optional(),
                mobile: fromValidator(validateMobile).optional(),
                email: fromValidator(validateEmail).nullable().optional(),
              })
              .optional(),
          }),
          request.body,
        )
        return { ok: true, data: await raisePrivacyRequest(ds, body, clock()) }
      })

      admin.get('/privacy/requests', async (request) => {
        const q = validate(
          z.object({ status: z.enum(PRIVACY_REQUEST_STATUSES).optional() }),
          request.query,
        )
        return { ok: true, data: await listPrivacyRequests(ds, q.status, clock()) }
      })

      admin.get('/privacy/requests/:id/summary', async (request) => {
        const p = validate(z.object({ id: z.uuid() }), request.params)
        return { ok: true, data: await accessSummary(ds, p.id) }
      })

      admin.post('/privacy/requests/:id/decide', async (request) => {
        const p = validate(z.object({ id: z.uuid() }), request.params)
        const body = validate(
          z.object({ action: z.enum(['complete', 'refuse']), note: z.string().min(1).max(500) }),
          request.body,
        )
        return { ok: true, data: await decidePrivacyRequest(ds, p.id, body, clock()) }
      })

      admin.post('/retention/run', async () => ({
        ok: true,
        data: await runHeadOfficeRetention(ds, clock()),
      }))
    },
    { prefix: '/admin' },
  )
}
