import { requireActor } from '../context'
import type { HandlersOf } from '../dispatch'
import type { HandlerParts } from '../handlers'

/** `catalog.*`: the catalog in force, and a manager installing a newer one. */
export function catalogHandlers(p: HandlerParts): HandlersOf<'catalog'> {
  const { deps, catalogs } = p
  return {
    'catalog.list': () => catalogs.inForce(deps.businessDate()),
    'catalog.apply': (req, ctx) =>
      catalogs.install(
        req.catalog,
        'manager',
        requireActor(ctx.staff),
        deps.nowIso(),
        deps.businessDate(),
      ),
  }
}
