import { validateGstin } from './id-documents'
import { GST_STATES } from './place-of-supply'
import { invalid, valid, type Validation } from './validation'

/**
 * The registered recipient of a B2B tax invoice (docs/tax-documents.md#b2b-tax-invoice): a
 * customer buying for a business gives its GSTIN, the legal name registered under it and the
 * billing address, which Rule 46(e) puts on the invoice. Optional: without them the invoice is
 * a consumer's (B2C).
 */
export interface BusinessRecipient {
  gstin: string
  legalName: string
  address: string
}

// A registered name: letters of any script, digits, spaces and what company names use.
const LEGAL_NAME_CHARS = /^[\p{L}\p{M}\p{N} .,'&()/-]+$/u

/**
 * A recipient's GSTIN: a valid GSTIN (state code, PAN, entity number, check character) whose
 * state is a place of supply, one of the states and union territories 01–38 (or 97, other
 * territory). 99 (the Centre's own registrations) names no state to supply to.
 */
export function validateRecipientGstin(input: unknown): Validation<string> {
  const gstin = validateGstin(input)
  if (!gstin.ok) return gstin
  if (!GST_STATES[gstin.value.slice(0, 2)]) {
    return invalid('GSTIN_INVALID', 'GSTIN state code names no state of supply (01–38).')
  }
  return gstin
}

function tidy(input: string): string {
  return input.normalize('NFC').replace(/\s+/g, ' ').trim()
}

/** The legal name registered under the GSTIN: 2–120 characters, starting with a letter or digit. */
export function validateBusinessName(input: unknown): Validation<string> {
  const message = "Legal name as registered for GST: 2 to 120 letters, digits and . , ' & ( ) / -."
  if (typeof input !== 'string') return invalid('BUSINESS_NAME_INVALID', message)
  const name = tidy(input)
  const length = Array.from(name).length
  if (length < 2 || length > 120 || !LEGAL_NAME_CHARS.test(name) || !/^[\p{L}\p{N}]/u.test(name)) {
    return invalid('BUSINESS_NAME_INVALID', message)
  }
  return valid(name)
}

/** The billing address printed on the invoice: 10–250 characters on one line. */
export function validateBusinessAddress(input: unknown): Validation<string> {
  const message = 'Billing address: 10 to 250 characters.'
  if (typeof input !== 'string') return invalid('BUSINESS_ADDRESS_INVALID', message)
  const address = tidy(input)
  const length = Array.from(address).length
  if (length < 10 || length > 250 || /[<>]/.test(address)) {
    return invalid('BUSINESS_ADDRESS_INVALID', message)
  }
  return valid(address)
}
