import type { DataSource } from 'typeorm'
import { assuredValue, DEFAULT_SCHEDULE, valueTimeline } from '../../shared/domain'
import { planKey } from '../../shared/domain/plan-number'
import { ANONYMISED } from '../../shared/domain/retention-policy'
import {
  auditOfSubject,
  cancellationsOfPlan,
  conflictsOfPlan,
  eventsById,
  inspectionsOfPlan,
  notificationsOfPlan,
  privacyRequestsOfPlan,
  publicPageOf,
  redemptionsOfPlan,
  type NotificationLogRow,
  type StoredEventRow,
} from '../db/repos/console-care'
import type { PlanRow } from '../db/repos/plan-row'
import { findPlanByKey } from '../db/repos/plans'
import { num, withDb } from '../db/sql'
import { HeadOfficeError } from '../errors'
import type { ConsoleRole } from './console-access'
import { maskContacts, maskEmail, maskMobile, maskRecipient } from './console-masks'

/** The DLT id each SMS template is registered under (configuration), by template name. */
export type DltTemplateIds = Partial<Record<string, string>>

/**
 * Who sees the customer's name on a plan's story: the people who talk to the customer or look
 * into a case. Finance reads figures and documents, not people (docs/console.md#what-the-console-shows-of-a-person).
 */
const SEES_NAME: readonly ConsoleRole[] = ['admin', 'customer-care', 'fraud-audit']

/** Whether a role sees customers' names in the console. */
export function seesCustomerName(role: ConsoleRole): boolean {
  return SEES_NAME.includes(role)
}

/** Whether a plan's customer was erased (by a request, or by retention's anonymisation). */
export function isErased(plan: Pick<PlanRow, 'customerName' | 'mobile'>): boolean {
  return plan.customerName === ANONYMISED.name && plan.mobile === ANONYMISED.mobile
}

/** A notification as the console shows it: the address masked, the DLT id beside the template. */
export function notificationLine(r: NotificationLogRow, dlt: DltTemplateIds) {
  return {
    id: r.id,
    planNumber: r.plan_number,
    kind: r.kind,
    channel: r.channel,
    // Erasure and retention blank the address: nothing to mask then.
    recipient: r.recipient ? maskRecipient(r.channel, r.recipient) : null,
    template: r.template_id,
    dltTemplateId: r.channel === 'sms' && r.template_id ? (dlt[r.template_id] ?? null) : null,
    status: r.status,
    attempts: num(r.attempts),
    lastError: r.last_error ? maskContacts(r.last_error) : null,
    createdAt: num(r.created_at),
    sentAt: r.sent_at === null ? null : num(r.sent_at),
    nextAttemptAt: r.status === 'pending' ? num(r.next_attempt_at) : null,
  }
}

// The stored events are read field by field: the customer block of an enrollment (and an older
// kiosk's ID hash in it) never reaches the console.
type Json = Record<string, unknown>
const payloadOf = (e: StoredEventRow | undefined): Json =>
  e ? (((JSON.parse(e.payload) as { payload?: Json }).payload ?? {}) as Json) : {}
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)

function enrollmentOf(plan: PlanRow, event: StoredEventRow | undefined) {
  const p = payloadOf(event)
  const invoice = (p.invoice ?? {}) as Json
  const consent = (p.consent ?? {}) as Json
  const payment = (p.payment ?? {}) as Json
  return {
    storeCode: plan.storeCode,
    kioskCode: plan.kioskCode,
    enrolledOn: plan.enrolledOn,
    purchaseDate: plan.purchaseDate,
    modelName: plan.modelName,
    variantName: plan.variantName,
    imeis: plan.imeis,
    srpPaise: plan.srpPaise,
    feePaise: plan.feePaise,
    sacCode: plan.sacCode,
    catalogVersion: plan.catalogVersion,
    staffCode: str(p.staffCode),
    phoneInvoice: str(invoice.number),
    paymentMethod: str(payment.method),
    consent: {
      messages: plan.notify,
      marketing: consent.marketing === true,
      version: str(consent.version),
    },
    b2b: plan.recipientGstin ? { gstin: plan.recipientGstin } : null,
  }
}

function inspectionsOf(
  rows: Awaited<ReturnType<typeof inspectionsOfPlan>>,
  events: Map<string, StoredEventRow>,
) {
  return rows.map((r) => {
    const p = payloadOf(events.get(r.event_id))
    const answers = Array.isArray(p.answers) ? (p.answers as Json[]) : []
    return {
      inspectionId: r.inspection_id,
      storeCode: r.store_code,
      kioskCode: r.kiosk_code,
      submittedAt: r.submitted_at,
      verdict: r.verdict,
      technicianCode: str(p.technicianCode),
      failedRequired: Array.isArray(p.failedRequired) ? (p.failedRequired as string[]) : [],
      photos: answers
        .filter((a) => typeof a.photoHash === 'string')
        .map((a) => ({ itemId: String(a.itemId), sha256: String(a.photoHash) })),
    }
  })
}

