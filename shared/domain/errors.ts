/**
 * Stable error codes. They cross every boundary (IPC, HTTP bridge, sync API) and the UI
 * translates them (`errors.<CODE>` in the message files), so a code is never renamed or reused.
 */
export const ERROR_CODES = [
  // transport / contract
  'BAD_REQUEST',
  'VALIDATION_FAILED',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'UNAUTHORIZED',
  'PAYLOAD_TOO_LARGE',
  'INTERNAL',
  // staff and roles
  'NOT_SIGNED_IN',
  'ROLE_FORBIDDEN',
  'PIN_INVALID',
  'PIN_LOCKED',
  'STAFF_NOT_FOUND',
  'SESSION_LOCKED',
  'TRAINING_ONLY',
  'UNLOCK_CODE_INVALID',
  // validators
  'DATE_INVALID',
  'IMEI_INVALID',
  'IMEI_DUPLICATE',
  'MOBILE_INVALID',
  'EMAIL_INVALID',
  'AADHAAR_INVALID',
  'VID_INVALID',
  'PAN_INVALID',
  'GSTIN_INVALID',
  'ID_NUMBER_INVALID',
  'INVOICE_NUMBER_INVALID',
  'SALES_INVOICE_INVALID',
  'BUSINESS_NAME_INVALID',
  'BUSINESS_ADDRESS_INVALID',
  'NAME_INVALID',
  'AMOUNT_INVALID',
  'PAYMENT_REFERENCE_REQUIRED',
  // catalog
  'CATALOG_INVALID',
  'CATALOG_NOT_LOADED',
  'CATALOG_VERSION_OLDER',
  'MODEL_NOT_FOUND',
  'MODEL_INACTIVE',
  'VARIANT_NOT_FOUND',
  'STORE_NOT_FOUND',
  // enrollment eligibility
  'ONLINE_PURCHASE',
  'STORE_NOT_IN_PROGRAM',
  'ENROLLMENT_BEFORE_PURCHASE',
  'ENROLLMENT_WINDOW_CLOSED',
  'PURCHASE_DATE_IN_FUTURE',
  'IMEI_ALREADY_ENROLLED',
  'CONSENT_REQUIRED',
  'CONSENT_VERSION_UNKNOWN',
  // plans and redemption
  'PLAN_NOT_FOUND',
  'PLAN_NOT_ACTIVE',
  'PLAN_REDEEMED',
  'PLAN_CANCELLED',
  'TOO_EARLY',
  'PLAN_EXPIRED',
  'CUSTOMER_MISMATCH',
  'INSPECTION_REQUIRED',
  'INSPECTION_INCOMPLETE',
  'INSPECTION_FAILED',
  'INSPECTION_NOT_FOUND',
  'NEW_DEVICE_NOT_BRAND',
  'OFFLINE_LIMIT_EXCEEDED',
  'REDEEMED_ELSEWHERE',
  'IMEI_NOT_ON_PLAN',
  'INSPECTION_ALREADY_SUBMITTED',
  'PHOTO_INVALID',
  'DEVICE_NOT_FOUND',
  'DEVICE_ALREADY_COLLECTED',
  'INSPECTION_STALE',
  'INSPECTION_SUPERSEDED',
  'NEW_DEVICE_NOT_IN_CATALOG',
  'NEW_DEVICE_PRICE_ABOVE_SRP',
  'IMEI_ENROLLED_ELSEWHERE',
  'IMEI_LOST_OR_STOLEN',
  'HANDOVER_DECLARATION_REQUIRED',
  'SIGNATURE_IMAGE_INVALID',
  'CUSTOMER_CHECK_REQUIRED',
  'OTP_INVALID',
  'OTP_EXPIRED',
  'OTP_ATTEMPTS_EXCEEDED',
  'OTP_UNAVAILABLE',
  'OTP_NOT_VERIFIED',
  // cancellation
  'CANCELLATION_REASON_REQUIRED',
  'CANCELLATION_WRONG_STORE',
  'REFUND_MISMATCH',
  // storage
  'DATABASE_NEWER_THAN_APP',
  'DATABASE_HISTORY_MISMATCH',
  'IDEMPOTENCY_CONFLICT',
  // printing
  'PRINTER_OFFLINE',
  'PRINTER_OUT_OF_PAPER',
  'PRINTER_COVER_OPEN',
  'PRINTER_NOT_CONFIGURED',
  'PRINT_JOB_NOT_FOUND',
  'RECEIPT_NOT_FOUND',
  // sync
  'SYNC_OFFLINE',
  'SYNC_REJECTED',
  'SYNC_CONFLICT',
  // head office
  'NOT_FOUND',
  'KIOSK_UNKNOWN',
  'KIOSK_REVOKED',
  'KIOSK_EXISTS',
  'KIOSK_CODE_TAKEN',
  'KIOSK_STORE_MISMATCH',
  'SIGNATURE_INVALID',
  'SIGNATURE_EXPIRED',
  'NONCE_REPLAYED',
  'RATE_LIMITED',
  'EVENT_INVALID',
  'TRAINING_EVENT',
  'VALUE_MISMATCH',
  'PLAN_EXISTS',
  'PLAN_RESERVED',
  'RESERVATION_NOT_FOUND',
  'CONFLICT_NOT_FOUND',
  'TEMPLATE_MISMATCH',
  'CATALOG_VERSION_UNKNOWN',
  'CATALOG_NOT_YET_IN_FORCE',
  'SRP_MISMATCH',
  'FEE_MISMATCH',
  'GST_SPLIT_MISMATCH',
  // data-principal requests (issue 18)
  'PRIVACY_IDENTITY_MISMATCH',
  'PRIVACY_PLAN_ACTIVE',
  'PRIVACY_ALREADY_ERASED',
  'PRIVACY_CORRECTION_EMPTY',
  'PRIVACY_REQUEST_NOT_FOUND',
  'PRIVACY_REQUEST_CLOSED',
  // fleet: provisioning a kiosk from a one-time code (issue 20, docs/fleet.md)
  'PROVISIONING_CODE_INVALID',
  'PROVISIONING_CODE_USED',
  'PROVISIONING_CODE_EXPIRED',
  'KIOSK_ALREADY_PROVISIONED',
  'KIOSK_HOLDS_SALES',
  // kiosk updates (docs/updates.md)
  'UPDATE_RELEASE_INVALID',
  'UPDATE_SIGNATURE_INVALID',
  'UPDATE_HASH_MISMATCH',
  // trade-in (issue 22)
  'TRADE_IN_PARTNER_UNAVAILABLE',
  'TRADE_IN_QUOTE_EXPIRED',
  'TRADE_IN_PRICE_CHANGED',
  'TRADE_IN_NOT_ACCEPTABLE',
  'TRADE_IN_NO_PRICE',
  'TRADE_IN_GRID_EXPIRED',
  // head-office console, customer care (issue 21, docs/console.md)
  'NOTIFICATION_NOT_RETRYABLE',
  'MESSAGES_NOT_CONSENTED',
  'TRADE_IN_NOT_OFFERED',
  'TRADE_IN_NOT_FOUND',
  'TRADE_IN_PLAN_REDEEMABLE',
  'TRADE_IN_MODEL_UNKNOWN',
  'TRADE_IN_IMEI_TRADED',
  'TRADE_IN_STATE_INVALID',
  'TRADE_IN_CHECKLIST_INCOMPLETE',
  'TRADE_IN_VOUCHER_NOT_FOUND',
  'TRADE_IN_VOUCHER_CODE_INVALID',
  'TRADE_IN_VOUCHER_USED',
  'TRADE_IN_VOUCHER_EXPIRED',
  'TRADE_IN_AMOUNT_MISMATCH',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/**
 * The figures an error's message is made of (attempts left, a lock's end, days allowed), as
 * values: the UI words them in the clerk's language instead of showing the English message.
 */
export type ErrorParams = Record<string, string | number>

export interface ErrorIssue {
  /** Field path, e.g. `customer.mobile`; empty for the request as a whole. */
  path: string
  code: ErrorCode
  message: string
  params?: ErrorParams
}

export interface KioskErrorShape {
  code: ErrorCode
  message: string
  issues?: ErrorIssue[]
  params?: ErrorParams
}

/** A failure the core expects and reports as a value across the process boundary. */
export class KioskError extends Error implements KioskErrorShape {
  readonly code: ErrorCode
  readonly issues?: ErrorIssue[]
  readonly params?: ErrorParams
  constructor(code: ErrorCode, message: string, issues?: ErrorIssue[], params?: ErrorParams) {
    super(message)
    this.name = 'KioskError'
    this.code = code
    if (issues) this.issues = issues
    if (params) this.params = params
  }
  toShape(): KioskErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.params ? { params: this.params } : {}),
    }
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value)
}
