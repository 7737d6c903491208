import type {
  AccessSummary,
  PrivacyRequestCreate,
  PrivacyRequestView,
} from '../../../shared/contract/privacy'
import { addDays } from '../../../shared/domain/calendar'
import { planKey } from '../../../shared/domain/plan-number'
import { PRIVACY_REQUEST_DUE_DAYS, RETENTION_POLICY } from '../../../shared/domain/retention-policy'
import type { Validation } from '../../../shared/domain/validation'
import {
  validateEmail,
  validateMobile,
  validatePersonName,
} from '../../../shared/domain/validators'
import { KioskError } from '../../../shared/errors'
import type { PrivacyRequestedPayload } from '../../../shared/sync/events'
import { appendAudit } from '../audit/audit-log'
import type { Actor, CoreDeps } from '../context'
import { appendEvent, eventOrigin } from '../outbox/outbox'
import { kioskRetentionDays } from '../retention/retention'
import { findPlanByKey } from '../storage/repos/plans'
import {
  correctCustomer,
  customerById,
  customerPlans,
  insertPrivacyRequest,
  privacyRequestById,
  withdrawConsent,
  type RawCustomer,
} from '../storage/repos/privacy'
import type { Sql } from '../storage/store'

type Correction = NonNullable<PrivacyRequestedPayload['correction']>

function valid<T>(v: Validation<T>, path: string): T {
  if (!v.ok) throw new KioskError(v.code, v.message, [{ path, code: v.code, message: v.message }])
  return v.value
}

/** The corrected fields, each checked by the rule enrollment uses; at least one. */
export function checkedCorrection(c: PrivacyRequestCreate['correction']): Correction {
  const out: Correction = {}
  if (c?.name) out.name = valid(validatePersonName(c.name), 'correction.name')
  if (c?.mobile) out.mobile = valid(validateMobile(c.mobile), 'correction.mobile')
  if (c?.email) out.email = valid(validateEmail(c.email), 'correction.email')
  if (Object.keys(out).length === 0) {
    throw new KioskError('PRIVACY_CORRECTION_EMPTY', 'Enter at least one corrected detail.')
  }
  return out
}

/** What this kiosk holds about a customer (the access request's answer, DPDP Act s.11). */
export function accessSummary(sql: Sql, deps: CoreDeps, c: RawCustomer): AccessSummary {
  const days = kioskRetentionDays(deps, deps.businessDate())
  const items = ['customer-contact', 'request-answers', 'outbox-payloads', 'print-jobs'] as const
  return {
    customer: {
      name: c.name,
      mobile: c.mobile,
      email: c.email,
      idType: c.id_type,
      idMasked: c.id_masked,
    },
    consent: {
      version: c.consent_version,
      at: c.consent_at,
      serviceMessages: c.consent_notifications === 1,
      offers: c.consent_marketing === 1,
      givenBy: c.consent_given_by,
    },
    plans: customerPlans(sql, c.id).map((p) => ({
      planNumber: p.plan_number,
      status: p.status,
      modelName: p.model_name,
      enrolledOn: p.enrolled_on,
    })),
    places: items.map((item) => ({
      item,
      what: RETENTION_POLICY[item].what,
      days: days[item],
    })),
    sharedWith: ['head office (plan registry, service messages)'],
  }
}

/** The plan and its customer, checked against the ID's last 4 the manager read from the card. */
function identify(sql: Sql, req: PrivacyRequestCreate) {
  const plan = findPlanByKey(sql, planKey(req.planNumber))
  if (!plan) {
    throw new KioskError('PLAN_NOT_FOUND', `No plan ${req.planNumber} on this kiosk.`)
  }
  const customer = customerById(sql, plan.customerId)!
  if (customer.anonymised_at) {
    throw new KioskError('PRIVACY_ALREADY_ERASED', "This customer's data was already erased.")
  }
  if (customer.id_last4.toUpperCase() !== req.idLast4.toUpperCase()) {
    throw new KioskError(
      'PRIVACY_IDENTITY_MISMATCH',
      "The ID's last 4 characters do not match this plan's customer.",
    )
  }
  return { plan, customer }
}

/**
 * Takes a data principal's request at the counter (DPDP Act 2023 ss.11–14): checks the person,
 * then in ONE transaction records it with its due date, does at once what the kiosk can (a
 * correction is applied, consent to messages and offers is withdrawn), and queues the
 * `privacy.requested` event that carries it to head office. An erasure is decided at head office
 * (it holds the other copies) and comes back by sync; a customer with an active plan must cancel
 * it first. A retry with the same request id returns the request as recorded.
 */
export async function takePrivacyRequest(
  deps: CoreDeps,
  actor: Actor,
  req: PrivacyRequestCreate,
): Promise<{ request: PrivacyRequestView; summary: AccessSummary | null }> {
  const correction = req.kind === 'correction' ? checkedCorrection(req.correction) : undefined
  return deps.store.write(async (tx) => {
    const { sql } = tx
    const known = privacyRequestById(sql, req.requestId)
    if (known) return { request: known, summary: null }
    const { plan, customer } = identify(sql, req)
    if (
      req.kind === 'erasure' &&
      customerPlans(sql, customer.id).some((p) => p.status === 'active')
    ) {
      throw new KioskError(
        'PRIVACY_PLAN_ACTIVE',
        'The customer has an active plan: cancel it (or wait until it ends) before erasure.',
      )
    }
    const at = deps.nowIso()
    const raisedOn = deps.businessDate()
    const summary = req.kind === 'access' ? accessSummary(sql, deps, customer) : null
    if (correction) correctCustomer(sql, customer.id, correction)
    if (req.kind === 'withdrawal') withdrawConsent(sql, customer.id)
    const dueOn = addDays(raisedOn, PRIVACY_REQUEST_DUE_DAYS)
    insertPrivacyRequest(
      sql,
      { requestId: req.requestId, kind: req.kind, planNumber: plan.planNumber, raisedOn, dueOn },
      actor.code,
      at,
    )
    await appendAudit(tx, {
      at,
      businessDate: raisedOn,
      staff: actor,
      action: 'privacy.request',
      entity: 'plan',
      entityId: plan.id,
      // The fields corrected, never their values.
      details: {
        kind: req.kind,
        requestId: req.requestId,
        corrected: Object.keys(correction ?? {}),
      },
    })
    await appendEvent(tx, eventOrigin(deps, at, raisedOn), 'privacy.requested', {
      requestId: req.requestId,
      kind: req.kind,
      planNumber: plan.planNumber,
      raisedOn,
      ...(correction ? { correction } : {}),
      staffCode: actor.code,
    })
    return { request: privacyRequestById(sql, req.requestId)!, summary }
  })
}
