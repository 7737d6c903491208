import type { DataSource } from 'typeorm'
import {
  dueNotifications,
  leaseNotification,
  markNotificationFailed,
  markNotificationSent,
  type NotificationRow,
} from '../db/repos/notifications'
import { withDb } from '../db/sql'
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
  const due = await withDb(ds, (db) => dueNotifications(db, now, batchSize))
  for (const n of due) {
    // The lease is the row's (status 'sending', next_attempt_at) pair: a run that outlives it
    // (a hung SMTP server, a paused process) finds the pair changed once another run took over.
    const leaseUntil = now + leaseMs
    const claimed = await withDb(ds, (db) => leaseNotification(db, n, leaseUntil))
    if (!claimed) continue
    const attempts = Number(n.attempts) + 1
    try {
      const result = await send(options, n)
      await withDb(ds, (db) =>
        markNotificationSent(db, n.id, { attempts, at: clock(), providerRef: result.providerRef }),
      )
      summary.sent += 1
    } catch (error) {
      const message = (error as Error).message.slice(0, 500)
      const permanent = error instanceof PermanentSendError || attempts >= maxAttempts
      // Only while this run still holds the lease (see markNotificationFailed).
      await withDb(ds, (db) =>
        markNotificationFailed(db, n.id, leaseUntil, {
          status: permanent ? 'failed' : 'pending',
          attempts,
          error: message,
          nextAttemptAt: permanent ? now : clock() + retryDelay(attempts, baseDelayMs, maxDelayMs),
        }),
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
