import type { FastifyInstance } from 'fastify'
import type { DataSource } from 'typeorm'
import { ImeiCheckRequestSchema, OtpVerifyRequestSchema } from '../../shared/sync/protocol'
import type { KioskAuth } from '../http/kiosk-auth'
import { validate } from '../http/validate'
import type { KioskRef } from '../ingest/outcome'
import type { HeadOfficeLogger } from '../logger'
import type { SmsSender } from '../notifications/senders'
import { checkImeis } from '../services/imei-check'
import type { ImeiRegister } from '../services/imei-register'
import { sendOtp, verifyOtp } from '../services/otp'
import { planNumberParam } from './plan-routes'

/** What the counter's fraud checks need (issue 17); every part may be absent. */
export interface FraudDeps {
  /** The lost/stolen register; null: not configured (answers say so). */
  register: ImeiRegister | null
  /** Sends one-time codes; null: none can be sent (the kiosk checks the ID instead). */
  sms: SmsSender | null
  /** Keys the hashes of one-time codes (services/otp.ts deriveOtpKey). */
  otpKey: Buffer
}

/**
 * The checks a kiosk makes at the counter before money moves: the IMEI (live plan anywhere,
 * lost/stolen register) and the redemption's one-time code. Signed by the kiosk and within its
 * request budget like every kiosk route.
 */
export function registerFraudRoutes(
  app: FastifyInstance,
  deps: FraudDeps & {
    ds: DataSource
    clock: () => number
    auth: KioskAuth
    logger: HeadOfficeLogger
  },
): void {
  const otp = {
    ds: deps.ds,
    sms: deps.sms,
    otpKey: deps.otpKey,
    clock: deps.clock,
    logger: deps.logger,
  }

  app.post('/imeis/check', { ...deps.auth }, async (request) => {
    const body = validate(ImeiCheckRequestSchema, request.body)
    const kiosk = request.kiosk as KioskRef
    return { ok: true, data: await checkImeis(deps, kiosk, body) }
  })

  app.post('/plans/:planNumber/otp', { ...deps.auth }, async (request) => {
    const planNumber = planNumberParam(request.params)
    return { ok: true, data: await sendOtp(otp, request.kiosk as KioskRef, planNumber) }
  })

  app.post('/plans/:planNumber/otp/verify', { ...deps.auth }, async (request) => {
    const planNumber = planNumberParam(request.params)
    const body = validate(OtpVerifyRequestSchema, request.body)
    return { ok: true, data: await verifyOtp(otp, planNumber, body) }
  })
}
