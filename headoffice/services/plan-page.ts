import { createHmac, hkdfSync } from 'node:crypto'
import type { DataSource } from 'typeorm'
import { assuredValue, valueTimeline } from '../../shared/domain'
import type { Catalog } from '../../shared/domain/catalog'
import { PLAN_TOKEN_KEY_INFO, verifyPlanToken } from '../../shared/domain/plan-token'
import type { TimelineBand } from '../../shared/domain/vocabulary'
import { todayInKolkata } from '../../shared/domain/calendar'
import { latestCatalog } from '../db/repos/catalogs'
import { planFromRow, type PlanRow } from '../db/repos/plan-row'
import { planRowByPublicId, revokePublicPage } from '../db/repos/plan-page'
import { withDb } from '../db/sql'
import { HeadOfficeError } from '../errors'
import type { KioskDirectory } from './kiosk-registry'

/** What the public plan page shows: no name, no mobile, no ID (docs/privacy.md). */
export interface PublicPlanView {
  brand: string
  modelName: string
  variantName: string
  /** The last 4 digits of each IMEI. */
  imeiLast4: string[]
  status: 'too-early' | 'redeemable' | 'expired' | 'redeemed' | 'cancelled'
  today: string
  percent: number
  valuePaise: number
  next: { from: string; percent: number; valuePaise: number } | null
  timeline: TimelineBand[]
  stores: Array<{ name: string; address: string }>
  grievance: { name: string; email: string; phone: string } | null
}

export type PlanPage =
  { kind: 'invalid' } | { kind: 'pending'; today: string } | { kind: 'plan'; view: PublicPlanView }

/**
 * The plan of a public page's token (docs/program-rules.md#the-customers-own-view): the token's
 * MAC is checked with its kiosk's token key (HKDF of the kiosk secret, shared/domain/plan-token.ts);
 * a forged, altered or revoked token, or one of an unknown kiosk, is `invalid` — one answer for
 * every failure. A genuine token whose plan has not synced yet is `pending`. Every figure is head
 * office's own: the plan's frozen SRP and schedule, today's date in Kolkata.
 */
export async function planPage(
  ds: DataSource,
  kiosks: KioskDirectory,
  token: string,
  now: number,
): Promise<PlanPage> {
  const genuine = await verifyPlanToken(token, async (kioskId, message) => {
    const kiosk = await kiosks.find(kioskId)
    if (!kiosk) return null
    const key = hkdfSync('sha256', kiosk.secret, kioskId, PLAN_TOKEN_KEY_INFO, 32)
    return createHmac('sha256', Buffer.from(key)).update(message).digest()
  })
  if (!genuine) return { kind: 'invalid' }
  const today = todayInKolkata(() => now)
  const found = await withDb(ds, async (db) => {
    const row = await planRowByPublicId(db, genuine.planId)
    const latest = await latestCatalog(db)
    return { row, catalog: latest ? (JSON.parse(latest.body) as Catalog) : null }
  })
  if (!found.row) return { kind: 'pending', today }
  if (found.row.public_revoked_at !== null && found.row.public_revoked_at !== undefined) {
    return { kind: 'invalid' }
  }
  const plan = planFromRow(found.row)
  // The token names the kiosk that made it: a plan of another kiosk is not this token's plan.
  if (`${plan.storeCode}/${plan.kioskCode}` !== genuine.kioskId) return { kind: 'invalid' }
  return { kind: 'plan', view: publicView(plan, found.catalog, today) }
}

function publicView(plan: PlanRow, catalog: Catalog | null, today: string): PublicPlanView {
  const schedule = plan.schedule ?? undefined
  const quote = assuredValue({
    srpPaise: plan.srpPaise,
    purchaseDate: plan.purchaseDate,
    onDate: today,
    schedule,
  })
  const closed = plan.status === 'redeemed' || plan.status === 'cancelled'
  const stores = (catalog?.stores ?? [])
    .filter((s) => s.active && s.kind !== 'online')
    // The store that enrolled the plan first.
    .sort((a, b) => Number(b.code === plan.storeCode) - Number(a.code === plan.storeCode))
    .map((s) => ({ name: s.name, address: s.address }))
  return {
    brand: catalog?.brand ?? '',
    modelName: plan.modelName,
    variantName: plan.variantName,
    imeiLast4: plan.imeis.map((i) => i.slice(-4)),
    status: closed ? (plan.status as 'redeemed' | 'cancelled') : quote.status,
    today,
    percent: closed ? 0 : quote.percent,
    valuePaise: closed ? 0 : quote.valuePaise,
    next: closed ? null : quote.next,
    timeline: valueTimeline(plan.srpPaise, plan.purchaseDate, schedule),
    stores,
    grievance: catalog?.privacy?.grievanceOfficer ?? null,
  }
}

/** Revokes a plan's public page (admin): its token then shows nothing. PLAN_NOT_FOUND otherwise. */
export async function revokePlanPage(ds: DataSource, planKey: string, now: number) {
  const changed = await withDb(ds, (db) => revokePublicPage(db, planKey, now))
  if (changed === 0) throw new HeadOfficeError('PLAN_NOT_FOUND', `No plan ${planKey}.`)
  return { revoked: true }
}
