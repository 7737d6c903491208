import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto'
import type { DataSource } from 'typeorm'
import { planKey } from '../../shared/domain/plan-number'
import type { OtpSendData, OtpVerifyRequest } from '../../shared/sync/protocol'
import {
  deleteOtpsBefore,
  insertOtp,
  lockPlanOtps,
  markOtpVerified,
  otpById,
  otpsSentSince,
  spendOtpAttempt,
} from '../db/repos/otps'
import { findPlanByKey } from '../db/repos/plans'
import { inTransaction, withDb } from '../db/sql'
import { HeadOfficeError } from '../errors'
import type { KioskRef } from '../ingest/outcome'
import type { HeadOfficeLogger } from '../logger'
import type { SmsSender } from '../notifications/senders'
import { renderSms, SMS_TEMPLATES } from '../notifications/templates'

/** How long a code is good for. */
export const OTP_TTL_MS = 10 * 60_000
/** Wrong codes allowed per code: a million codes, five guesses. */
export const OTP_MAX_ATTEMPTS = 5
/** Codes per plan per {@link OTP_TTL_MS}: a customer may ask again, not flood the phone. */
export const OTP_SENDS_PER_WINDOW = 3

export interface OtpDeps {
  ds: DataSource
  /** The SMS gateway; null: no code can be sent (the kiosk checks the ID instead). */
  sms: SmsSender | null
  /** Keys the code's hash, so a database dump alone cannot try the million codes. */
  otpKey: Buffer
  clock: () => number
  logger: HeadOfficeLogger
}

/** The key of code hashes, derived from head office's master key. */
export function deriveOtpKey(masterKey: Buffer): Buffer {
  return createHmac('sha256', masterKey).update('smart-upgrade/otp-code/v1').digest()
}

const codeHash = (key: Buffer, otpId: string, code: string) =>
  createHmac('sha256', key).update(`${otpId}:${code}`).digest('hex')

/**
 * Texts the plan's mobile a six-digit code for its redemption
 * (docs/security.md#one-time-codes-at-redemption). The code is sent at once through the DLT template, never queued, and only its
 * keyed hash is stored; no log line carries it.
 */
export async function sendOtp(
  deps: OtpDeps,
  kiosk: KioskRef,
  planNumber: string,
): Promise<OtpSendData> {
  const now = deps.clock()
  const plan = await withDb(deps.ds, (db) => findPlanByKey(db, planKey(planNumber)))
  if (!plan) throw new HeadOfficeError('PLAN_NOT_FOUND', `Plan ${planNumber} is not registered.`)
  if (plan.status !== 'active') {
    throw new HeadOfficeError('PLAN_NOT_ACTIVE', `Plan ${plan.planNumber} is ${plan.status}.`)
  }
  if (!deps.sms) throw new HeadOfficeError('OTP_UNAVAILABLE', 'No SMS gateway is configured.')
  const otpId = randomUUID()
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
  const expiresAt = now + OTP_TTL_MS
  // Count and insert as one step: concurrent requests cannot overrun the plan's budget.
  const reserved = await inTransaction(deps.ds, async (db) => {
    await lockPlanOtps(db, plan.planNumber)
    if ((await otpsSentSince(db, plan.planNumber, now - OTP_TTL_MS)) >= OTP_SENDS_PER_WINDOW) {
      return false
    }
    await insertOtp(db, {
      otpId,
      planNumber: plan.planNumber,
      kioskId: kiosk.id,
      codeHash: codeHash(deps.otpKey, otpId, code),
      createdAt: now,
      expiresAt,
    })
    return true
  })
  if (!reserved) {
    throw new HeadOfficeError('RATE_LIMITED', 'Too many codes for this plan: wait a few minutes.')
  }
  const template = SMS_TEMPLATES['redemption-otp']
  const variables = [code, plan.planNumber]
  try {
    await deps.sms.send({
      notificationId: otpId,
      to: plan.mobile,
      templateId: template.name,
      variables,
      text: renderSms(template, variables),
    })
  } catch {
    // The gateway's error may quote the message back: logged without it.
    deps.logger.warn('OTP SMS not sent', { planNumber: plan.planNumber, otpId })
    throw new HeadOfficeError('OTP_UNAVAILABLE', 'The code could not be sent by SMS.')
  }
  return { otpId, expiresAt, mobileLast4: plan.mobile.slice(-4) }
}

/**
 * Checks the code the customer read out: one attempt spent atomically per try, at most
 * {@link OTP_MAX_ATTEMPTS}, within {@link OTP_TTL_MS}. A verified code is what lets head office
 * accept a redemption that says `otp` (ingest/apply-redeemed.ts).
 */
export async function verifyOtp(
  deps: OtpDeps,
  planNumber: string,
  req: OtpVerifyRequest,
): Promise<{ verified: true }> {
  const now = deps.clock()
  const plan = await withDb(deps.ds, (db) => findPlanByKey(db, planKey(planNumber)))
  if (!plan) throw new HeadOfficeError('PLAN_NOT_FOUND', `Plan ${planNumber} is not registered.`)
  const expected = (row: { codeHash: string }) =>
    timingSafeEqual(
      Buffer.from(row.codeHash, 'hex'),
      Buffer.from(codeHash(deps.otpKey, req.otpId, req.code), 'hex'),
    )
  const before = await withDb(deps.ds, (db) => otpById(db, req.otpId))
  if (!before || before.planNumber !== plan.planNumber) {
    throw new HeadOfficeError('OTP_INVALID', 'No such code was sent for this plan.')
  }
  // A retry after a lost answer: the same right code is still right.
  if (before.verifiedAt !== null && expected(before)) return { verified: true }
  if (before.expiresAt <= now) throw new HeadOfficeError('OTP_EXPIRED', 'The code has expired.')
  const row = await withDb(deps.ds, (db) =>
    spendOtpAttempt(db, req.otpId, plan.planNumber, OTP_MAX_ATTEMPTS),
  )
  if (!row) {
    throw new HeadOfficeError('OTP_ATTEMPTS_EXCEEDED', 'Too many wrong codes: send a new one.')
  }
  if (!expected(row)) {
    const left = OTP_MAX_ATTEMPTS - row.attempts
    throw new HeadOfficeError('OTP_INVALID', `The code is wrong (${left} attempts left).`)
  }
  await withDb(deps.ds, (db) => markOtpVerified(db, req.otpId, now))
  return { verified: true }
}

/**
 * The hashes go once they are of no use: an unverified code after a day, a verified one after
 * 30 days (its redemption reaches head office long before; a kiosk offline longer redeems with
 * an ID check anyway). Run by the server's background tick.
 */
export function purgeOtps(ds: DataSource, now: number): Promise<number> {
  const day = 24 * 3_600_000
  return withDb(ds, (db) => deleteOtpsBefore(db, now - day, now - 30 * day))
}
