import type { PrivacyRequestView } from '../../../../shared/contract/privacy'
import { ANONYMISED } from '../../../../shared/domain/retention-policy'
import type { PrivacyRequestState } from '../../../../shared/sync/protocol'
import type { Sql } from '../store'

// The SQL of retention and data-principal requests (issue 18): who to anonymise, what to scrub,
// and the privacy_requests table.

/** Customers (not yet anonymised) whose every plan closed on or before `cutoff`. */
export function customersPastRetention(sql: Sql, cutoff: string): string[] {
  // Closed on the cutoff day itself is exactly `days` ago: eligible.
  const qualifies = `((p.status IN ('redeemed', 'cancelled') AND p.closed_on <= ?)
    OR (p.status = 'active' AND p.expires_on <= ?))`
  return sql
    .all<{ id: string }>(
      `SELECT c.id FROM customers c
       WHERE c.anonymised_at IS NULL
         AND EXISTS (SELECT 1 FROM plans p WHERE p.customer_id = c.id)
         AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.customer_id = c.id AND NOT ${qualifies})`,
      cutoff,
      cutoff,
    )
    .map((r) => r.id)
}

/** Replaces a customer's personal details with the anonymised values; consents to nothing more. */
export function anonymiseCustomer(sql: Sql, customerId: string, at: string): number {
  return sql.run(
    `UPDATE customers SET name = ?, mobile = ?, email = NULL,
       id_masked = 'XXXX', id_last4 = '----', aadhaar_hmac = NULL, guardian_name = NULL,
       consent_notifications = 0, consent_marketing = 0, anonymised_at = ?
     WHERE id = ? AND anonymised_at IS NULL`,
    ANONYMISED.name,
    ANONYMISED.mobile,
    at,
    customerId,
  ).changes
}

/** Distinct customers of these plans (by number), anonymised or not. */
export function customersOfPlans(sql: Sql, planNumbers: string[]): string[] {
  if (planNumbers.length === 0) return []
  return sql
    .all<{ customer_id: string }>(
      `SELECT DISTINCT customer_id FROM plans
       WHERE plan_number IN (SELECT value FROM json_each(?))`,
      JSON.stringify(planNumbers),
    )
    .map((r) => r.customer_id)
}

/** Plan numbers of a customer. */
export function planNumbersOfCustomer(sql: Sql, customerId: string): string[] {
  return sql
    .all<{ plan_number: string }>(
      'SELECT plan_number FROM plans WHERE customer_id = ? ORDER BY enrolled_at',
      customerId,
    )
    .map((r) => r.plan_number)
}

/**
 * The customer inside enrollment events head office has answered, replaced by the anonymised
 * values; a correction inside a privacy request removed. `planNumbers` null: every answered event
 * acknowledged before `sentBefore` (the outbox-payloads item); otherwise only those plans' events
 * (an erasure or anonymisation). A pending event keeps them until it is sent.
 */
export function scrubAnsweredPayloads(
  sql: Sql,
  scope: { planNumbers: string[] } | { sentBefore: string },
): number {
  const where =
    'planNumbers' in scope
      ? `json_extract(payload, '$.planNumber') IN (SELECT value FROM json_each(?))`
      : 'sent_at < ?'
  const arg = 'planNumbers' in scope ? JSON.stringify(scope.planNumbers) : scope.sentBefore
  const enrolled = sql.run(
    `UPDATE outbox SET payload = json_set(payload,
       '$.customer.name', ?, '$.customer.mobile', ?, '$.customer.email', NULL,
       '$.customer.idMasked', 'XXXX', '$.customer.idLast4', '----',
       '$.customer.aadhaarHmac', NULL, '$.consent.guardianName', NULL)
     WHERE type = 'plan.enrolled' AND status <> 'pending'
       AND json_extract(payload, '$.customer.name') IS NOT ?
       AND ${where}`,
    ANONYMISED.name,
    ANONYMISED.mobile,
    ANONYMISED.name,
    arg,
  ).changes
  const corrections = sql.run(
    `UPDATE outbox SET payload = json_remove(payload, '$.correction')
     WHERE type = 'privacy.requested' AND status <> 'pending'
       AND json_type(payload, '$.correction') IS NOT NULL AND ${where}`,
    arg,
  ).changes
  return enrolled + corrections
}

/** Deletes stored first answers written before `before` (ISO instant). */
export function deleteRequestsBefore(sql: Sql, before: string): number {
  return sql.run('DELETE FROM requests WHERE created_at < ?', before).changes
}

/** Deletes stored first answers that name any of these plans (they hold the customer's name). */
export function deleteRequestsOfPlans(sql: Sql, planNumbers: string[]): number {
  let n = 0
  for (const number of planNumbers) {
    n += sql.run(
      `DELETE FROM requests WHERE instr(response, ?) > 0`,
      JSON.stringify(number),
    ).changes
  }
  return n
}

interface RawRequest {
  id: string
  kind: PrivacyRequestView['kind']
  plan_number: string
  status: PrivacyRequestView['status']
  source: PrivacyRequestView['source']
  raised_on: string
  due_on: string
  completed_on: string | null
  outcome: string | null
  synced: number
}

