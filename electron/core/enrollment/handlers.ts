import { requireActor } from '../context'
import type { HandlersOf } from '../dispatch'
import type { HandlerParts } from '../handlers'
import { checkEnrollmentStep } from './check'
import { createEnrollment } from './create'
import { enrollmentDefaults } from './defaults'

/** `enrollment.*`: the sale of a plan. */
export function enrollmentHandlers(p: HandlerParts): HandlersOf<'enrollment'> {
  return {
    'enrollment.create': (req, ctx) =>
      createEnrollment(p.deps, requireActor(ctx.staff), req, p.sync.online()),
    'enrollment.defaults': () => enrollmentDefaults(p.deps),
    'enrollment.check': (req, ctx) => checkEnrollmentStep(p.deps, req, p.sync.online(), ctx.staff),
  }
}
