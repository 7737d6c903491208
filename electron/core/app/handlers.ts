import { KioskError } from '../../../shared/errors'
import { appendAudit } from '../audit/audit-log'
import { requireActor } from '../context'
import type { HandlersOf } from '../dispatch'
import type { HandlerParts } from '../handlers'

/** `app.*`: what the kiosk is (version, codes, database, catalog, business date, transport). */
export function appHandlers(p: HandlerParts): HandlersOf<'app'> {
  const { deps } = p
  return {
    'app.info': (_req, ctx) => ({
      name: 'Smart Upgrade Kiosk',
      version: deps.config.appVersion,
      storeCode: deps.config.storeCode,
      kioskCode: deps.config.kioskCode,
      databasePath: p.databasePath,
      schemaVersion: p.schemaVersion,
      catalogVersion: p.catalogs.inForce(deps.businessDate()).version,
      businessDate: deps.businessDate(),
      training: deps.training,
      transport: ctx.transport,
      identity: p.identity.mode,
      storeName:
        p.identity.storeName ??
        p.catalogs.inForce(deps.businessDate()).stores.find((s) => s.code === deps.config.storeCode)
          ?.name ??
        null,
    }),
  }
}

/** `training.*`: moving the business date of a training kiosk. */
export function trainingHandlers(p: HandlerParts): HandlersOf<'training'> {
  const { deps } = p
  return {
    'training.setDate': async (req, ctx) => {
      if (!deps.training) {
        throw new KioskError(
          'TRAINING_ONLY',
          'The business date can only be moved in training mode.',
        )
      }
      const businessDate = await p.setTrainingDate(req.businessDate)
      await deps.store.write((tx) =>
        appendAudit(tx, {
          at: deps.nowIso(),
          businessDate,
          staff: requireActor(ctx.staff),
          action: 'training.setDate',
          entity: 'settings',
          entityId: null,
          details: { businessDate: req.businessDate },
        }),
      )
      return { businessDate }
    },
  }
}