function toView(r: RawRequest): PrivacyRequestView {
  return {
    requestId: r.id,
    kind: r.kind,
    planNumber: r.plan_number,
    status: r.status,
    source: r.source,
    raisedOn: r.raised_on,
    dueOn: r.due_on,
    completedOn: r.completed_on,
    outcome: r.outcome,
    synced: r.synced === 1,
  }
}

/** One request by id. */
export function privacyRequestById(sql: Sql, id: string): PrivacyRequestView | null {
  const r = sql.get<RawRequest>('SELECT * FROM privacy_requests WHERE id = ?', id)
  return r ? toView(r) : null
}

/** Requests, newest first. */
export function listPrivacyRequests(sql: Sql, limit = 200): PrivacyRequestView[] {
  return sql
    .all<RawRequest>(
      'SELECT * FROM privacy_requests ORDER BY raised_on DESC, created_at DESC LIMIT ?',
      limit,
    )
    .map(toView)
}

/** Records a request taken at this kiosk. */
export function insertPrivacyRequest(
  sql: Sql,
  r: Omit<PrivacyRequestView, 'status' | 'completedOn' | 'outcome' | 'synced' | 'source'>,
  staffCode: string,
  at: string,
): void {
  sql.run(
    `INSERT INTO privacy_requests (id, kind, plan_number, status, source, raised_on, due_on,
       staff_code, created_at, updated_at)
     VALUES (?, ?, ?, 'open', 'kiosk', ?, ?, ?, ?, ?)`,
    r.requestId,
    r.kind,
    r.planNumber,
    r.raisedOn,
    r.dueOn,
    staffCode,
    at,
    at,
  )
}

/** Head office's state of a request: inserted (raised there) or updated. */
export function upsertPrivacyRequestState(
  sql: Sql,
  s: PrivacyRequestState,
  planNumber: string,
  at: string,
): void {
  sql.run(
    `INSERT INTO privacy_requests (id, kind, plan_number, status, source, raised_on, due_on,
       completed_on, outcome, synced, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, due_on = excluded.due_on,
       completed_on = excluded.completed_on, outcome = excluded.outcome, synced = 1,
       updated_at = excluded.updated_at`,
    s.requestId,
    s.kind,
    planNumber,
    s.status,
    s.source,
    s.receivedOn,
    s.dueOn,
    s.completedOn,
    s.outcome,
    at,
    at,
  )
}

/** Marks the requests among these answered events as received by head office (by event id). */
export function markPrivacyRequestsSynced(sql: Sql, eventIds: string[]): void {
  if (eventIds.length === 0) return
  sql.run(
    `UPDATE privacy_requests SET synced = 1 WHERE synced = 0 AND id IN (
       SELECT json_extract(payload, '$.requestId') FROM outbox
       WHERE id IN (SELECT value FROM json_each(?)) AND type = 'privacy.requested'
         AND status <> 'pending')`,
    JSON.stringify(eventIds),
  )
}

/** Local plan numbers among these. */
export function localPlanNumbers(sql: Sql, planNumbers: string[]): string[] {
  return sql
    .all<{ plan_number: string }>(
      'SELECT plan_number FROM plans WHERE plan_number IN (SELECT value FROM json_each(?))',
      JSON.stringify(planNumbers),
    )
    .map((r) => r.plan_number)
}

/** The customer row as the access summary reads it. */
export interface RawCustomer {
  id: string
  name: string
  mobile: string
  email: string | null
  id_type: string
  id_masked: string
  id_last4: string
  consent_notifications: number
  consent_marketing: number
  consent_version: string
  consent_at: string
  consent_given_by: string | null
  anonymised_at: string | null
}

export function customerById(sql: Sql, id: string): RawCustomer | undefined {
  return sql.get<RawCustomer>('SELECT * FROM customers WHERE id = ?', id)
}

/** Plans of a customer for the access summary. */
export function customerPlans(
  sql: Sql,
  customerId: string,
): Array<{ plan_number: string; status: string; model_name: string; enrolled_on: string }> {
  return sql.all(
    `SELECT plan_number, status, model_name, enrolled_on FROM plans
     WHERE customer_id = ? ORDER BY enrolled_at`,
    customerId,
  )
}

/** Corrects a customer's details (the fields given). */
export function correctCustomer(
  sql: Sql,
  customerId: string,
  c: { name?: string; mobile?: string; email?: string | null },
): void {
  if (c.name !== undefined)
    sql.run('UPDATE customers SET name = ? WHERE id = ?', c.name, customerId)
  if (c.mobile !== undefined)
    sql.run('UPDATE customers SET mobile = ? WHERE id = ?', c.mobile, customerId)
  if (c.email !== undefined)
    sql.run('UPDATE customers SET email = ? WHERE id = ?', c.email, customerId)
}

/** Withdraws the consent to messages and offers. */
export function withdrawConsent(sql: Sql, customerId: string): void {
  sql.run(
    'UPDATE customers SET consent_notifications = 0, consent_marketing = 0 WHERE id = ?',
    customerId,
  )
}
