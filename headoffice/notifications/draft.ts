/** A notification to be written to head office's outbox (`ho_notification`). */
export interface NotificationDraft {
  kind: 'plan-enrolled' | 'step-down-reminder' | 'redemption-confirmed'
  channel: 'sms' | 'email'
  planNumber: string
  /** Mobile (10 digits) for SMS, address for e-mail. */
  recipient: string
  /** DLT template id (SMS only). */
  templateId: string | null
  variables: string[]
  subject: string | null
  /** SMS text or the e-mail's plain-text part. */
  body: string
  html: string | null
  /** Makes enqueueing idempotent: one notification per plan, kind, occasion and channel. */
  dedupeKey: string
  /** Epoch ms before which it is not sent. */
  notBefore: number
}

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
