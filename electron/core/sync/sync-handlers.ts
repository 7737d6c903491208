import { requireActor } from '../context'
import type { HandlersOf } from '../dispatch'
import type { KioskSync } from './kiosk-sync'

/** The `sync.*` channels, each a thin call into the kiosk's sync. */
export function syncHandlers(sync: KioskSync): HandlersOf<'sync'> {
  return {
    'sync.status': () => sync.status(),
    'sync.now': () => sync.syncNow(),
    'sync.conflicts': async (req) => ({ conflicts: await sync.conflicts(req.status) }),
    'sync.resolveConflict': (req, ctx) =>
      sync.resolveConflict(req.conflictId, req.note, requireActor(ctx.staff)),
    'sync.configure': (req, ctx) => sync.configure(req, requireActor(ctx.staff)),
    'sync.sendLogs': (_req, ctx) => sync.sendLogs('manager', requireActor(ctx.staff)),
  }
}
