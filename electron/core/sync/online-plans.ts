import type { CoreDeps } from '../context'
import type { Logger } from '../logger'
import { importPlan } from './plan-import'
import { KioskError, type ErrorCode } from '../../../shared/errors'
import type { ImeiCheckData, ImeiCheckRequest, OtpSendData } from '../../../shared/sync/protocol'
import { SyncHttpError, type SyncHttp } from './sync-http'

/**
 * How long a kiosk at the counter waits for head office before it answers from what it holds:
 * a customer is standing there, so a slow network must never hang a sale.
 */
export const ONLINE_TIMEOUT_MS = 3_000

/** How long head office holds a plan for this kiosk while the upgrade sale is written. */
export const RESERVATION_TTL_SECONDS = 300

/** Head office's answers that mean "this plan cannot be redeemed here, whatever we hold". */
const ELSEWHERE_CODES = new Set([
  'REDEEMED_ELSEWHERE',
  'PLAN_REDEEMED',
  'PLAN_CANCELLED',
  'PLAN_RESERVED',
])

/** What head office said to "hold this plan for me". */
export type ReserveOutcome =
  /** Held for this kiosk: head office confirmed nobody else redeemed it. */
  | { kind: 'reserved'; reservationId: string; expiresAt: string }
  /** Already redeemed, cancelled or being redeemed elsewhere: nothing may be written. */
  | { kind: 'elsewhere'; code: string; message: string }
  /** No usable answer (unreachable, 5xx, unknown there yet, refused us): the offline rules apply. */
  | { kind: 'unconfirmed'; reason: string }

/** The online half of docs/program-rules.md#plans-of-other-stores: "online, B asks head office". */
export interface OnlinePlans {
  /** Fetches a plan this kiosk does not hold and stores it as `origin = 'synced'`. */
  fetch(planNumber: string, onDate: string): Promise<'imported' | 'not-found' | 'unavailable'>
  reserve(planNumber: string, onDate: string): Promise<ReserveOutcome>
  /** Best effort: a hold not given back expires by itself. */
  release(planNumber: string, reservationId: string): Promise<void>
  /** Live plans anywhere and the lost/stolen register; null when head office gave no answer. */
  checkImeis(imeis: string[], purpose: ImeiCheckRequest['purpose']): Promise<ImeiCheckData | null>
  /** Head office texts a one-time code; refusals keep head office's code (OTP_UNAVAILABLE offline). */
  sendOtp(planNumber: string): Promise<OtpSendData>
  /** Head office checks a code; refusals keep its code (OTP_INVALID, OTP_EXPIRED, …). */
  verifyOtp(planNumber: string, otpId: string, code: string): Promise<void>
}

/** Head office's refusal of a one-time code as the kiosk's error; no answer is OTP_UNAVAILABLE. */
function otpError(error: unknown): KioskError {
  if (error instanceof SyncHttpError && error.kind === 'refused') {
    return new KioskError(error.code as ErrorCode, error.message)
  }
  return new KioskError(
    'OTP_UNAVAILABLE',
    'Head office cannot send or check a code now: check the customer’s ID instead.',
  )
}

const explain = (error: unknown) =>
  error instanceof SyncHttpError
    ? `${error.code}: ${error.message}`
    : `unexpected: ${(error as Error).message}`

export function createOnlinePlans(
  deps: CoreDeps,
  http: Pick<SyncHttp, 'lookup' | 'reserve' | 'release' | 'checkImeis' | 'sendOtp' | 'verifyOtp'>,
  logger: Logger,
): OnlinePlans {
  return {
    async fetch(planNumber, onDate) {
      let outcome: string
      try {
        outcome = await importPlan(deps, await http.lookup(planNumber, onDate))
      } catch (error) {
        const refused = error instanceof SyncHttpError && error.kind === 'refused'
        logger.info('online plan lookup gave no plan', { planNumber, reason: explain(error) })
        return refused ? 'not-found' : 'unavailable'
      }
      if (outcome === 'imported') return 'imported'
      logger.warn('plan from head office not stored', { planNumber, reason: outcome })
      return 'not-found'
    },
    async reserve(planNumber, onDate) {
      try {
        const held = await http.reserve(planNumber, {
          onDate,
          ttlSeconds: RESERVATION_TTL_SECONDS,
        })
        return { kind: 'reserved', reservationId: held.reservationId, expiresAt: held.expiresAt }
      } catch (error) {
        if (
          error instanceof SyncHttpError &&
          error.kind === 'refused' &&
          ELSEWHERE_CODES.has(error.code)
        ) {
          return { kind: 'elsewhere', code: error.code, message: error.message }
        }
        const reason = explain(error)
        logger.warn('plan reservation not confirmed; offline rules apply', { planNumber, reason })
        return { kind: 'unconfirmed', reason }
      }
    },
    async release(planNumber, reservationId) {
      try {
        await http.release(planNumber, reservationId)
      } catch (error) {
        logger.warn('plan reservation not released', { planNumber, reason: explain(error) })
      }
    },
    async checkImeis(imeis, purpose) {
      try {
        return await http.checkImeis({ imeis, purpose })
      } catch (error) {
        logger.warn('online IMEI check gave no answer', { purpose, reason: explain(error) })
        return null
      }
    },
    async sendOtp(planNumber) {
      try {
        return await http.sendOtp(planNumber)
      } catch (error) {
        logger.info('one-time code not sent', { planNumber, reason: explain(error) })
        throw otpError(error)
      }
    },
    async verifyOtp(planNumber, otpId, code) {
      try {
        await http.verifyOtp(planNumber, otpId, code)
      } catch (error) {
        // Never the code itself in a log line.
        logger.info('one-time code not verified', { planNumber, reason: explain(error) })
        throw otpError(error)
      }
    },
  }
}
