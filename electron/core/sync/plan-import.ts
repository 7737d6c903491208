import { randomUUID } from 'node:crypto'
import { assuredValue } from '../../../shared/domain'
import type { PlanSummary } from '../../../shared/sync/protocol'
import { appendAudit } from '../audit/audit-log'
import type { CoreDeps } from '../context'
import type { Logger } from '../logger'
import { planKey } from '../../../shared/domain/plan-number'
import { CustomerEntity, PlanEntity, PlanImeiEntity } from '../storage/entities'
import { SyncHttpError, type SyncHttp } from './sync-http'

/** Most plans fetched per sync cycle, so a new kiosk in a busy store catches up in steps. */
export const PLAN_FETCH_BATCH = 25

/**
 * Plans the registry learned of (enrolled at a sibling kiosk of this store) that this kiosk does
 * not hold yet. The change feed carries only their status; their details come from head office's
 * plan lookup, so the kiosk can look them up and redeem them later while offline
 * (docs/program-rules.md#plans-of-other-stores: "offline, B redeems only plans it knows — local or
 * synced").
 */
export function plansToFetch(deps: CoreDeps, limit: number): Promise<string[]> {
  return deps.store.read((sql) =>
    sql
      .all<{ plan_number: string }>(
        `SELECT r.plan_number FROM sync_plan_registry r
         WHERE r.status = 'active' AND r.fetched_at IS NULL AND r.fetch_error IS NULL
           AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.plan_key = r.plan_key)
         ORDER BY r.feed_seq LIMIT ?`,
        limit,
      )
      .map((r) => r.plan_number),
  )
}

function markFetched(deps: CoreDeps, planNumber: string, error: string | null): Promise<void> {
  return deps.store.write(async (tx) => {
    tx.sql.run(
      'UPDATE sync_plan_registry SET fetched_at = ?, fetch_error = ? WHERE plan_key = ?',
      deps.nowIso(),
      error,
      planKey(planNumber),
    )
  })
}

/**
 * Stores a plan from head office as an `origin = 'synced'` plan with its frozen SRP, fee and
 * catalog version. What head office does not share is kept out rather than invented: the full
 * mobile (only its last 4 digits; the customer proves the plan with the ID's last 4) and the
 * purchase invoice (shown as `-`). End-of-day counts only `origin = 'local'` enrollments, so a
 * synced plan never adds to this kiosk's takings.
 */
export async function importPlan(deps: CoreDeps, s: PlanSummary): Promise<'imported' | string> {
  const catalog = deps.catalogs.byVersion(s.catalogVersion)
  if (catalog.version !== s.catalogVersion) {
    // Its schedule would be wrong; head office's lookup still answers while online.
    return `catalog ${s.catalogVersion} is not installed`
  }
  const at = deps.nowIso()
  const expiresOn = assuredValue({
    srpPaise: s.srpPaise,
    purchaseDate: s.purchaseDate,
    onDate: s.enrolledOn,
    schedule: catalog.schedule,
  }).expiresAfter
  try {
    await deps.store.write(async (tx) => {
      const key = planKey(s.planNumber)
      if (tx.sql.get('SELECT 1 AS x FROM plans WHERE plan_key = ?', key)) return
      const customerId = randomUUID()
      const planId = randomUUID()
      const enrolledAt = `${s.enrolledOn}T00:00:00.000+05:30`
      await tx.insert(CustomerEntity, {
        id: customerId,
        name: s.customer.name,
        mobile: `******${s.customer.mobileLast4}`,
        email: null,
        idType: s.customer.idType,
        idMasked: s.customer.idMasked,
        idLast4: s.customer.idLast4,
        aadhaarHmac: null,
        // Consent was given at the enrolling kiosk; head office holds it and sends the messages.
        consentDataProcessing: true,
        consentNotifications: false,
        consentMarketing: false,
        consentVersion: 'headoffice',
        consentAt: enrolledAt,
        anonymisedAt: null,
        createdAt: at,
      })
      await tx.insert(PlanEntity, {
        id: planId,
        planNumber: s.planNumber,
        planKey: key,
        customerId,
        modelId: s.modelId,
        modelName: s.modelName,
        variantId: s.variantId,
        variantName: s.variantName,
        srpPaise: s.srpPaise,
        feePaise: s.feePaise,
        catalogVersion: s.catalogVersion,
        purchaseDate: s.purchaseDate,
        invoiceNumber: '-',
        invoiceDate: s.purchaseDate,
        purchaseStoreCode: s.storeCode,
        pricePaidPaise: 0,
        enrolledOn: s.enrolledOn,
        enrolledAt,
        expiresOn,
        status: s.status,
        closedOn: s.closedBy?.onDate ?? null,
        staffId: null,
        origin: 'synced',
        training: false,
      })
      await tx.insert(
        PlanImeiEntity,
        s.imeis.map((imei, slot) => ({ planId, slot, imei, active: s.status === 'active' })),
      )
      tx.sql.run(
        'UPDATE sync_plan_registry SET fetched_at = ?, fetch_error = NULL WHERE plan_key = ?',
        at,
        key,
      )
      await appendAudit(tx, {
        at,
        businessDate: deps.businessDate(),
        staff: null,
        action: 'plan.synced',
        entity: 'plan',
        entityId: planId,
        details: { planNumber: s.planNumber, storeCode: s.storeCode, kioskCode: s.kioskCode },
      })
    })
    return 'imported'
  } catch (error) {
    // e.g. an IMEI already on an active plan here: a data problem for a manager, not a retry.
    return `not stored: ${(error as Error).message}`
  }
}

/**
 * Fetches and stores up to `limit` plans the registry learned of. A network failure stops the
 * round (the next cycle retries); a plan that cannot be stored is marked so it is not retried.
 */
export async function fetchLearnedPlans(
  deps: CoreDeps,
  http: Pick<SyncHttp, 'lookup'>,
  logger: Logger,
  limit = PLAN_FETCH_BATCH,
): Promise<number> {
  let imported = 0
  for (const planNumber of await plansToFetch(deps, limit)) {
    let outcome: string
    try {
      outcome = await importPlan(deps, await http.lookup(planNumber, deps.businessDate()))
    } catch (error) {
      // Unreachable or failing: try again next cycle. Refused (unknown plan): do not retry.
      if (!(error instanceof SyncHttpError) || error.kind !== 'refused') throw error
      outcome = `${error.code}: ${error.message}`
    }
    if (outcome === 'imported') imported += 1
    else {
      logger.warn('plan from head office not stored', { planNumber, reason: outcome })
      await markFetched(deps, planNumber, outcome)
    }
  }
  return imported
}
