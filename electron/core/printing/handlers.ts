import { requireActor } from '../context'
import type { HandlersOf } from '../dispatch'
import type { HandlerParts } from '../handlers'

/** `printers.*`: the printers, their settings and test page, the kept jobs and their retry. */
export function printerHandlers(p: HandlerParts): HandlersOf<'printers'> {
  const { printers } = p
  return {
    'printers.list': () => printers.list(),
    'printers.configure': (req, ctx) => printers.configure(req, requireActor(ctx.staff)),
    'printers.test': (req) => printers.test(req.target),
    'printers.jobs': () => ({ jobs: printers.jobs() }),
    'printers.retry': async (req, ctx) => ({
      results: await p.receipts.retry(req.jobId, requireActor(ctx.staff)),
    }),
  }
}
