import type { HandlersOf } from '../dispatch'
import type { HandlerParts } from '../handlers'
import { endOfDay } from './end-of-day'

/** `reports.*`: the end-of-day figures. */
export function reportHandlers(p: HandlerParts): HandlersOf<'reports'> {
  const { deps } = p
  return {
    'reports.endOfDay': (req) =>
      deps.store.read((sql) => endOfDay(deps, sql, req.businessDate ?? deps.businessDate())),
  }
}
