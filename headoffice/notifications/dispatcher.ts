import type { DataSource } from 'typeorm'
import { exec, rows, withDb } from '../db/sql'
import type { HeadOfficeLogger } from '../logger'
import { PermanentSendError, type EmailSender, type SmsSender } from './senders'

export interface DispatcherOptions {
  ds: DataSource
  sms: SmsSender | null
  email: EmailSender | null
  clock: () => number
  logger: HeadOfficeLogger
  batchSize?: number
  maxAttempts?: number
  /** First retry delay; doubles per attempt up to `maxDelayMs`. */
  baseDelayMs?: number
  maxDelayMs?: number
  /** How long a claimed message is held before another run may take it over (crash recovery). */
  leaseMs?: number
}

export interface DispatchSummary {
  sent: number
  retried: number
  failed: number
}

interface NotificationRow {
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

/** Delay before attempt `attempts + 1`: exponential, capped. */
export function retryDelay(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1))
}

/**
 * Sends what is due from head office's notification outbox. Each message is claimed with a
 * conditional UPDATE (so two dispatchers never send it at once) and a lease: a dispatcher that
 * dies after the gateway or SMTP server accepted a message, but before the row says `sent`, leaves
 * it to be sent again after the lease. Delivery is therefore at-least-once; it is made
 * effectively-once at the receiver, because every attempt carries the row's id as a stable
 * reference (the SMS gateway's `clientRef`, which it deduplicates on; the e-mail's Message-ID,
 * which mail systems and clients use to drop a duplicate). Every attempt's outcome and error is
 * recorded on the row.
 */
export async function dispatchDue(options: DispatcherOptions): Promise<DispatchSummary> {
  const {
    ds,
    clock,
    logger,
    batchSize = 50,
    maxAttempts = 8,
    baseDelayMs = 30_000,
    maxDelayMs = 6 * 3600_000,
    leaseMs = 5 * 60_000,
  } = options
  const summary: DispatchSummary = { sent: 0, retried: 0, failed: 0 }
  const now = clock()
  const due = await withDb(ds, (db) =>
    rows<NotificationRow>(
      db,
      `SELECT * FROM ho_notification WHERE status IN ('pending', 'sending') AND next_attempt_at <= ?
       ORDER BY next_attempt_at LIMIT ?`,
      [now, batchSize],
    ),
  )
  for (const n of due) {
    // The lease is the row's (status 'sending', next_attempt_at) pair: a run that outlives it
    // (a hung SMTP server, a paused process) finds the pair changed once another run took over.
    const leaseUntil = now + leaseMs
    const claimed = await withDb(ds, (db) =>
      exec(
        db,
        `UPDATE ho_notification SET status = 'sending', next_attempt_at = ?
         WHERE id = ? AND status = ? AND next_attempt_at = ?`,
        [leaseUntil, n.id, n.status, n.next_attempt_at],
      ),
    )
    if (claimed !== 1) continue
    const attempts = Number(n.attempts) + 1
    try {
      const result = await send(options, n)
      await withDb(ds, (db) =>
        exec(
          db,
          // Sent is a fact whoever holds the lease now; only a row already marked sent stays as is.
          `UPDATE ho_notification SET status = 'sent', attempts = ?, sent_at = ?, provider_ref = ?,
           last_error = NULL WHERE id = ? AND status <> 'sent'`,
          [attempts, clock(), result.providerRef, n.id],
        ),
      )
      summary.sent += 1
    } catch (error) {
      const message = (error as Error).message.slice(0, 500)
      const permanent = error instanceof PermanentSendError || attempts >= maxAttempts
      await withDb(ds, (db) =>
        exec(
          db,
          // Only while this run still holds the lease: a failure reported after another run took
          // the message over (and perhaps sent it) must not put it back in the queue.
          `UPDATE ho_notification SET status = ?, attempts = ?, last_error = ?, next_attempt_at = ?
           WHERE id = ? AND status = 'sending' AND next_attempt_at = ?`,
          [
            permanent ? 'failed' : 'pending',
            attempts,
            message,
            permanent ? now : clock() + retryDelay(attempts, baseDelayMs, maxDelayMs),
            n.id,
            leaseUntil,
          ],
        ),
      )
      if (permanent) summary.failed += 1
      else summary.retried += 1
      logger.warn('notification not sent', {
        id: n.id,
        channel: n.channel,
        attempts,
        error: message,
      })
    }
  }
  return summary
}

function send(options: DispatcherOptions, n: NotificationRow) {
  if (n.channel === 'sms') {
    if (!options.sms) throw new Error('SMS gateway not configured')
    return options.sms.send({
      notificationId: n.id,
      to: n.recipient,
      templateId: n.template_id ?? '',
      variables: JSON.parse(n.variables) as string[],
      text: n.body,
    })
  }
  if (!options.email) throw new Error('SMTP not configured')
  return options.email.send({
    notificationId: n.id,
    to: n.recipient,
    subject: n.subject ?? '',
    text: n.body,
    html: n.html,
  })
}
