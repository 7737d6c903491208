import { randomUUID } from 'node:crypto'
import type { PlanCancelRequest, PlanCancelResponse } from '../../../shared/contract/cancellation'
import type { CancellationReceipt } from '../../../shared/contract/receipt-data'
import { daysBetween } from '../../../shared/domain'
import type { PaymentMethod } from '../../../shared/domain/vocabulary'
import { KioskError } from '../../../shared/errors'
import { appendAudit } from '../audit/audit-log'
import type { Actor, CoreDeps } from '../context'
import { nextDocumentNumber } from '../document-numbers'
import { once } from '../idempotency'
import { appendEvent, eventOrigin } from '../outbox/outbox'
import { buildReceiptData } from '../receipt-data/build'
import { createReceiptRecord } from '../receipt-data/receipt-records'
import { CancellationEntity, PaymentEntity, PlanEntity, PlanImeiEntity } from '../storage/entities'
import { requirePlan } from './lookup'
import { findPlanByKey, toPlanView } from './plan-view'
import { planKey } from '../../../shared/domain/plan-number'

/**
 * Cancels a plan (manager): inside the cooling-off window of the plan's catalog the fee is
 * refunded, after it nothing is (docs/program-rules.md#cancellation-and-refunds). Frees the IMEIs
 * for a new plan. Idempotent by requestId: the same id and body return the first answer, a
 * different body IDEMPOTENCY_CONFLICT.
 */
export async function cancelPlan(
  deps: CoreDeps,
  actor: Actor,
  req: PlanCancelRequest,
): Promise<PlanCancelResponse> {
  // A refused request records nothing under its id (once() keeps successes only), so the
  // manager can give a reason and retry with the same id.
  if (req.reason.trim().length < 3) {
    throw new KioskError('CANCELLATION_REASON_REQUIRED', 'Give the reason for the cancellation.', [
      { path: 'reason', code: 'CANCELLATION_REASON_REQUIRED', message: 'required' },
    ])
  }
  const { requestId, ...body } = req
  return deps.store.write((tx) => {
    const at = deps.nowIso()
    // once() looks the id up before the plan's checks run: a retry of a committed cancellation
    // would find the plan cancelled, and must get the first answer instead of PLAN_CANCELLED.
    return once(tx, deps, { channel: 'plans.cancel', requestId, body }, async () => {
      const plan = requirePlan(tx.sql, req.planNumber)
      if (plan.status === 'redeemed')
        throw new KioskError('PLAN_REDEEMED', 'This plan was redeemed.')
      if (plan.status === 'cancelled')
        throw new KioskError('PLAN_CANCELLED', 'This plan is already cancelled.')
      const today = deps.businessDate()
      const catalog = deps.catalogs.byVersion(plan.catalog_version)
      const withinWindow = daysBetween(plan.enrolled_on, today) <= catalog.cancellationWindowDays
      const refundPaise = withinWindow ? plan.fee_paise : 0
      const fee = tx.sql.get<{ method: PaymentMethod }>(
        "SELECT method FROM payments WHERE plan_id = ? AND kind = 'fee'",
        plan.id,
      )
      const method = req.refundMethod ?? fee?.method ?? 'cash'
      const refund =
        refundPaise > 0
          ? { method, reference: req.refundReference ?? null, amountPaise: refundPaise }
          : null
      let paymentId: string | null = null
      let documentNumber: string | null = null
      if (refund) {
        paymentId = randomUUID()
        documentNumber = await nextDocumentNumber(tx, deps, 'refund', today)
        await tx.insert(PaymentEntity, {
          id: paymentId,
          planId: plan.id,
          kind: 'refund',
          ...refund,
          documentNumber,
          gst: null,
          businessDate: today,
          takenAt: at,
          staffId: actor.staffId,
        })
      }
      const cancellationId = randomUUID()
      await tx.insert(CancellationEntity, {
        id: cancellationId,
        planId: plan.id,
        reason: req.reason.trim(),
        refundPaise,
        withinWindow,
        paymentId,
        cancelledOn: today,
        staffId: actor.staffId,
        createdAt: at,
      })
      await tx.update(PlanEntity, { id: plan.id }, { status: 'cancelled', closedOn: today })
      await tx.update(PlanImeiEntity, { planId: plan.id }, { active: false })
      await createReceiptRecord(tx, 'cancellation', plan.plan_number, plan.id, documentNumber, at)
      await appendAudit(tx, {
        at,
        businessDate: today,
        staff: actor,
        action: 'plans.cancel',
        entity: 'plan',
        entityId: plan.plan_number,
        details: { reason: req.reason.trim(), refundPaise, withinWindow },
      })
      await appendEvent(tx, eventOrigin(deps, at, today), 'plan.cancelled', {
        planNumber: plan.plan_number,
        cancellationId,
        cancelledOn: today,
        reason: req.reason.trim(),
        refundPaise,
        withinWindow,
        refund,
        staffCode: actor.code,
      })
      return {
        plan: toPlanView(findPlanByKey(tx.sql, planKey(plan.plan_number))!, today),
        refundPaise,
        withinWindow,
        receipt: buildReceiptData(
          tx.sql,
          deps,
          'cancellation',
          plan.plan_number,
        ) as CancellationReceipt,
      }
    })
  })
}
