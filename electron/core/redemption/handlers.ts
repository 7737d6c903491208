import { requireActor } from '../context'
import type { HandlersOf } from '../dispatch'
import type { HandlerParts } from '../handlers'
import { withPlanFromHeadOffice } from '../plans/lookup'
import { checkPlanRedemption, completeRedemption } from './redemption-service'

/** `redemption.*`: the pre-check and the upgrade sale. */
export function redemptionHandlers(p: HandlerParts): HandlersOf<'redemption'> {
  const { deps } = p
  return {
    'redemption.check': (req) =>
      withPlanFromHeadOffice(deps, p.sync.online(), req.planNumber, (sql) =>
        checkPlanRedemption(deps, sql, req),
      ),
    'redemption.complete': (req, ctx) =>
      completeRedemption(deps, requireActor(ctx.staff), req, p.sync.online()),
  }
}
