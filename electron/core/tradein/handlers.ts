import { requireActor } from '../context'
import type { HandlersOf } from '../dispatch'
import type { HandlerParts } from '../handlers'
import type { TradeInService } from './tradein-service'

/** `tradein.*`: a trade-in from start to the voucher (docs/program-rules.md#trade-in). */
export function tradeInHandlers(p: HandlerParts, service: TradeInService): HandlersOf<'tradein'> {
  void p
  return {
    'tradein.start': (req, ctx) => service.start(requireActor(ctx.staff), req),
    'tradein.checklist': (req, ctx) => service.checklist(requireActor(ctx.staff), req),
    'tradein.quote': (req, ctx) => service.quote(requireActor(ctx.staff), req.tradeInId),
    'tradein.accept': (req, ctx) => service.accept(requireActor(ctx.staff), req),
    'tradein.decline': (req, ctx) => service.decline(requireActor(ctx.staff), req),
    'tradein.get': (req) => service.get(req.tradeInId),
  }
}
