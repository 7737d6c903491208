import type { ImeiCheckRequest } from '../../../shared/sync/protocol'
import { appendAudit } from '../audit/audit-log'
import type { Actor, CoreDeps } from '../context'
import type { Reasons } from '../reasons'
import type { OnlinePlans } from '../sync/online-plans'

/** Whether the lost/stolen register could be asked (recorded with the sale). */
export type RegisterCheck = 'clear' | 'unavailable' | 'offline'

/** What head office said about a phone's IMEIs before money moves. */
export interface ImeiScreening {
  registerCheck: RegisterCheck
  /** IMEIs on a live plan at head office (any store), with that store. */
  enrolled: Array<{ index: number; imei: string; storeCode: string | null }>
  /** IMEIs the register lists as lost or stolen. */
  listed: Array<{ index: number; imei: string }>
}

/**
 * Asks head office about a phone's IMEIs when the kiosk is online
 * (docs/program-rules.md#imei-and-one-active-plan-per-imei,
 * docs/security.md#lost-or-stolen-phones): outside any database
 * transaction, bounded by the online timeout. Offline, or with no answer, nothing is refused
 * (the kiosk sells offline; head office records a duplicate when the event arrives) and the
 * sale records that the register was not asked.
 */
export async function screenImeis(
  online: OnlinePlans | null,
  imeis: string[],
  purpose: ImeiCheckRequest['purpose'],
): Promise<ImeiScreening> {
  const none = { enrolled: [], listed: [] }
  if (!online || imeis.length === 0) return { registerCheck: 'offline', ...none }
  const answer = await online.checkImeis(imeis, purpose)
  if (!answer) return { registerCheck: 'offline', ...none }
  const at = (imei: string) => imeis.indexOf(imei)
  return {
    registerCheck: answer.register === 'checked' ? 'clear' : 'unavailable',
    enrolled: answer.imeis
      .filter((i) => i.enrolled)
      .map((i) => ({ index: at(i.imei), imei: i.imei, storeCode: i.storeCode })),
    listed: answer.imeis.filter((i) => i.listed).map((i) => ({ index: at(i.imei), imei: i.imei })),
  }
}

/** The refusals a screening gives, on the IMEI fields (`<field>.<index>`). */
export function screeningReasons(
  r: Reasons,
  s: ImeiScreening,
  field: string,
  options: { enrolledRefuses: boolean },
): void {
  for (const hit of s.listed) {
    r.add(
      'IMEI_LOST_OR_STOLEN',
      `${field}.${hit.index}`,
      `IMEI ${hit.imei} is reported lost or stolen: this phone cannot be taken. Do not hand it back; call the store manager.`,
    )
  }
  if (!options.enrolledRefuses) return
  for (const hit of s.enrolled) {
    r.add(
      'IMEI_ENROLLED_ELSEWHERE',
      `${field}.${hit.index}`,
      `IMEI ${hit.imei} is already on an active plan${hit.storeCode ? ` at store ${hit.storeCode}` : ''}.`,
    )
  }
}

/** A register hit is an audit entry of its own, whatever becomes of the sale. */
export async function auditListed(
  deps: CoreDeps,
  actor: Actor | null,
  s: ImeiScreening,
  purpose: ImeiCheckRequest['purpose'],
  entityId: string | null,
): Promise<void> {
  if (s.listed.length === 0) return
  await deps.store.write((tx) =>
    appendAudit(tx, {
      at: deps.nowIso(),
      businessDate: deps.businessDate(),
      staff: actor ? { staffId: actor.staffId, code: actor.code } : null,
      action: 'imei.listed',
      entity: purpose === 'enrollment' ? 'enrollment' : 'plan',
      entityId,
      details: { purpose, imeis: s.listed.map((l) => l.imei) },
    }),
  )
}
