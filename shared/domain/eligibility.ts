import { findVariant, type Catalog, type ValueBand } from './catalog'
import type { ErrorCode, ErrorParams } from './errors'
import { assuredValue, type AssuredValueQuote } from './assured-value'
import { daysBetween, isLocalDate, type LocalDate } from './calendar'
import type { PlanStatus } from './vocabulary'
import { validateImei, validateMobile } from './validators'

/**
 * Whether a phone may be enrolled (docs/program-rules.md#eligibility) or a plan redeemed
 * (docs/program-rules.md#redemption-checks). Both return every failed rule, never just the first,
 * so the clerk can fix everything in one go.
 */

/** One failed rule: a stable code, a message, and the input field it is about. */
export interface EligibilityReason {
  code: ErrorCode
  message: string
  path: string
  /** The figures of the message as values (days since purchase, days allowed). */
  params?: ErrorParams
}

/** Input of {@link checkEnrollment}. */
export interface EnrollmentCheckInput {
  catalog: Catalog
  variantId: string
  purchaseStoreCode: string
  invoiceDate: LocalDate
  /** The day of enrollment; also taken as "today" unless `today` is given. */
  enrollmentDate: LocalDate
  /** The phone's IMEIs as typed (both for a dual-SIM phone). */
  imeis: string[]
  /** Normalised (15-digit) IMEIs already on an active plan. */
  activeImeis: ReadonlySet<string>
  /** The checker's current date, when it is not the enrollment date (head office re-checking). */
  today?: LocalDate
}

/** Result of {@link checkEnrollment}. */
export interface EnrollmentCheck {
  ok: boolean
  reasons: EligibilityReason[]
}

type Fail = (code: ErrorCode, path: string, message: string, params?: ErrorParams) => void

/**
 * Checks every enrollment rule (docs/program-rules.md#eligibility) and returns all the failures.
 */
export function checkEnrollment(input: EnrollmentCheckInput): EnrollmentCheck {
  const reasons: EligibilityReason[] = []
  const fail: Fail = (code, path, message, params) =>
    reasons.push(params ? { code, path, message, params } : { code, path, message })
  const found = findVariant(input.catalog, input.variantId)
  checkModel(found, input.variantId, fail)
  checkStore(input, fail)
  checkEnrollmentDates(input, fail)
  checkImeis(input, found?.model.dualSim, fail)
  return { ok: reasons.length === 0, reasons }
}

function checkModel(found: ReturnType<typeof findVariant>, variantId: string, fail: Fail): void {
  if (!found) {
    fail('VARIANT_NOT_FOUND', 'variantId', `No variant ${variantId} in the catalog.`)
    return
  }
  const { model, variant } = found
  if (!model.active) fail('MODEL_INACTIVE', 'variantId', `${model.name} is not in the program.`)
  else if (!variant.active) {
    fail('MODEL_INACTIVE', 'variantId', `${model.name} ${variant.name} is not in the program.`)
  }
}

function checkStore(input: EnrollmentCheckInput, fail: Fail): void {
  const code = input.purchaseStoreCode
  const store = input.catalog.stores.find((s) => s.code === code)
  if (!store) {
    fail('STORE_NOT_FOUND', 'purchaseStoreCode', `No store ${code}.`)
    return
  }
  // docs/program-rules.md#eligibility: only phones bought at an offline program store are eligible.
  if (store.kind === 'online') {
    fail('ONLINE_PURCHASE', 'purchaseStoreCode', 'Online purchases are not eligible.')
  }
  if (!store.active) {
    fail('STORE_NOT_IN_PROGRAM', 'purchaseStoreCode', `${store.name} is not a program store.`)
  }
}

function checkEnrollmentDates(input: EnrollmentCheckInput, fail: Fail): void {
  const dates: Array<[string, unknown]> = [
    ['invoiceDate', input.invoiceDate],
    ['enrollmentDate', input.enrollmentDate],
  ]
  if (input.today !== undefined) dates.push(['today', input.today])
  const bad = dates.filter(([, value]) => !isLocalDate(value))
  for (const [path, value] of bad) {
    fail('DATE_INVALID', path, `Not a calendar date (YYYY-MM-DD): ${String(value)}`)
  }
  if (bad.length > 0) return

  const { invoiceDate, enrollmentDate } = input
  const today = input.today ?? enrollmentDate
  if (daysBetween(today, enrollmentDate) > 0) {
    fail('DATE_INVALID', 'enrollmentDate', 'The enrollment date is in the future.')
  }
  // An invoice dated after today is a typo or a forgery; one dated after a past enrollment date
  // means the enrollment was recorded before the purchase. One fact, so one reason.
  const window = input.catalog.enrollmentWindowDays
  if (daysBetween(today, invoiceDate) > 0) {
    fail('PURCHASE_DATE_IN_FUTURE', 'invoiceDate', 'The invoice date is in the future.')
  } else if (daysBetween(enrollmentDate, invoiceDate) > 0) {
    fail('ENROLLMENT_BEFORE_PURCHASE', 'enrollmentDate', 'Enrollment is before the purchase.')
  } else if (daysBetween(invoiceDate, enrollmentDate) > window) {
    // docs/program-rules.md#enrollment-window: "from the invoice date up to enrollmentWindowDays
    // after it", inclusive.
    const daysSince = daysBetween(invoiceDate, enrollmentDate)
    fail(
      'ENROLLMENT_WINDOW_CLOSED',
      'invoiceDate',
      `Bought ${daysSince} days ago; plans can be added within ${window} days of purchase.`,
      { daysSince, windowDays: window },
    )
  }
}

