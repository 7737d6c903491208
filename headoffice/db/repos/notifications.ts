import type { NotificationDraft } from '../../notifications/draft'
import { type Db, exec, insertRows, rows } from '../sql'

/** Column order of `ho_notification` for inserts (matches {@link notificationValues}). */
export const NOTIFICATION_COLUMNS = [
  'id',
  'dedupe_key',
  'kind',
  'channel',
  'plan_number',
  'recipient',
  'template_id',
  'variables',
  'subject',
  'body',
  'html',
  'status',
  'attempts',
  'next_attempt_at',
  'created_at',
] as const

/** Row values of {@link NOTIFICATION_COLUMNS} for a new pending notification. */
export function notificationValues(id: string, d: NotificationDraft, now: number): unknown[] {
  return [
    id,
    d.dedupeKey,
    d.kind,
    d.channel,
    d.planNumber,
    d.recipient,
    d.templateId,
    JSON.stringify(d.variables),
    d.subject,
    d.body,
    d.html,
    'pending',
    0,
    d.notBefore,
    now,
  ]
}

/** A `ho_notification` row as the dispatcher reads it. */
export interface NotificationRow {
  id: string
  channel: 'sms' | 'email'
  recipient: string
  template_id: string | null
  variables: string
  subject: string | null
  body: string
  html: string | null
  status: string
  attempts: number
  next_attempt_at: number
}

/** Queues notifications; one whose dedupe key is already queued is skipped. */
export function insertNotifications(db: Db, values: unknown[][]): Promise<void> {
  return insertRows(db, 'ho_notification', NOTIFICATION_COLUMNS, values, {
    onConflictDoNothing: true,
  })
}

/** How many notifications exist (of any status). */
export async function countNotifications(db: Db): Promise<number> {
  const found = await rows<{ n: number }>(db, `SELECT COUNT(*) AS n FROM ho_notification`)
  return Number(found[0]?.n)
}

/** Pending or leased notifications due by `now`, soonest first. */
export function dueNotifications(db: Db, now: number, limit: number): Promise<NotificationRow[]> {
  return rows<NotificationRow>(
    db,
    `SELECT * FROM ho_notification WHERE status IN ('pending', 'sending') AND next_attempt_at <= ?
     ORDER BY next_attempt_at LIMIT ?`,
    [now, limit],
  )
}

/**
 * Takes a lease on a notification: only if its (status, next_attempt_at) pair is still the one
 * read, so two dispatchers never take the same message. False when another run was first.
 */
export async function leaseNotification(
  db: Db,
  n: Pick<NotificationRow, 'id' | 'status' | 'next_attempt_at'>,
  leaseUntil: number,
): Promise<boolean> {
  const claimed = await exec(
    db,
    `UPDATE ho_notification SET status = 'sending', next_attempt_at = ?
     WHERE id = ? AND status = ? AND next_attempt_at = ?`,
    [leaseUntil, n.id, n.status, n.next_attempt_at],
  )
  return claimed === 1
}

/** Sent is a fact whoever holds the lease now; only a row already marked sent stays as is. */
export async function markNotificationSent(
  db: Db,
  id: string,
  sent: { attempts: number; at: number; providerRef: string | null },
): Promise<void> {
  await exec(
    db,
    `UPDATE ho_notification SET status = 'sent', attempts = ?, sent_at = ?, provider_ref = ?,
     last_error = NULL WHERE id = ? AND status <> 'sent'`,
    [sent.attempts, sent.at, sent.providerRef, id],
  )
}

/**
 * Records a failed attempt (to retry at `nextAttemptAt`, or failed for good) — only while the
 * lease ending `leaseUntil` is still this run's: a failure reported after another run took the
 * message over (and perhaps sent it) must not put it back in the queue.
 */
export async function markNotificationFailed(
  db: Db,
  id: string,
  leaseUntil: number,
  failure: { status: 'pending' | 'failed'; attempts: number; error: string; nextAttemptAt: number },
): Promise<void> {
  await exec(
    db,
    `UPDATE ho_notification SET status = ?, attempts = ?, last_error = ?, next_attempt_at = ?
     WHERE id = ? AND status = 'sending' AND next_attempt_at = ?`,
    [failure.status, failure.attempts, failure.error, failure.nextAttemptAt, id, leaseUntil],
  )
}

/** Notifications for the desk, newest first, optionally of one status or plan. */
export function notificationList(
  db: Db,
  filter: { status?: string; planNumber?: string; limit: number },
): Promise<Array<Record<string, unknown>>> {
  const where: string[] = []
  const params: unknown[] = []
  if (filter.status) {
    where.push('status = ?')
    params.push(filter.status)
  }
  if (filter.planNumber) {
    where.push('plan_number = ?')
    params.push(filter.planNumber)
  }
  return rows(
    db,
    `SELECT id, kind, channel, plan_number, template_id, status, attempts, last_error,
     created_at, sent_at FROM ho_notification
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC LIMIT ?`,
    [...params, filter.limit],
  )
}
