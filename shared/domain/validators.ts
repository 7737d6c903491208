import { isLuhnValid } from './checksums'
import { invalid, valid, type Validation } from './validation'

/**
 * Validators for what a customer or clerk types at the kiosk. Each returns the normalised value or
 * a stable error code (docs/architecture.md#errors-are-values); the renderer uses them for instant
 * feedback and the core again at its boundary.
 */

export * from './checksums'
export * from './id-documents'
export * from './masking'
export type { Validation } from './validation'

const EMAIL_PATTERN =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/
const NAME_CHARS = /^[\p{L}\p{M} .'-]+$/u

/**
 * IMEI: 15 digits with a Luhn check digit
 * (docs/program-rules.md#imei-and-one-active-plan-per-imei); spaces and dashes are dropped.
 */
export function validateImei(input: unknown): Validation<string> {
  if (typeof input !== 'string') return invalid('IMEI_INVALID', 'IMEI is required.')
  const imei = input.replace(/[\s-]/g, '')
  if (!/^[0-9]{15}$/.test(imei)) return invalid('IMEI_INVALID', 'IMEI has 15 digits (dial *#06#).')
  if (!isLuhnValid(imei))
    return invalid('IMEI_INVALID', 'IMEI is mistyped (check digit does not match).')
  // All zeros passes Luhn but is what phones with a wiped modem report, never a real device.
  if (/^0+$/.test(imei)) return invalid('IMEI_INVALID', 'IMEI 000000000000000 is not a device.')
  return valid(imei)
}

/**
 * Indian mobile number (docs/program-rules.md#customer-details: 10 digits starting 6–9). Accepts
 * +91, 0091, 91 and 0 prefixes, spaces, dashes, dots and brackets; normalises to the 10 digits.
 */
export function validateMobile(input: unknown): Validation<string> {
  if (typeof input !== 'string') return invalid('MOBILE_INVALID', 'Mobile number is required.')
  let n = input.replace(/[\s\-().]/g, '')
  if (n.startsWith('+')) {
    if (!n.startsWith('+91')) return invalid('MOBILE_INVALID', 'Only Indian (+91) mobile numbers.')
    n = n.slice(3)
  } else if (/^0091[0-9]{10}$/.test(n)) n = n.slice(4)
  else if (/^91[0-9]{10}$/.test(n)) n = n.slice(2)
  else if (/^0[0-9]{10}$/.test(n)) n = n.slice(1)
  if (!/^[0-9]{10}$/.test(n)) return invalid('MOBILE_INVALID', 'Mobile number has 10 digits.')
  if (!/^[6-9]/.test(n))
    return invalid('MOBILE_INVALID', 'Indian mobile numbers start with 6, 7, 8 or 9.')
  return valid(n)
}

/**
 * E-mail address (optional for the customer; plan details go by SMS or e-mail,
 * docs/program-rules.md#customer-details).
 */
export function validateEmail(input: unknown): Validation<string> {
  if (typeof input !== 'string') return invalid('EMAIL_INVALID', 'E-mail address is required.')
  const email = input.trim()
  const at = email.lastIndexOf('@')
  if (email.length > 254 || at < 1 || at > 64 || !EMAIL_PATTERN.test(email)) {
    return invalid('EMAIL_INVALID', 'E-mail address looks like name@example.com.')
  }
  // Domains are case-insensitive; the local part is, strictly, the mail server's business.
  return valid(email.slice(0, at) + email.slice(at).toLowerCase())
}

/**
 * A helpline number printed for customers (the grievance officer's): an Indian mobile, or a
 * toll-free 1800/1860 number of 11 digits. Normalises to digits only.
 */
export function validateHelplineNumber(input: unknown): Validation<string> {
  if (typeof input !== 'string') return invalid('MOBILE_INVALID', 'Phone number is required.')
  const digits = input.replace(/[\s\-().]/g, '')
  if (/^18[06]0[0-9]{7}$/.test(digits)) return valid(digits)
  const mobile = validateMobile(input)
  return mobile.ok
    ? mobile
    : invalid('MOBILE_INVALID', 'A mobile number or a toll-free 1800/1860 number.')
}

/** Invoice number: 1–30 letters, digits, `/` and `-`, starting with a letter or digit; uppercased. */
export function validateInvoiceNumber(input: unknown): Validation<string> {
  if (typeof input !== 'string')
    return invalid('INVOICE_NUMBER_INVALID', 'Invoice number is required.')
  const invoice = input.trim().toUpperCase()
  if (!/^[A-Z0-9][A-Z0-9/-]{0,29}$/.test(invoice)) {
    return invalid('INVOICE_NUMBER_INVALID', 'Invoice number: up to 30 letters, digits, / and -.')
  }
  return valid(invoice)
}

/**
 * The new phone's tax invoice number at the store's POS: a GST invoice number (Rule 46(b)), so
 * 1–16 letters, digits, `/` and `-`, starting with a letter or digit; uppercased.
 */
export function validateSalesInvoiceNumber(input: unknown): Validation<string> {
  const message = 'POS invoice number: up to 16 letters, digits, / and -.'
  if (typeof input !== 'string') return invalid('SALES_INVOICE_INVALID', message)
  const invoice = input.trim().toUpperCase()
  if (!/^[A-Z0-9][A-Z0-9/-]{0,15}$/.test(invoice)) return invalid('SALES_INVOICE_INVALID', message)
  return valid(invoice)
}

/**
 * A person's name: 2–100 characters of letters in any Indian script (Devanagari's vowel signs are
 * combining marks), spaces, `.`, `'` and `-`. Normalises to NFC with single spaces.
 */
export function validatePersonName(input: unknown): Validation<string> {
  if (typeof input !== 'string') return invalid('NAME_INVALID', 'Name is required.')
  const name = input
    .normalize('NFC')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
  const length = Array.from(name).length
  if (length < 2 || length > 100) return invalid('NAME_INVALID', 'Name has 2 to 100 characters.')
  if (!NAME_CHARS.test(name) || !/^\p{L}/u.test(name)) {
    return invalid('NAME_INVALID', "Name has letters, spaces and . ' - only.")
  }
  return valid(name)
}
