import { type Db, exec, inList, one, rows } from '../sql'

// The SQL of the console's customer-care screens (issue 21): a plan's story, the notifications
// log, and the identity check of a request taken in the console. Each read of a plan's story
// goes by an index on plan_number (migration 0016) or by primary key.

export interface InspectionRow {
  inspection_id: string
  event_id: string
  store_code: string
  kiosk_code: string
  verdict: string
  submitted_at: string
}

export function inspectionsOfPlan(db: Db, planNumber: string): Promise<InspectionRow[]> {
  return rows<InspectionRow>(
    db,
    `SELECT inspection_id, event_id, store_code, kiosk_code, verdict, submitted_at
     FROM ho_inspection WHERE plan_number = ? ORDER BY submitted_at`,
    [planNumber],
  )
}

export interface RedemptionRow {
  redemption_id: string
  event_id: string
  store_code: string
  kiosk_code: string
  on_date: string
  percent: number | string
  assured_value_paise: number | string
  credit_paise: number | string
  new_price_paise: number | string
  new_sales_invoice: string | null
  exchange_voucher_number: string | null
  device_status: string
  collected_on: string | null
  status: string
  customer_check: string | null
  handover_sha256: string | null
}

export function redemptionsOfPlan(db: Db, planNumber: string): Promise<RedemptionRow[]> {
  return rows<RedemptionRow>(
    db,
    `SELECT redemption_id, event_id, store_code, kiosk_code, on_date, percent,
       assured_value_paise, credit_paise, new_price_paise, new_sales_invoice,
       exchange_voucher_number, device_status, collected_on, status, customer_check,
       handover_sha256
     FROM ho_redemption WHERE plan_number = ? ORDER BY on_date, redemption_id`,
    [planNumber],
  )
}

export interface CancellationRow {
  cancellation_id: string
  event_id: string
  store_code: string
  kiosk_code: string
  cancelled_on: string
  refund_paise: number | string
  within_window: number | string
  status: string
}

export function cancellationsOfPlan(db: Db, planNumber: string): Promise<CancellationRow[]> {
  return rows<CancellationRow>(
    db,
    `SELECT cancellation_id, event_id, store_code, kiosk_code, cancelled_on, refund_paise,
       within_window, status
     FROM ho_cancellation WHERE plan_number = ? ORDER BY cancelled_on, cancellation_id`,
    [planNumber],
  )
}

export function conflictsOfPlan(db: Db, planNumber: string): Promise<Record<string, unknown>[]> {
  return rows(db, `SELECT * FROM ho_conflict WHERE plan_number = ? ORDER BY detected_at`, [
    planNumber,
  ])
}

/** A stored event as the story reads it (its payload is picked field by field, never shown). */
export interface StoredEventRow {
  id: string
  type: string
  kiosk_id: string
  store_code: string
  business_date: string | null
  occurred_at: string | null
  status: string
  received_at: number | string
  payload: string
}

/** Stored events by id (the plan's own: enrollment, inspections, redemption, cancellation). */
export function eventsById(db: Db, ids: string[]): Promise<StoredEventRow[]> {
  if (ids.length === 0) return Promise.resolve([])
  return rows<StoredEventRow>(
    db,
    `SELECT id, type, kiosk_id, store_code, business_date, occurred_at, status, received_at,
       payload FROM ho_sync_event WHERE id IN ${inList(ids.length)}`,
    ids,
  )
}

/** The public page's state of a plan (not part of {@link PlanRow}). */
export function publicPageOf(
  db: Db,
  planNumber: string,
): Promise<{ public_id: string | null; public_revoked_at: number | string | null } | null> {
  return one(db, `SELECT public_id, public_revoked_at FROM ho_plan WHERE plan_number = ?`, [
    planNumber,
  ])
}

/** A `ho_notification` row as the console shows it (address masked by the service). */
export interface NotificationLogRow {
  id: string
  kind: string
  channel: string
  plan_number: string
  recipient: string
  template_id: string | null
  status: string
  attempts: number | string
  last_error: string | null
  next_attempt_at: number | string
  created_at: number | string
  sent_at: number | string | null
}

