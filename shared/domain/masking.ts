import { KioskError } from './errors'
import type { IdType } from './id-documents'

/**
 * How personal data is shown on screens and printed on paper
 * (docs/program-rules.md#identity-documents-and-masking): one mask per kind of data, the same on
 * the counter's screen, on a receipt and in head office's messages.
 */

/**
 * `XXXX XXXX 1234`. Accepts the full 12 digits or just the last 4, which is all the kiosk keeps
 * (docs/program-rules.md#aadhaar-is-never-stored-in-full).
 */
export function maskAadhaar(digits: string): string {
  const clean = typeof digits === 'string' ? digits.replace(/[\s-]/g, '') : ''
  if (!/^(?:[0-9]{8})?[0-9]{4}$/.test(clean)) {
    throw new KioskError('AADHAAR_INVALID', 'Aadhaar masking needs 12 digits or the last 4.')
  }
  return `XXXX XXXX ${clean.slice(-4)}`
}

/** `XXXX XXXX XXXX 1234`: an Aadhaar Virtual ID, from its 16 digits or the kept last 4. */
export function maskAadhaarVid(digits: string): string {
  const clean = typeof digits === 'string' ? digits.replace(/[\s-]/g, '') : ''
  if (!/^(?:[0-9]{12})?[0-9]{4}$/.test(clean)) {
    throw new KioskError('VID_INVALID', 'Virtual ID masking needs 16 digits or the last 4.')
  }
  return `XXXX XXXX XXXX ${clean.slice(-4)}`
}

/**
 * Masks an ID: Aadhaar `XXXX XXXX 1234`; any other ID as `X`s and its last four characters. Given
 * the whole (normalised) ID, as at enrollment, the mask keeps its length (`XXXXXX234F`); given only
 * the last four, all the kiosk keeps, six `X`s stand for the rest (the length is no longer known).
 * Never shows more than the last four, whatever it is given.
 */
export function maskIdNumber(type: IdType, id: string): string {
  const clean = id.replace(/[\s-]/g, '').toUpperCase()
  if (type === 'aadhaar') return maskAadhaar(clean.slice(-4))
  if (type === 'aadhaar-vid') return maskAadhaarVid(clean.slice(-4))
  if (clean.length <= 4) return `XXXXXX${clean}`
  return 'X'.repeat(clean.length - 4) + clean.slice(-4)
}

/**
 * `XXXXXX3210`: only the last four digits of a mobile number are ever shown or printed — a
 * receipt is often left on the counter, and the full number is already on the customer's phone.
 * Takes a full or already masked number.
 */
export function maskMobile(mobile: string): string {
  const last4 = mobile.replace(/\D/g, '').slice(-4)
  return last4.length === 4 ? `XXXXXX${last4}` : 'XXXXXXXXXX'
}

/** `a***@example.com` */
export function maskEmail(email: string | null): string | null {
  if (!email) return null
  const at = email.indexOf('@')
  return at <= 0 ? '***' : `${email[0]}***${email.slice(at)}`
}
