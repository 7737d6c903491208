import { requireActor } from '../context'
import type { HandlersOf } from '../dispatch'
import type { HandlerParts } from '../handlers'
import { collectDevices, listDevices } from './devices'

/** `devices.*`: old phones taken in, and handing them to the brand's logistics. */
export function deviceHandlers(p: HandlerParts): HandlersOf<'devices'> {
  const { deps } = p
  return {
    'devices.list': async (req) => ({
      devices: await deps.store.read((sql) => listDevices(sql, req.status, req.limit)),
    }),
    'devices.collect': async (req, ctx) => ({
      devices: await collectDevices(
        deps,
        requireActor(ctx.staff),
        req.deviceIds,
        req.reference ?? null,
      ),
    }),
  }
}
