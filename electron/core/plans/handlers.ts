import { requireActor } from '../context'
import type { HandlersOf } from '../dispatch'
import type { HandlerParts } from '../handlers'
import { cancelPlan } from './cancel'
import { getPlan, lookupPlansOnline, withPlanFromHeadOffice } from './lookup'
import { quoteVariant } from './quote'

/** `plans.*`: quote, lookup, one plan's history, cancellation. */
export function planHandlers(p: HandlerParts): HandlersOf<'plans'> {
  const { deps } = p
  return {
    'plans.quote': (req) =>
      quoteVariant(
        p.catalogs.inForce(deps.businessDate()),
        req,
        deps.businessDate(),
        deps.config.storeCode,
      ),
    // A plan number not held here is asked of head office when online
    // (docs/program-rules.md#plans-of-other-stores).
    'plans.lookup': (req) => lookupPlansOnline(deps, p.sync.online(), req),
    'plans.get': (req) =>
      withPlanFromHeadOffice(deps, p.sync.online(), req.planNumber, (sql) =>
        getPlan(deps, sql, req.planNumber),
      ),
    'plans.cancel': (req, ctx) => cancelPlan(deps, requireActor(ctx.staff), req),
  }
}
