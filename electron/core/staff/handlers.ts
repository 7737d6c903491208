import { requireActor } from '../context'
import type { HandlersOf } from '../dispatch'
import type { HandlerParts } from '../handlers'

/** `staff.*`: sign-in tiles, sign-in and out, lock, unlock, a manager clearing a lockout. */
export function staffHandlers(p: HandlerParts): HandlersOf<'staff'> {
  const { staff } = p
  return {
    'staff.list': async () => ({ staff: await staff.list() }),
    'staff.signIn': (req, ctx) => staff.signIn(ctx.sessionId, req.staffCode, req.pin),
    'staff.signOut': (_req, ctx) => staff.signOut(ctx.sessionId),
    'staff.current': (_req, ctx) => staff.current(ctx.sessionId),
    'staff.lock': (_req, ctx) => staff.lock(ctx.sessionId),
    'staff.unlock': (req, ctx) => staff.unlock(ctx.sessionId, req.pin),
    'staff.unlockWithCode': (req) => staff.unlockWithCode(req.staffCode, req.code),
    'staff.clearLockout': (req, ctx) => staff.clearLockout(requireActor(ctx.staff), req.staffCode),
  }
}
