import type { FastifyInstance } from 'fastify'
import type { KioskAuth } from '../http/kiosk-auth'
import type { DataSource } from 'typeorm'
import { z } from 'zod'
import { validatePlanNumber } from '../../shared/domain/plan-number'
import {
  PlanLookupQuerySchema,
  ReleaseRequestSchema,
  ReserveRequestSchema,
} from '../../shared/sync/protocol'
import type { KioskRef } from '../ingest/outcome'
import { HeadOfficeError } from '../errors'
import { validate } from '../http/validate'
import { lookupPlan, releaseReservation, reservePlan } from '../services/plan-registry'

const PlanParamsSchema = z.object({ planNumber: z.string().min(8).max(40) })

/**
 * The plan number of the path, as typed at a kiosk (`mh01k10000123x` is `MH01-K1-0000123-X`).
 * One that cannot be a plan number (or has a typo the check character catches) is not found,
 * as at the kiosk itself.
 */
export function planNumberParam(params: unknown): string {
  const { planNumber } = validate(PlanParamsSchema, params)
  const checked = validatePlanNumber(planNumber)
  if (!checked.ok) throw new HeadOfficeError(checked.code, checked.message)
  return planNumber
}

/** Online plan lookup and redemption reservation for kiosks that are online. */
export function registerPlanRoutes(
  app: FastifyInstance,
  deps: { ds: DataSource; clock: () => number; auth: KioskAuth },
): void {
  app.get('/plans/:planNumber', { ...deps.auth }, async (request) => {
    const planNumber = planNumberParam(request.params)
    const query = validate(PlanLookupQuerySchema, request.query)
    return { ok: true, data: await lookupPlan(deps.ds, planNumber, query.onDate, deps.clock()) }
  })

  app.post('/plans/:planNumber/reserve', { ...deps.auth }, async (request) => {
    const planNumber = planNumberParam(request.params)
    const body = validate(ReserveRequestSchema, request.body)
    const kiosk = request.kiosk as KioskRef
    return { ok: true, data: await reservePlan(deps.ds, kiosk, planNumber, body, deps.clock()) }
  })

  app.post('/plans/:planNumber/release', { ...deps.auth }, async (request) => {
    const planNumber = planNumberParam(request.params)
    const body = validate(ReleaseRequestSchema, request.body)
    const kiosk = request.kiosk as KioskRef
    await releaseReservation(deps.ds, kiosk, planNumber, body.reservationId, deps.clock())
    return { ok: true, data: { released: true } }
  })
}
