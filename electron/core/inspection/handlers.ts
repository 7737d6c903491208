import { requireActor } from '../context'
import type { HandlersOf } from '../dispatch'
import type { HandlerParts } from '../handlers'
import { startInspection, submitInspection } from './inspection-service'

/** `inspection.*`: opening an inspection and submitting its answers. */
export function inspectionHandlers(p: HandlerParts): HandlersOf<'inspection'> {
  return {
    'inspection.start': (req, ctx) => startInspection(p.deps, requireActor(ctx.staff), req),
    'inspection.submit': (req, ctx) => submitInspection(p.deps, requireActor(ctx.staff), req),
  }
}
