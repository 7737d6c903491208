import type { PrivacyRequestState } from '../../../shared/sync/protocol'
import { appendAudit } from '../audit/audit-log'
import type { CoreDeps } from '../context'
import { anonymiseCustomers } from '../retention/retention'
import {
  customersOfPlans,
  localPlanNumbers,
  upsertPrivacyRequestState,
  withdrawConsent,
} from '../storage/repos/privacy'
import type { Tx } from '../storage/store'

/**
 * Applies head office's state of a data principal's request, inside the pull's transaction
 * (issue 18): the request's status and due date for the manager's screen and, for a completed
 * erasure, the anonymisation of the customer of every listed plan this kiosk holds — the customer
 * row, their answered events, the stored answers of their sales. The plans, payments and document
 * numbers stay: they are the GST records (docs/privacy.md#what-erasure-keeps). A request about no
 * plan held here is not recorded. Returns the plans whose print jobs must go too.
 */
export async function applyPrivacyRequestState(
  tx: Tx,
  deps: CoreDeps,
  s: PrivacyRequestState,
  at: string,
): Promise<string[]> {
  const local = localPlanNumbers(tx.sql, s.planNumbers)
  if (local.length === 0) return []
  upsertPrivacyRequestState(tx.sql, s, local[0]!, at)
  if (s.status !== 'completed') return []
  const customers = customersOfPlans(tx.sql, local)
  if (s.kind === 'withdrawal') for (const id of customers) withdrawConsent(tx.sql, id)
  if (s.kind !== 'erasure') return []
  const erased = anonymiseCustomers(tx.sql, customers, at)
  await appendAudit(tx, {
    at,
    businessDate: deps.businessDate(),
    staff: null,
    action: 'privacy.erasure',
    entity: 'customer',
    entityId: null,
    details: { requestId: s.requestId, customers: customers.length, plans: erased.length },
  })
  return erased
}