/** Why a plan's details may not be sent again (null: they may). */
export function resendRefusal(plan: PlanRow): {
  code: 'PLAN_CANCELLED' | 'PLAN_REDEEMED' | 'PRIVACY_ALREADY_ERASED' | 'MESSAGES_NOT_CONSENTED'
  message: string
} | null {
  if (isErased(plan)) {
    return {
      code: 'PRIVACY_ALREADY_ERASED',
      message: `Plan ${plan.planNumber}'s customer was erased: there is nobody on record to send to.`,
    }
  }
  if (plan.status === 'cancelled') {
    return {
      code: 'PLAN_CANCELLED',
      message: `Plan ${plan.planNumber} was cancelled: its details are not sent again.`,
    }
  }
  if (plan.status === 'redeemed') {
    return {
      code: 'PLAN_REDEEMED',
      message: `Plan ${plan.planNumber} was redeemed on ${plan.closedOn}: its details are not sent again.`,
    }
  }
  if (!plan.notify) {
    return {
      code: 'MESSAGES_NOT_CONSENTED',
      message: `Plan ${plan.planNumber}'s customer has not agreed to messages, or withdrew that consent.`,
    }
  }
  return null
}

/** Everything head office holds about one plan, read in one connection; null when unknown. */
function loadStory(ds: DataSource, planNumber: string) {
  return withDb(ds, async (db) => {
    const plan = await findPlanByKey(db, planKey(planNumber))
    if (!plan) return null
    const n = plan.planNumber
    const [inspections, redemptions, cancellations, conflicts, notifications] = [
      await inspectionsOfPlan(db, n),
      await redemptionsOfPlan(db, n),
      await cancellationsOfPlan(db, n),
      await conflictsOfPlan(db, n),
      await notificationsOfPlan(db, n),
    ]
    const eventIds = [
      plan.enrolledEventId,
      ...inspections.map((i) => i.event_id),
      ...cancellations.map((c) => c.event_id),
    ]
    const events = new Map((await eventsById(db, eventIds)).map((e) => [e.id, e]))
    return {
      plan,
      inspections,
      redemptions,
      cancellations,
      conflicts,
      notifications,
      events,
      page: await publicPageOf(db, n),
      requests: await privacyRequestsOfPlan(db, n),
      audit: await auditOfSubject(db, n),
    }
  })
}

/** The papers of a plan head office knows of: the fee's invoice, redemption papers, credit notes. */
function storyDocuments(
  found: NonNullable<Awaited<ReturnType<typeof loadStory>>>,
  taxInvoice: string | null,
) {
  const { plan } = found
  return [
    {
      kind: 'tax-invoice',
      number: taxInvoice,
      onDate: plan.enrolledOn,
      amountPaise: plan.feePaise,
      where: `${plan.storeCode}/${plan.kioskCode}`,
      conflict: false,
    },
    ...found.redemptions.flatMap((r) => [
      {
        kind: 'exchange-voucher',
        number: r.exchange_voucher_number,
        onDate: r.on_date,
        amountPaise: num(r.credit_paise),
        where: `${r.store_code}/${r.kiosk_code}`,
        // A redemption head office did not apply (a double redemption) still issued its papers.
        conflict: r.status === 'conflict',
      },
      ...(r.new_sales_invoice
        ? [
            {
              kind: 'new-phone-invoice',
              number: r.new_sales_invoice,
              onDate: r.on_date,
              amountPaise: num(r.new_price_paise),
              where: `${r.store_code}/${r.kiosk_code}`,
              conflict: r.status === 'conflict',
            },
          ]
        : []),
    ]),
    // A refund inside the cooling-off window reverses the fee's invoice: a credit note, numbered
    // in the kiosk's own series (the cancellation event does not carry its number).
    ...found.cancellations
      .filter((c) => num(c.refund_paise) > 0)
      .map((c) => ({
        kind: 'credit-note',
        number: null,
        onDate: c.cancelled_on,
        amountPaise: num(c.refund_paise),
        where: `${c.store_code}/${c.kiosk_code}`,
        conflict: c.status === 'conflict',
      })),
  ]
}

