import type { HandlersOf } from '../dispatch'
import type { HandlerParts } from '../handlers'
import { listAudit, verifyAudit } from './audit-log'

/** `audit.*`: the log's pages and the check of its chain. */
export function auditHandlers(p: HandlerParts): HandlersOf<'audit'> {
  const { store } = p.deps
  return {
    'audit.list': (req) => store.read((sql) => listAudit(sql, req)),
    'audit.verify': () => store.read((sql) => verifyAudit(sql)),
  }
}
