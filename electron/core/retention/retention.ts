import { addDays, todayInKolkata } from '../../../shared/domain'
import { retentionDays, type RetentionItem } from '../../../shared/domain/retention-policy'
import { appendAudit } from '../audit/audit-log'
import type { Actor, CoreDeps } from '../context'
import {
  anonymiseCustomer,
  customersPastRetention,
  deleteRequestsBefore,
  deleteRequestsOfPlans,
  planNumbersOfCustomer,
  scrubAnsweredPayloads,
} from '../storage/repos/privacy'
import { putSetting } from '../storage/repos/settings'
import type { Sql } from '../storage/store'
import { deletePrintJobsOf, sweepFolders } from './files'

/** The `settings` key of the business date retention last ran on (the schedule catches up). */
export const RETENTION_LAST_RUN_KEY = 'retention.lastRunDate'

const DAY_MS = 86_400_000

/** What one run did, item by item. */
export interface RetentionOutcome {
  anonymised: number
  cutoff: string
  requestsDeleted: number
  payloadsScrubbed: number
  files: ReturnType<typeof sweepFolders>
}

/** The days of each item on this kiosk: the policy, the deployment's overrides, the catalog's KYC days. */
export function kioskRetentionDays(deps: CoreDeps, onDate: string): Record<RetentionItem, number> {
  return {
    ...retentionDays(deps.config.retentionDays),
    'customer-contact': deps.catalogs.inForce(onDate).kycRetentionDays,
  }
}
import { forgetSignaturesOfCustomer } from '../storage/repos/handovers'
import { forgetTradeInSignatures } from '../storage/repos/tradeins'

/**
 * Anonymises customers and scrubs what named them in this transaction: the customer row, their
 * answered enrollment events, the stored first answers of their sales. Returns their plans.
 */
export function anonymiseCustomers(sql: Sql, customerIds: string[], at: string): string[] {
  const plans: string[] = []
  for (const id of customerIds) {
    anonymiseCustomer(sql, id, at)
    forgetSignaturesOfCustomer(sql, id)
    plans.push(...planNumbersOfCustomer(sql, id))
  }
  if (plans.length > 0) {
    scrubAnsweredPayloads(sql, { planNumbers: plans })
    deleteRequestsOfPlans(sql, plans)
  }
  return plans
}

/**
 * DPDP Act s.8(7) retention, item by item (shared/domain/retention-policy.ts): customers whose
 * every plan closed more than the catalog's `kycRetentionDays` ago are anonymised (amounts, IMEIs,
 * plan and document numbers stay: they are the GST records); stored answers past their days are
 * deleted; answered events lose the person; old print jobs, photos, logs and backups are deleted;
 * the WAL is emptied so no old frame keeps what was overwritten. `nowMs` is the moment it runs as.
 */
export async function runRetention(
  deps: CoreDeps,
  actor: Actor | null,
  nowMs: number,
): Promise<RetentionOutcome> {
  const onDate = todayInKolkata(() => nowMs)
  const days = kioskRetentionDays(deps, onDate)
  const cutoff = addDays(onDate, -days['customer-contact'])
  const before = (item: RetentionItem) => new Date(nowMs - days[item] * DAY_MS).toISOString()
  const at = deps.nowIso()
  const outcome = await deps.store.write(async (tx) => {
    const ids = customersPastRetention(tx.sql, cutoff)
    const plans = anonymiseCustomers(tx.sql, ids, at)
    // A trade-in's customer signature (issue 22) goes after as long, counted from the day its
    // voucher was used or ran out: the IMEI, amounts and voucher number stay (business records).
    forgetTradeInSignatures(tx.sql, cutoff)
    const requestsDeleted = deleteRequestsBefore(tx.sql, before('request-answers'))
    const payloadsScrubbed = scrubAnsweredPayloads(tx.sql, {
      sentBefore: before('outbox-payloads'),
    })
    putSetting(tx.sql, RETENTION_LAST_RUN_KEY, onDate, at)
    const changed = ids.length + requestsDeleted + payloadsScrubbed > 0
    // A manager's run is always audited; the daily run only when it changed something.
    if (actor || changed) {
      await appendAudit(tx, {
        at,
        businessDate: deps.businessDate(),
        staff: actor,
        action: 'retention.run',
        entity: 'customer',
        entityId: null,
        details: {
          cutoff,
          anonymised: ids.length,
          retentionDays: days['customer-contact'],
          requestsDeleted,
          payloadsScrubbed,
        },
      })
    }
    return { anonymised: ids.length, cutoff, requestsDeleted, payloadsScrubbed, plans }
  })
  deletePrintJobsOf(deps.config.dataDir, outcome.plans)
  const files = sweepFolders(deps.config.dataDir, days, nowMs)
  await deps.store.truncateWal()
  const { plans: _plans, ...rest } = outcome
  return { ...rest, files }
}