/** What happened to the plan, when and where, oldest first. */
function storyHistory(found: NonNullable<Awaited<ReturnType<typeof loadStory>>>) {
  const { plan, events } = found
  const cancellationReason = (eventId: string) => str(payloadOf(events.get(eventId)).reason)
  return [
    { on: plan.enrolledOn, what: 'enrolled', where: `${plan.storeCode}/${plan.kioskCode}` },
    ...found.inspections.map((i) => ({
      on: i.submitted_at.slice(0, 10),
      what: `inspected: ${i.verdict}`,
      where: `${i.store_code}/${i.kiosk_code}`,
    })),
    ...found.redemptions.map((r) => ({
      on: r.on_date,
      what: r.status === 'conflict' ? 'redemption conflict' : 'redeemed',
      where: `${r.store_code}/${r.kiosk_code}`,
    })),
    ...found.redemptions
      .filter((r) => r.collected_on)
      .map((r) => ({
        on: r.collected_on as string,
        what: 'old phone collected',
        where: `${r.store_code}/${r.kiosk_code}`,
      })),
    ...found.cancellations.map((c) => ({
      on: c.cancelled_on,
      what: `cancelled${cancellationReason(c.event_id) ? `: ${cancellationReason(c.event_id)}` : ''}`,
      where: `${c.store_code}/${c.kiosk_code}`,
    })),
    ...found.requests.map((r) => ({
      on: String(r.received_on),
      what: `data-principal request (${String(r.kind)}): ${String(r.status)}`,
      where:
        r.source === 'kiosk'
          ? `at store ${String(r.store_code ?? '')}`
          : String(r.raised_by ?? 'head office'),
    })),
    ...found.audit
      .filter((a) => a.action === 'plan.resend')
      .map((a) => ({
        on: new Date(num(a.at) + 5.5 * 3600_000).toISOString().slice(0, 10),
        what: 'details resent',
        where: a.actor,
      })),
  ].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))
}

/**
 * A plan's whole story for the console (docs/console.md#plan-story): enrollment, value today and
 * the timeline (shared/domain's rules on the frozen SRP, dates and schedule), inspections with
 * their photos' hashes, documents, messages, conflicts, privacy requests and what changed when.
 * The customer appears masked (the role decides whether their name does); an erased plan says so.
 */
export async function planStory(
  ds: DataSource,
  planNumber: string,
  viewer: { role: ConsoleRole; today: string; dlt: DltTemplateIds },
) {
  const found = await loadStory(ds, planNumber)
  if (!found) throw new HeadOfficeError('PLAN_NOT_FOUND', `No plan ${planNumber}.`)
  const { plan, events } = found
  const erased = isErased(plan)
  const schedule = plan.schedule ?? DEFAULT_SCHEDULE
  const quote = assuredValue({
    srpPaise: plan.srpPaise,
    purchaseDate: plan.purchaseDate,
    onDate: viewer.today,
    schedule,
  })
  const enrolled = events.get(plan.enrolledEventId)
  const taxInvoice = str(payloadOf(enrolled).taxInvoiceNumber)
  const cancellationReason = (eventId: string) => str(payloadOf(events.get(eventId)).reason)

  const documents = storyDocuments(found, taxInvoice)

  const history = storyHistory(found)

  const refusal = resendRefusal(plan)
  return {
    planNumber: plan.planNumber,
    status: plan.status,
    erased,
    customer: erased
      ? null
      : {
          name: seesCustomerName(viewer.role) ? plan.customerName : null,
          mobile: maskMobile(plan.mobile),
          email: plan.email ? maskEmail(plan.email) : null,
          idType: plan.idType,
          idMasked: plan.idMasked,
        },
    enrollment: enrollmentOf(plan, enrolled),
    value: {
      asOf: viewer.today,
      quote,
      timeline: valueTimeline(plan.srpPaise, plan.purchaseDate, schedule),
      nextStepDown: quote.next,
    },
    inspections: inspectionsOf(found.inspections, events),
    redemptions: found.redemptions.map((r) => ({
      redemptionId: r.redemption_id,
      onDate: r.on_date,
      storeCode: r.store_code,
      kioskCode: r.kiosk_code,
      percent: num(r.percent),
      assuredValuePaise: num(r.assured_value_paise),
      creditPaise: num(r.credit_paise),
      status: r.status,
      deviceStatus: r.device_status,
      customerCheck: r.customer_check,
      handoverSha256: r.handover_sha256,
    })),
    cancellations: found.cancellations.map((c) => ({
      cancellationId: c.cancellation_id,
      cancelledOn: c.cancelled_on,
      storeCode: c.store_code,
      refundPaise: num(c.refund_paise),
      withinWindow: num(c.within_window) === 1,
      reason: cancellationReason(c.event_id),
    })),
    documents,
    notifications: found.notifications.map((r) => notificationLine(r, viewer.dlt)),
    conflicts: found.conflicts.map((c) => ({
      conflictId: String(c.conflict_id),
      kind: String(c.kind),
      status: String(c.status),
      detectedAt: num(c.detected_at),
      resolution: c.resolution === null ? null : String(c.resolution),
    })),
    privacyRequests: found.requests.map((r) => ({
      requestId: String(r.id),
      kind: String(r.kind),
      status: String(r.status),
      receivedOn: String(r.received_on),
      dueOn: String(r.due_on),
    })),
    publicPage: {
      issued: Boolean(found.page?.public_id),
      revoked:
        found.page?.public_revoked_at !== null && found.page?.public_revoked_at !== undefined,
      revokedAt:
        found.page?.public_revoked_at === null || found.page?.public_revoked_at === undefined
          ? null
          : num(found.page.public_revoked_at),
    },
    history,
    resend: refusal ? { allowed: false, reason: refusal.message } : { allowed: true, reason: null },
  }
}
