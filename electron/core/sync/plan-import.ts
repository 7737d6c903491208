import { randomUUID } from 'node:crypto'
import { assuredValue } from '../../../shared/domain'
import type { PlanSummary } from '../../../shared/sync/protocol'
import { appendAudit } from '../audit/audit-log'
import type { CoreDeps } from '../context'
import type { Logger } from '../logger'
import { planKey } from '../../../shared/domain/plan-number'
import { CustomerEntity, PlanEntity, PlanImeiEntity } from '../storage/entities'
import { planExists } from '../storage/repos/plans'
import { markRegistryFetched, registryPlansToFetch } from '../storage/repos/sync'
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
  return deps.store.read((sql) => registryPlansToFetch(sql, limit))
}

function markFetched(deps: CoreDeps, planNumber: string, error: string | null): Promise<void> {
  return deps.store.write(async (tx) => {
    markRegistryFetched(tx.sql, planKey(planNumber), deps.nowIso(), error)
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
      if (planExists(tx.sql, key)) return
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
      markRegistryFetched(tx.sql, key, at, null)
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
