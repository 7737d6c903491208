import { requireActor } from '../context'
import type { HandlersOf } from '../dispatch'
import type { HandlerParts } from '../handlers'
import { runRetention } from './retention'

/** `retention.*`: a manager anonymising KYC past its retention now. */
export function retentionHandlers(p: HandlerParts): HandlersOf<'retention'> {
  const { deps } = p
  return {
    'retention.run': async (_req, ctx) => {
      const done = await runRetention(deps, requireActor(ctx.staff), deps.config.clock())
      return { anonymised: done.anonymised, cutoff: done.cutoff }
    },
  }
}
