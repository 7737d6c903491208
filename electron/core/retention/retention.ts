import { addDays } from '../../../shared/domain'
import { appendAudit } from '../audit/audit-log'
import type { Actor, CoreDeps } from '../context'
import { forgetSignaturesOfCustomer } from '../storage/repos/handovers'
import { anonymiseSentEnrollmentEvents } from '../storage/repos/outbox'

/**
 * DPDP Act retention: once a plan has been closed (redeemed, cancelled, or expired) for longer than
 * the catalog's `kycRetentionDays`, its customer's KYC is replaced by anonymised values. Amounts,
 * IMEIs, plan and document numbers stay: accounting and GST records must be kept for years.
 * A customer is anonymised only when ALL their plans qualify.
 */
export async function runRetention(
  deps: CoreDeps,
  actor: Actor | null,
  onDate: string,
): Promise<{ anonymised: number; cutoff: string }> {
  const days = deps.catalogs.inForce(onDate).kycRetentionDays
  const cutoff = addDays(onDate, -days)
  return deps.store.write(async (tx) => {
    // A plan is "closed on or before the cutoff" when redeemed/cancelled then, or when its last
    // redeemable day was then. Closed on the cutoff day itself is exactly `days` ago: eligible.
    const qualifies = `((p.status IN ('redeemed', 'cancelled') AND p.closed_on <= ?)
      OR (p.status = 'active' AND p.expires_on <= ?))`
    const ids = tx.sql
      .all<{ id: string }>(
        `SELECT c.id FROM customers c
         WHERE c.anonymised_at IS NULL
           AND EXISTS (SELECT 1 FROM plans p WHERE p.customer_id = c.id)
           AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.customer_id = c.id AND NOT ${qualifies})`,
        cutoff,
        cutoff,
      )
      .map((r) => r.id)
    const at = deps.nowIso()
    for (const id of ids) {
      tx.sql.run(
        `UPDATE customers SET name = 'Anonymised customer', mobile = '0000000000', email = NULL,
           id_masked = 'XXXX', id_last4 = '----', aadhaar_hmac = NULL, guardian_name = NULL,
           anonymised_at = ?
         WHERE id = ?`,
        at,
        id,
      )
      anonymiseSentEnrollmentEvents(tx.sql, id)
      forgetSignaturesOfCustomer(tx.sql, id)
    }
    await appendAudit(tx, {
      at,
      businessDate: deps.businessDate(),
      staff: actor,
      action: 'retention.run',
      entity: 'customer',
      entityId: null,
      details: { cutoff, anonymised: ids.length, retentionDays: days },
    })
    return { anonymised: ids.length, cutoff }
  })
}