const LOG_COLUMNS = `id, kind, channel, plan_number, recipient, template_id, status, attempts,
  last_error, next_attempt_at, created_at, sent_at`

export function notificationsOfPlan(db: Db, planNumber: string): Promise<NotificationLogRow[]> {
  return rows<NotificationLogRow>(
    db,
    `SELECT ${LOG_COLUMNS} FROM ho_notification WHERE plan_number = ? ORDER BY created_at, id`,
    [planNumber],
  )
}

export interface NotificationFilter {
  status?: string
  channel?: string
  planNumber?: string
  /** Created at or after (epoch ms). */
  from?: number
  /** Created before (epoch ms). */
  before?: number
}

function where(f: NotificationFilter): { sql: string; params: unknown[] } {
  const parts: string[] = []
  const params: unknown[] = []
  const add = (sql: string, value: unknown) => {
    parts.push(sql)
    params.push(value)
  }
  if (f.status) add('status = ?', f.status)
  if (f.channel) add('channel = ?', f.channel)
  if (f.planNumber) add('plan_number = ?', f.planNumber)
  if (f.from !== undefined) add('created_at >= ?', f.from)
  if (f.before !== undefined) add('created_at < ?', f.before)
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params }
}

/** A page of the notifications log, newest first, and how many match. */
export async function notificationLogPage(
  db: Db,
  filter: NotificationFilter,
  limit: number,
  offset: number,
): Promise<{ rows: NotificationLogRow[]; total: number }> {
  const w = where(filter)
  const total = await one<{ n: number | string }>(
    db,
    `SELECT COUNT(*) AS n FROM ho_notification ${w.sql}`,
    w.params,
  )
  const page = await rows<NotificationLogRow>(
    db,
    `SELECT ${LOG_COLUMNS} FROM ho_notification ${w.sql}
     ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
    [...w.params, limit, offset],
  )
  return { rows: page, total: Number(total?.n ?? 0) }
}

export function findNotificationLog(db: Db, id: string): Promise<NotificationLogRow | null> {
  return one<NotificationLogRow>(db, `SELECT ${LOG_COLUMNS} FROM ho_notification WHERE id = ?`, [
    id,
  ])
}

/**
 * Puts a failed notification back in the dispatcher's queue, due now; only while it is still
 * failed (0 when it is not: someone else retried it first, or it was never failed).
 */
export function requeueFailedNotification(db: Db, id: string, now: number): Promise<number> {
  return exec(
    db,
    `UPDATE ho_notification SET status = 'pending', next_attempt_at = ?
     WHERE id = ? AND status = 'failed'`,
    [now, id],
  )
}

/** How many times the console resent a plan's details since `since` (its audit lines). */
export async function resendsSince(db: Db, planNumber: string, since: number): Promise<number> {
  const found = await one<{ n: number | string }>(
    db,
    `SELECT COUNT(*) AS n FROM ho_console_audit
     WHERE action = 'plan.resend' AND subject = ? AND at >= ?`,
    [planNumber, since],
  )
  return Number(found?.n ?? 0)
}

/** The audit lines about a plan (resends), oldest first. */
export function auditOfSubject(
  db: Db,
  subject: string,
): Promise<{ at: number | string; actor: string; action: string }[]> {
  return rows(
    db,
    `SELECT at, actor, action FROM ho_console_audit WHERE subject = ? ORDER BY at, audit_id`,
    [subject],
  )
}

/** Privacy requests naming a plan (a small table: the JSON list is matched as text). */
export function privacyRequestsOfPlan(
  db: Db,
  planNumber: string,
): Promise<Record<string, unknown>[]> {
  return rows(
    db,
    `SELECT * FROM ho_privacy_request WHERE plan_numbers LIKE ? ORDER BY received_on, id`,
    [`%${JSON.stringify(planNumber)}%`],
  )
}

/** Records how a request taken in the console checked the person, and who took it. */
export async function setRequestIntake(
  db: Db,
  id: string,
  identityCheck: string,
  raisedBy: string,
): Promise<void> {
  await exec(db, `UPDATE ho_privacy_request SET identity_check = ?, raised_by = ? WHERE id = ?`, [
    identityCheck,
    raisedBy,
    id,
  ])
}
