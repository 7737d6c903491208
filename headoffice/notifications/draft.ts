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
