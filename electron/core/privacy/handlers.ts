import { requireActor } from '../context'
import type { HandlersOf } from '../dispatch'
import type { HandlerParts } from '../handlers'
import { listPrivacyRequests } from '../storage/repos/privacy'
import { takePrivacyRequest } from './requests'

/** `privacy.*`: a manager taking a customer's data-principal request and seeing its status. */
export function privacyHandlers(p: HandlerParts): HandlersOf<'privacy'> {
  const { deps } = p
  return {
    'privacy.request': (req, ctx) => takePrivacyRequest(deps, requireActor(ctx.staff), req),
    'privacy.list': async () => ({
      requests: await deps.store.read((sql) => listPrivacyRequests(sql)),
    }),
  }
}
