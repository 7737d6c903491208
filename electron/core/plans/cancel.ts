import { randomUUID } from 'node:crypto'
import type { PlanCancelRequest, PlanCancelResponse } from '../../../shared/contract/cancellation'
import { daysBetween, gstSplit } from '../../../shared/domain'
import { KioskError } from '../../../shared/errors'
import type { GstSplit, Payment } from '../../../shared/sync/events'
import type { Actor, CoreDeps } from '../context'
import { nextDocumentNumber } from '../document-numbers'
import { once } from '../idempotency'
import { cancellationReceiptData } from '../receipts/kinds/cancellation'
import { recordFact } from '../record-fact'
import { CancellationEntity, PaymentEntity } from '../storage/entities'
import { feePaymentOf } from '../storage/repos/payments'
import type { PlanRecord } from '../storage/repos/plans'
import type { Tx } from '../storage/store'
import { requirePlan } from './lookup'
import { toPlanView } from './plan-view'

/** What a cancellation pays back: inside the cooling-off window the fee, after it nothing. */
interface Refund {
  refundPaise: number
  withinWindow: boolean
  refund: Payment | null
}

function refundFor(deps: CoreDeps, tx: Tx, plan: PlanRecord, req: PlanCancelRequest): Refund {
  const catalog = deps.catalogs.byVersion(plan.catalogVersion)
  const withinWindow =
    daysBetween(plan.enrolledOn, deps.businessDate()) <= catalog.cancellationWindowDays
  const refundPaise = withinWindow ? plan.feePaise : 0
  const method = req.refundMethod ?? feePaymentOf(tx.sql, plan.id)?.method ?? 'cash'
  const reference = req.refundReference?.trim() || null
  // A refund paid by UPI or card is traced by its transaction reference, here as on the screen.
  if (refundPaise > 0 && method !== 'cash' && !reference) {
    throw new KioskError(
      'PAYMENT_REFERENCE_REQUIRED',
      'UPI and card refunds need their reference.',
      [{ path: 'refundReference', code: 'PAYMENT_REFERENCE_REQUIRED', message: 'required' }],
    )
  }
  const refund =
    refundPaise > 0
      ? { method, reference: method === 'cash' ? null : reference, amountPaise: refundPaise }
      : null
  return { refundPaise, withinWindow, refund }
}

/**
 * The split a credit note reverses: the fee invoice's own when the whole fee goes back (the same
 * figures, to the paisa), else the refund split at the invoice's rate and supply type.
 */
function creditNoteGst(tx: Tx, planId: string, amountPaise: number): GstSplit | null {
  const fee = feePaymentOf(tx.sql, planId)
  const invoice = JSON.parse(fee?.gst ?? 'null') as GstSplit | null
  if (!invoice || !fee) return null
  if (amountPaise === fee.amount_paise) return invoice
  return {
    ...invoice,
    ...gstSplit(amountPaise, invoice.ratePercent, invoice.intraState),
  }
}

/**
 * The refund payment, when there is one, against a credit note reversing the fee's tax invoice
 * (CGST Act s.34, Rule 53; docs/tax-documents.md#credit-note): its number is of the credit-note
 * series. A cancellation without a refund issues no tax document.
 */
async function payRefund(
  deps: CoreDeps,
  tx: Tx,
  actor: Actor,
  plan: PlanRecord,
  refund: Payment | null,
  at: string,
): Promise<{ paymentId: string | null; documentNumber: string | null }> {
  if (!refund) return { paymentId: null, documentNumber: null }
  const today = deps.businessDate()
  const paymentId = randomUUID()
  const documentNumber = await nextDocumentNumber(tx, deps, 'credit-note', today)
  await tx.insert(PaymentEntity, {
    id: paymentId,
    planId: plan.id,
    kind: 'refund',
    ...refund,
    documentNumber,
    // The credit note reverses the invoice's taxable value and tax: its own split, kept with it.
    gst: JSON.stringify(creditNoteGst(tx, plan.id, refund.amountPaise)),
    businessDate: today,
    takenAt: at,
    staffId: actor.staffId,
  })
  return { paymentId, documentNumber }
}

/** The cancellation's rows and its fact, in the caller's transaction. */
async function cancelIn(
  deps: CoreDeps,
  tx: Tx,
  actor: Actor,
  req: PlanCancelRequest,
  at: string,
): Promise<PlanCancelResponse> {
  const plan = requirePlan(tx.sql, req.planNumber)
  if (plan.status === 'redeemed') throw new KioskError('PLAN_REDEEMED', 'This plan was redeemed.')
  if (plan.status === 'cancelled')
    throw new KioskError('PLAN_CANCELLED', 'This plan is already cancelled.')
  const today = deps.businessDate()
  const reason = req.reason.trim()
  const { refundPaise, withinWindow, refund } = refundFor(deps, tx, plan, req)
  const { paymentId, documentNumber } = await payRefund(deps, tx, actor, plan, refund, at)
  const cancellationId = randomUUID()
  await tx.insert(CancellationEntity, {
    id: cancellationId,
    planId: plan.id,
    reason,
    refundPaise,
    withinWindow,
    paymentId,
    cancelledOn: today,
    staffId: actor.staffId,
    createdAt: at,
  })
  await recordFact(tx, deps, {
    actor,
    at,
    businessDate: today,
    closesPlan: { planId: plan.id, status: 'cancelled' },
    document: {
      kind: 'cancellation',
      ref: plan.planNumber,
      planId: plan.id,
      number: documentNumber,
    },
    audit: {
      action: 'plans.cancel',
      entity: 'plan',
      entityId: plan.planNumber,
      details: { reason, refundPaise, withinWindow },
    },
    event: {
      type: 'plan.cancelled',
      payload: {
        planNumber: plan.planNumber,
        cancellationId,
        cancelledOn: today,
        reason,
        refundPaise,
        withinWindow,
        refund,
        staffCode: actor.code,
      },
    },
  })
  return {
    plan: toPlanView(requirePlan(tx.sql, plan.planNumber), today),
    refundPaise,
    withinWindow,
    receipt: cancellationReceiptData(tx.sql, deps, plan.planNumber),
  }
}

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
    return once(tx, deps, { channel: 'plans.cancel', requestId, body }, () =>
      cancelIn(deps, tx, actor, req, at),
    )
  })
}
