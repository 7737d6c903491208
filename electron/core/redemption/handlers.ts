import { requireActor } from '../context'
import type { HandlersOf } from '../dispatch'
import type { HandlerParts } from '../handlers'
import { withPlanFromHeadOffice } from '../plans/lookup'
import { checkPlanRedemption, completeRedemption, screenCheckedPlan } from './redemption-service'
import type { VerifiedOtps } from './handover'
import { KioskError } from '../../../shared/errors'
import { planKey } from '../../../shared/domain/plan-number'
import { findPlanByKey } from '../storage/repos/plans'

/** `redemption.*`: the pre-check and the upgrade sale. */
export function redemptionHandlers(p: HandlerParts): HandlersOf<'redemption'> {
  const { deps } = p
  // Codes head office verified through this kiosk: a redemption saying `otp` must name one.
  const otps: VerifiedOtps = new Map()
  const online = () => {
    const o = p.sync.online()
    if (!o) {
      throw new KioskError(
        'OTP_UNAVAILABLE',
        'Head office is not reachable from this kiosk: check the customer’s ID instead.',
      )
    }
    return o
  }
  return {
    'redemption.check': async (req, ctx) => {
      const checked = await withPlanFromHeadOffice(deps, p.sync.online(), req.planNumber, (sql) =>
        checkPlanRedemption(deps, sql, req),
      )
      return screenCheckedPlan(deps, ctx.staff, checked, p.sync.online())
    },
    'redemption.complete': (req, ctx) =>
      completeRedemption(deps, requireActor(ctx.staff), req, p.sync.online(), otps),
    'redemption.otpSend': async (req) => {
      const sent = await online().sendOtp(req.planNumber)
      return {
        otpId: sent.otpId,
        expiresAt: new Date(sent.expiresAt).toISOString(),
        mobileLast4: sent.mobileLast4,
      }
    },
    'redemption.otpVerify': async (req) => {
      await online().verifyOtp(req.planNumber, req.otpId, req.code)
      // Keyed by head office's plan number as the kiosk holds it.
      const plan = await deps.store.read((sql) => findPlanByKey(sql, planKey(req.planNumber)))
      otps.set(req.otpId, plan?.planNumber ?? req.planNumber)
      return { verified: true as const }
    },
    // A trade-in voucher instead of a plan (issue 22): the same credit rule.
    'redemption.voucherCheck': (req) => p.tradeIn.voucherCheck(req),
    'redemption.voucherComplete': (req, ctx) =>
      p.tradeIn.voucherComplete(requireActor(ctx.staff), req),
  }
}
