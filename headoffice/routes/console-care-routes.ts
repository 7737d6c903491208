import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import {
  PRIVACY_REQUEST_KINDS,
  PRIVACY_REQUEST_STATUSES,
  todayInKolkata,
} from '../../shared/domain'
import { validateEmail, validateMobile, validatePersonName } from '../../shared/domain/validators'
import { requireConsole } from '../http/console-auth'
import { validate } from '../http/validate'
import type { ConsolePermission } from '../services/console-access'
import {
  consoleRequests,
  decideRequest,
  INTAKE_CHANNELS,
  notificationsPage,
  requestSummary,
  resendPlanDetails,
  retryNotification,
  takeRequest,
} from '../services/console-care'
import { planStory } from '../services/console-plan-story'
import type { ConsoleUser } from '../services/console-users'
import type { ConsoleDeps } from './console-routes'

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const planNumber = z.string().trim().min(8).max(40)
const who = (user: ConsoleUser | undefined) => user as ConsoleUser
/** The first instant of a calendar day in India (the console's dates are India's). */
const startOfDay = (d: string) => Date.parse(`${d}T00:00:00+05:30`)

const fromValidator = (v: (input: unknown) => { ok: boolean; message?: string }) =>
  z.string().superRefine((value, ctx) => {
    const r = v(value)
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message ?? 'invalid' })
  })

/**
 * Customer care in the console (docs/console.md#plan-story): a plan's story and resending its
 * details, the notifications log and retrying a failed message, data-principal requests. Every
 * change is audited; every answer shows contact details masked.
 */
export function registerCareRoutes(scope: FastifyInstance, deps: ConsoleDeps): void {
  const { ds, clock, policy } = deps
  const dlt = deps.smsTemplateIds ?? {}
  const may = (p: ConsolePermission) => ({ onRequest: requireConsole(ds, policy, clock, p) })
  const changing = (p: ConsolePermission) => ({
    onRequest: [scope.csrfProtection, requireConsole(ds, policy, clock, p)],
  })

  scope.get('/plans/:planNumber', may('plans.read'), async (request) => {
    const p = validate(z.object({ planNumber }), request.params)
    const viewer = { role: who(request.consoleUser).role, today: todayInKolkata(clock), dlt }
    return { ok: true, data: await planStory(ds, p.planNumber, viewer) }
  })
  scope.post('/plans/:planNumber/resend', changing('plans.resend'), async (request) => {
    const p = validate(z.object({ planNumber }), request.params)
    const actor = who(request.consoleUser).email
    return { ok: true, data: await resendPlanDetails(ds, p.planNumber, actor, clock()) }
  })

  scope.get('/notifications', may('notifications.read'), async (request) => {
    const q = validate(
      z.object({
        status: z.enum(['pending', 'sending', 'sent', 'failed']).optional(),
        channel: z.enum(['sms', 'email']).optional(),
        plan: planNumber.optional(),
        from: day.optional(),
        to: day.optional(),
        page: z.coerce.number().int().min(1).max(100_000).default(1),
        pageSize: z.coerce.number().int().min(1).max(100).default(25),
      }),
      request.query,
    )
    const filter = {
      ...(q.status ? { status: q.status } : {}),
      ...(q.channel ? { channel: q.channel } : {}),
      ...(q.plan ? { planNumber: q.plan } : {}),
      ...(q.from ? { from: startOfDay(q.from) } : {}),
      // `to` is the last day shown: everything before the next day's start.
      ...(q.to ? { before: startOfDay(q.to) + 24 * 3600_000 } : {}),
    }
    return {
      ok: true,
      data: await notificationsPage(ds, { ...filter, page: q.page, pageSize: q.pageSize }, dlt),
    }
  })
  scope.post('/notifications/:id/retry', changing('notifications.retry'), async (request) => {
    const p = validate(z.object({ id: z.uuid() }), request.params)
    const actor = who(request.consoleUser).email
    return { ok: true, data: await retryNotification(ds, p.id, actor, clock(), dlt) }
  })

  scope.get('/privacy/requests', may('privacy.manage'), async (request) => {
    const q = validate(
      z.object({ status: z.enum(PRIVACY_REQUEST_STATUSES).optional() }),
      request.query,
    )
    return { ok: true, data: await consoleRequests(ds, q.status, clock()) }
  })
  scope.post('/privacy/requests', changing('privacy.manage'), async (request) => {
    const body = validate(
      z.object({
        kind: z.enum(PRIVACY_REQUEST_KINDS),
        planNumber,
        channel: z.enum(INTAKE_CHANNELS),
        idLast4: z.string().trim().min(1).max(4),
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
    const actor = who(request.consoleUser).email
    return { ok: true, data: await takeRequest(ds, body, actor, clock()) }
  })
  scope.get('/privacy/requests/:id/summary', may('privacy.manage'), async (request) => {
    const p = validate(z.object({ id: z.uuid() }), request.params)
    return { ok: true, data: await requestSummary(ds, p.id) }
  })
  scope.post('/privacy/requests/:id/decide', changing('privacy.manage'), async (request) => {
    const p = validate(z.object({ id: z.uuid() }), request.params)
    const body = validate(
      z.object({
        action: z.enum(['complete', 'refuse']),
        note: z.string().trim().min(1).max(500),
      }),
      request.body,
    )
    const actor = who(request.consoleUser).email
    return { ok: true, data: await decideRequest(ds, p.id, body, actor, clock()) }
  })
}