/** `dualSim` is undefined when the variant is unknown: the IMEI count is then not checked. */
function checkImeis(input: EnrollmentCheckInput, dualSim: boolean | undefined, fail: Fail): void {
  if (input.imeis.length === 0) fail('IMEI_INVALID', 'imeis', 'The IMEI is required.')
  else if (dualSim !== undefined && input.imeis.length !== (dualSim ? 2 : 1)) {
    fail(
      'IMEI_INVALID',
      'imeis',
      dualSim ? 'A dual-SIM phone has two IMEIs.' : 'This phone has one IMEI.',
    )
  }
  const seen = new Set<string>()
  input.imeis.forEach((typed, i) => {
    const path = `imeis.${i}`
    const result = validateImei(typed)
    if (!result.ok) return fail(result.code, path, result.message)
    if (seen.has(result.value)) return fail('IMEI_DUPLICATE', path, 'The two IMEIs are the same.')
    seen.add(result.value)
    // One active plan per IMEI (docs/program-rules.md#imei-and-one-active-plan-per-imei).
    if (input.activeImeis.has(result.value)) {
      fail('IMEI_ALREADY_ENROLLED', path, `IMEI ${result.value} is already on an active plan.`)
    }
  })
}

/** Input of {@link checkRedemption}: the plan as recorded, the day, and who is at the counter. */
export interface RedemptionCheckInput {
  plan: {
    status: PlanStatus
    purchaseDate: LocalDate
    /** SRP recorded at enrollment. */
    srpPaise: number
    mobile: string
    /** Last 4 characters of the ID shown at enrollment. */
    idLast4: string
  }
  onDate: LocalDate
  schedule: readonly ValueBand[]
  /** What the customer presents; when absent the identity check is left to the caller. */
  customer?: { mobile?: string; idLast4?: string }
}

/** Result of {@link checkRedemption}: all failures and the quote for the day. */
export interface RedemptionCheck {
  ok: boolean
  reasons: EligibilityReason[]
  quote: AssuredValueQuote
}

/**
 * Checks docs/program-rules.md#redemption-checks: plan active, not redeemed or cancelled, within
 * months 4–15, and the customer matches (mobile OR ID last 4). Throws `DATE_INVALID` for malformed
 * dates, since no quote can be made.
 */
export function checkRedemption(input: RedemptionCheckInput): RedemptionCheck {
  const { plan } = input
  const reasons: EligibilityReason[] = []
  const fail: Fail = (code, path, message) => reasons.push({ code, path, message })
  const quote = assuredValue({
    srpPaise: plan.srpPaise,
    purchaseDate: plan.purchaseDate,
    onDate: input.onDate,
    schedule: input.schedule,
  })

  switch (plan.status) {
    case 'active':
      break
    case 'redeemed':
      fail('PLAN_REDEEMED', 'plan.status', 'This plan has already been redeemed.')
      break
    case 'cancelled':
      fail('PLAN_CANCELLED', 'plan.status', 'This plan was cancelled.')
      break
    case 'expired':
      fail('PLAN_EXPIRED', 'plan.status', 'This plan has expired.')
      break
    default:
      fail('PLAN_NOT_ACTIVE', 'plan.status', `This plan is not active (${String(plan.status)}).`)
  }

  if (quote.status === 'too-early') {
    fail('TOO_EARLY', 'onDate', `The plan can be redeemed from ${quote.redeemableFrom}.`)
  } else if (quote.status === 'expired' && plan.status !== 'expired') {
    fail('PLAN_EXPIRED', 'onDate', `The plan expired after ${quote.expiresAfter}.`)
  }

  if (input.customer && !customerMatches(plan, input.customer)) {
    fail('CUSTOMER_MISMATCH', 'customer', 'Neither the mobile number nor the ID matches the plan.')
  }
  return { ok: reasons.length === 0, reasons, quote }
}

/**
 * Either the mobile number or the last 4 of the ID must match
 * (docs/program-rules.md#redemption-checks).
 */
function customerMatches(
  plan: RedemptionCheckInput['plan'],
  customer: NonNullable<RedemptionCheckInput['customer']>,
): boolean {
  if (customer.mobile !== undefined) {
    const given = validateMobile(customer.mobile)
    const recorded = validateMobile(plan.mobile)
    if (given.ok && recorded.ok && given.value === recorded.value) return true
  }
  if (customer.idLast4 !== undefined) {
    const given = customer.idLast4.replace(/\s/g, '').toUpperCase()
    const recorded = plan.idLast4.replace(/\s/g, '').toUpperCase()
    if (given.length === 4 && given === recorded) return true
  }
  return false
}
