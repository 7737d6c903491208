/**
 * How long each kind of personal data is kept, on the kiosk and at head office (issue 18,
 * docs/privacy.md#how-long-each-item-is-kept). The one place of these defaults: the kiosk's
 * retention (electron/core/retention), head office's (headoffice/retention) and the privacy note
 * all read them. A deployment may shorten or lengthen an item through configuration (the kiosk's
 * `KioskCoreConfig.retentionDays`, head office's `RETENTION_<ITEM>_DAYS`); the customer's details
 * on the kiosk follow the catalog's `kycRetentionDays`, which head office publishes.
 *
 * DPDP Act 2023 s.8(7): personal data is erased once its purpose is served, unless a law requires
 * it to be kept; each item says which purpose it serves and for how long.
 */
export const RETENTION_ITEMS = [
  'customer-contact',
  'request-answers',
  'outbox-payloads',
  'print-jobs',
  'photos',
  'logs',
  'backups',
  'ho-customer-contact',
  'ho-event-payloads',
  'ho-notifications',
  'gst-records',
] as const

export type RetentionItem = (typeof RETENTION_ITEMS)[number]

/** One item of the policy: where it lives, from when its days count, how many, and why. */
export interface RetentionRule {
  where: 'kiosk' | 'headoffice' | 'both'
  what: string
  /** The event the days count from. */
  after: 'plan-closed' | 'written' | 'acknowledged' | 'applied' | 'sent' | 'financial-year-end'
  days: number
  /** What is done when the days are up. */
  action: 'anonymise' | 'scrub' | 'delete' | 'keep'
  reason: string
}

/** Eight years: CGST Act s.36 (72 months from the due date of the year's annual return). */
const GST_YEARS_DAYS = 8 * 366

export const RETENTION_POLICY: Readonly<Record<RetentionItem, RetentionRule>> = {
  'customer-contact': {
    where: 'kiosk',
    what: "customer's name, mobile, e-mail, ID type/mask/last 4, Aadhaar HMAC, guardian's name",
    after: 'plan-closed',
    days: 365,
    action: 'anonymise',
    reason:
      'Disputes about a redemption or cancellation surface within a year of the plan closing ' +
      "(the catalog's kycRetentionDays, default 365, is what the kiosk applies).",
  },
  'request-answers': {
    where: 'kiosk',
    what: "the first answer to a retried sale (requests.response: the customer's name, receipt)",
    after: 'written',
    days: 7,
    action: 'delete',
    reason: 'Only needed to answer a retry of the same request; a week covers a long weekend off.',
  },
  'outbox-payloads': {
    where: 'kiosk',
    what: "the customer's details inside an enrollment event already answered by head office",
    after: 'acknowledged',
    days: 7,
    action: 'scrub',
    reason:
      'Head office holds the event once it answers; the kiosk keeps the event row (its sequence) ' +
      'but not the person.',
  },
  'print-jobs': {
    where: 'kiosk',
    what: 'receipts waiting for a printer (print-jobs/)',
    after: 'written',
    days: 7,
    action: 'delete',
    reason: 'A receipt not printed in a week is reprinted from the records, never from the queue.',
  },
  photos: {
    where: 'kiosk',
    what: 'inspection photos of the phone (photos/)',
    after: 'written',
    days: 180,
    action: 'delete',
    reason:
      "Evidence of the phone's condition for a dispute about an inspection, which is raised " +
      'with the logistics collection within months; a photo may show a person or a screen.',
  },
  logs: {
    where: 'kiosk',
    what: 'log files (logs/)',
    after: 'written',
    days: 30,
    action: 'delete',
    reason: 'Support looks back a few weeks; the logger already shortens numbers and drops IDs.',
  },
  backups: {
    where: 'kiosk',
    what: 'database copies taken before a schema migration (backups/)',
    after: 'written',
    days: 30,
    action: 'delete',
    reason:
      'A copy is for rolling back a failed upgrade; past a month it only keeps people retention ' +
      'or an erasure already removed.',
  },
  'ho-customer-contact': {
    where: 'headoffice',
    what: "customer's name, mobile, e-mail, ID mask and last 4 on head office's plan registry",
    after: 'plan-closed',
    days: 365,
    action: 'anonymise',
    reason: 'The same year as the kiosk: service messages and disputes end with the plan.',
  },
  'ho-event-payloads': {
    where: 'headoffice',
    what: "the customer inside raw enrollment events (ho_sync_event.payload) and consent's guardian",
    after: 'applied',
    days: 30,
    action: 'scrub',
    reason:
      'The applied plan row holds what head office needs; the raw event is kept a month for ' +
      'diagnosing a sync problem, then without the person.',
  },
  'ho-notifications': {
    where: 'headoffice',
    what: 'recipient, text and variables of an SMS or e-mail sent (ho_notification)',
    after: 'sent',
    days: 90,
    action: 'scrub',
    reason:
      'A customer asking whether a message was sent is answered within a quarter; the row ' +
      'stays (kind, time, status) without the address or text.',
  },
  'gst-records': {
    where: 'both',
    what: 'the tax invoice and credit note: number, date, value, GST, SAC, place of supply',
    after: 'financial-year-end',
    days: GST_YEARS_DAYS,
    action: 'keep',
    reason:
      'CGST Act s.36 / Rule 56: accounts kept 72 months from the due date of the annual return. ' +
      "A B2C invoice under Rule 46(f) below Rs 50,000 carries no recipient's name, so the kept " +
      'record holds no personal data.',
  },
}

/** Days of each item, the policy's defaults with a deployment's overrides. */
export function retentionDays(
  overrides: Partial<Record<RetentionItem, number>> = {},
): Record<RetentionItem, number> {
  const days = {} as Record<RetentionItem, number>
  for (const item of RETENTION_ITEMS) {
    const override = overrides[item]
    days[item] =
      override !== undefined && Number.isInteger(override) && override >= 0
        ? override
        : RETENTION_POLICY[item].days
  }
  return days
}

/**
 * Data-principal requests (DPDP Act 2023 ss.11–14): what a customer may ask for, and the days
 * head office gives itself to complete one. The DPDP Rules 2025 allow at most 90 days to answer a
 * grievance; the program commits to 30 so an answer reaches the customer within the month a
 * store's staff promise it, and a late one is flagged well before the legal limit.
 */
export const PRIVACY_REQUEST_KINDS = ['access', 'correction', 'erasure', 'withdrawal'] as const
export type PrivacyRequestKind = (typeof PRIVACY_REQUEST_KINDS)[number]
export const PRIVACY_REQUEST_DUE_DAYS = 30
export const PRIVACY_REQUEST_STATUSES = ['open', 'completed', 'refused'] as const
export type PrivacyRequestStatus = (typeof PRIVACY_REQUEST_STATUSES)[number]

/** What anonymised personal fields read as, everywhere (kiosk and head office). */
export const ANONYMISED = { name: 'Anonymised customer', mobile: '0000000000' } as const
