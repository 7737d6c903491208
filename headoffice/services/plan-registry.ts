import { randomUUID } from 'node:crypto'
import type { DataSource } from 'typeorm'
import { assuredValue } from '../../shared/domain'
import type { PlanSummary, ReserveResponseData } from '../../shared/sync/protocol'
import { DEFAULT_SCHEDULE } from '../../shared/domain'
import { planKey } from '../../shared/domain/plan-number'
import { clearReservation, findPlanByKey, saveReservation } from '../db/repos/plans'
import { inTransaction, withDb, type Db } from '../db/sql'
import { HeadOfficeError } from '../errors'
import type { KioskRef } from '../ingest/outcome'
import type { PlanRow } from '../db/repos/plan-row'

/** What a kiosk at another store needs to know about a plan (and may show the customer). */
export function summarize(plan: PlanRow, onDate: string | undefined, now: number): PlanSummary {
  const reserved = plan.reservedBy && plan.reservedUntil && plan.reservedUntil > now
  return {
    planNumber: plan.planNumber,
    status: plan.status,
    storeCode: plan.storeCode,
    kioskCode: plan.kioskCode,
    imeis: plan.imeis,
    modelId: plan.modelId,
    modelName: plan.modelName,
    variantId: plan.variantId,
    variantName: plan.variantName,
    srpPaise: plan.srpPaise,
    feePaise: plan.feePaise,
    catalogVersion: plan.catalogVersion,
    schedule: plan.schedule ?? DEFAULT_SCHEDULE.map((b) => ({ ...b })),
    purchaseDate: plan.purchaseDate,
    enrolledOn: plan.enrolledOn,
    customer: {
      name: plan.customerName,
      mobileLast4: plan.mobile.slice(-4),
      idType: plan.idType,
      idMasked: plan.idMasked,
      idLast4: plan.idLast4,
    },
    quote: onDate
      ? assuredValue({
          srpPaise: plan.srpPaise,
          purchaseDate: plan.purchaseDate,
          onDate,
          schedule: plan.schedule ?? undefined,
        })
      : null,
    reservation: reserved
      ? {
          kioskId: plan.reservedBy as string,
          expiresAt: new Date(plan.reservedUntil as number).toISOString(),
        }
      : null,
    closedBy:
      plan.closedStore && plan.closedKiosk && plan.closedOn
        ? { storeCode: plan.closedStore, kioskCode: plan.closedKiosk, onDate: plan.closedOn }
        : null,
  }
}

/**
 * A plan by its number however it was typed (found by its key); PLAN_NOT_FOUND otherwise. Past
 * this point messages name `plan.planNumber`, the number as issued, not as typed.
 */
async function loadPlan(db: Db, planNumber: string, forUpdate = false): Promise<PlanRow> {
  const plan = await findPlanByKey(db, planKey(planNumber), forUpdate)
  if (!plan) throw new HeadOfficeError('PLAN_NOT_FOUND', `No plan ${planNumber}.`)
  return plan
}

/** Online lookup of a plan by number (any case or separators), quoted on the kiosk's date. */
export async function lookupPlan(
  ds: DataSource,
  planNumber: string,
  onDate: string | undefined,
  now: number,
): Promise<PlanSummary> {
  const plan = await withDb(ds, (db) => loadPlan(db, planNumber))
  return summarize(plan, onDate, now)
}

/**
 * Holds a plan for one kiosk while its customer is at the counter, so a kiosk online can't
 * redeem a plan already redeemed (or being redeemed) elsewhere. The hold expires by itself;
 * the kiosk's plan.redeemed event clears it.
 */
export async function reservePlan(
  ds: DataSource,
  kiosk: KioskRef,
  planNumber: string,
  request: { ttlSeconds: number; onDate: string },
  now: number,
): Promise<ReserveResponseData> {
  return inTransaction(ds, async (db) => {
    const plan = await loadPlan(db, planNumber, true)
    if (plan.status === 'redeemed') {
      const elsewhere = plan.closedStore !== kiosk.storeCode || plan.closedKiosk !== kiosk.kioskCode
      throw new HeadOfficeError(
        elsewhere ? 'REDEEMED_ELSEWHERE' : 'PLAN_REDEEMED',
        `Plan ${plan.planNumber} was redeemed at ${plan.closedStore} on ${plan.closedOn}.`,
      )
    }
    if (plan.status === 'cancelled') {
      throw new HeadOfficeError('PLAN_CANCELLED', `Plan ${plan.planNumber} was cancelled.`)
    }
    if (plan.reservedBy && plan.reservedBy !== kiosk.id && (plan.reservedUntil ?? 0) > now) {
      throw new HeadOfficeError(
        'PLAN_RESERVED',
        `Plan ${plan.planNumber} is being redeemed elsewhere.`,
      )
    }
    const quote = assuredValue({
      srpPaise: plan.srpPaise,
      purchaseDate: plan.purchaseDate,
      onDate: request.onDate,
      schedule: plan.schedule ?? undefined,
    })
    if (quote.status === 'too-early') {
      throw new HeadOfficeError('TOO_EARLY', `Redeemable from ${quote.redeemableFrom}.`)
    }
    if (quote.status === 'expired') {
      throw new HeadOfficeError('PLAN_EXPIRED', `Expired after ${quote.expiresAfter}.`)
    }
    plan.reservationId = randomUUID()
    plan.reservedBy = kiosk.id
    plan.reservedUntil = now + request.ttlSeconds * 1000
    await saveReservation(db, plan, now)
    return {
      reservationId: plan.reservationId,
      expiresAt: new Date(plan.reservedUntil).toISOString(),
      plan: summarize(plan, request.onDate, now),
    }
  })
}

/** Gives a reservation back (the customer walked away). */
export async function releaseReservation(
  ds: DataSource,
  kiosk: KioskRef,
  planNumber: string,
  reservationId: string,
  now: number,
): Promise<void> {
  const released = await withDb(ds, (db) =>
    clearReservation(db, planKey(planNumber), { id: reservationId, kioskId: kiosk.id }, now),
  )
  if (!released) {
    throw new HeadOfficeError('RESERVATION_NOT_FOUND', 'No such reservation for this kiosk.')
  }
}
