import type { DataSource } from 'typeorm'
import type { ImeiCheckData, ImeiCheckRequest } from '../../shared/sync/protocol'
import { activePlansByImeis } from '../db/repos/plans'
import { withDb } from '../db/sql'
import type { KioskRef } from '../ingest/outcome'
import type { HeadOfficeLogger } from '../logger'
import type { ImeiRegister } from './imei-register'

/**
 * The online IMEI check a kiosk makes before it takes money
 * (docs/program-rules.md#imei-and-one-active-plan-per-imei, docs/security.md#lost-or-stolen-phones):
 * whether an active plan anywhere
 * holds each IMEI (and the store — no customer data), and whether the lost/stolen register lists
 * it. A register that cannot answer is said so (`unavailable`): the kiosk sells and records the
 * flag, as it does offline.
 */
export async function checkImeis(
  deps: { ds: DataSource; register: ImeiRegister | null; logger: HeadOfficeLogger },
  kiosk: KioskRef,
  req: ImeiCheckRequest,
): Promise<ImeiCheckData> {
  const plans = await withDb(deps.ds, (db) => activePlansByImeis(db, req.imeis))
  const listed = new Map<string, boolean>()
  let register: ImeiCheckData['register'] = deps.register ? 'checked' : 'not-configured'
  if (deps.register) {
    const reg = deps.register
    try {
      const answers = await Promise.all(req.imeis.map((imei) => reg.isListed(imei)))
      req.imeis.forEach((imei, i) => listed.set(imei, answers[i]!))
    } catch (error) {
      register = 'unavailable'
      deps.logger.warn('IMEI register unavailable', {
        kiosk: kiosk.id,
        reason: (error as Error).message,
      })
    }
  }
  const imeis = req.imeis.map((imei) => {
    const holder = plans.find((p) => p.imeis.includes(imei))
    return {
      imei,
      enrolled: Boolean(holder),
      storeCode: holder?.storeCode ?? null,
      listed: listed.get(imei) ?? false,
    }
  })
  if (imeis.some((i) => i.listed)) {
    deps.logger.warn('IMEI listed as lost or stolen', {
      kiosk: kiosk.id,
      purpose: req.purpose,
      imeis: imeis.filter((i) => i.listed).map((i) => i.imei),
    })
  }
  return { imeis, register }
}
