import type { ReceiptKind } from '../../shared/contract/receipt-data'
import type { OutboxEventType, PayloadOf } from '../../shared/sync/events'
import { appendAudit } from './audit/audit-log'
import type { Actor, CoreDeps } from './context'
import { appendEvent, eventOrigin } from './outbox/outbox'
import { closePlan } from './storage/repos/plans'
import { insertReceiptRecord } from './storage/repos/receipts'
import type { Tx } from './storage/store'

/**
 * What a business action (enroll, inspect, redeem, cancel, collect a device) states once its own
 * rows are written: the plan it closes, the document it issues, its audit entry and the event
 * head office learns it from.
 */
export interface BusinessFact<T extends OutboxEventType> {
  actor: Actor
  /** Now (ISO) and the business date, as the action's rows carry them. */
  at: string
  businessDate: string
  /** The plan this fact closes, on the business date; its IMEIs are freed. */
  closesPlan?: { planId: string; status: 'redeemed' | 'cancelled' }
  /** The printed document this fact issues (receipt, invoice, credit note, slip). */
  document?: {
    kind: ReceiptKind | 'trade-in-voucher'
    ref: string
    /** Null only for a trade-in voucher (issue 22). */
    planId: string | null
    number: string | null
  }
  audit: {
    action: string
    entity: string
    entityId: string | null
    details: Record<string, unknown>
  }
  event: { type: T; payload: PayloadOf<T> }
}

const KOLKATA_OFFSET_MS = (5 * 60 + 30) * 60_000

/**
 * The instant `at` moved to the business date, same time of day in Kolkata: a training
 * document is dated the day the trainer set (issue 14), not the machine's.
 */
export function onBusinessDate(at: string, businessDate: string): string {
  const local = new Date(Date.parse(at) + KOLKATA_OFFSET_MS).toISOString()
  return new Date(Date.parse(`${businessDate}${local.slice(10)}`) - KOLKATA_OFFSET_MS).toISOString()
}

/**
 * Ends a business action inside its transaction (docs/architecture.md#one-transaction-per-business-fact):
 * closes the plan, records the document, appends the audit entry and the outbox event, so either
 * all of them exist with the action's rows or none does.
 */
export async function recordFact<T extends OutboxEventType>(
  tx: Tx,
  deps: CoreDeps,
  fact: BusinessFact<T>,
): Promise<void> {
  const { at, businessDate } = fact
  if (fact.closesPlan) {
    await closePlan(tx, fact.closesPlan.planId, fact.closesPlan.status, businessDate)
  }
  if (fact.document) {
    const d = fact.document
    const issued = deps.training ? onBusinessDate(at, businessDate) : at
    await insertReceiptRecord(tx, d.kind, d.ref, d.planId, d.number, issued)
  }
  await appendAudit(tx, { at, businessDate, staff: fact.actor, ...fact.audit })
  await appendEvent(tx, eventOrigin(deps, at, businessDate), fact.event.type, fact.event.payload)
}
