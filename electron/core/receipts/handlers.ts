import { requireActor } from '../context'
import type { HandlersOf } from '../dispatch'
import type { HandlerParts } from '../handlers'

/** `receipts.*`: a document previewed, printed or saved as PDF. */
export function receiptHandlers(p: HandlerParts): HandlersOf<'receipts'> {
  const { receipts } = p
  return {
    'receipts.preview': (req, ctx) => receipts.preview(req, requireActor(ctx.staff)),
    'receipts.print': (req, ctx) => receipts.print(req, requireActor(ctx.staff)),
    'receipts.pdf': (req, ctx) => receipts.pdf(req, requireActor(ctx.staff)),
  }
}
