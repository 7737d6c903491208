import { gstinCheckChar, isVerhoeffValid } from './checksums'
import { invalid, valid, type Validation } from './validation'
import type { IdType } from './vocabulary'

export type { IdType } from './vocabulary'

/**
 * Government IDs the kiosk accepts for KYC (docs/program-rules.md#identity-documents-and-masking:
 * "one ID: Aadhaar, PAN, driving licence, voter ID or passport") and the store GSTIN printed on tax
 * invoices (docs/program-rules.md#gst-on-the-plan-fee).
 */

/** The kinds of ID a customer may show, in the order the counter offers them. */
export const ID_TYPES = ['aadhaar', 'pan', 'driving-licence', 'voter-id', 'passport'] as const

// PAN's 4th character is the holder's type: Person, Company, HUF, Firm, AOP, Trust, BOI,
// Local authority, artificial Juridical person, Government.
const PAN_PATTERN = /^[A-Z]{3}[PCHFATBLJG][A-Z][0-9]{4}[A-Z]$/
// Two-letter state, two-digit RTO, year of issue, seven-digit serial (Sarathi format).
const DRIVING_LICENCE_PATTERN = /^[A-Z]{2}[0-9]{2}(?:19|20)[0-9]{2}[0-9]{7}$/
const VOTER_ID_PATTERN = /^[A-Z]{3}[0-9]{7}$/
const PASSPORT_PATTERN = /^[A-Z][0-9]{7}$/

/** Uppercases and drops the separators people type between groups. */
function compact(input: string, separators: RegExp): string {
  return input.replace(separators, '').toUpperCase()
}

/** Aadhaar: 12 digits, first 2–9, Verhoeff check digit; spaces allowed. Normalises to 12 digits. */
export function validateAadhaar(input: unknown): Validation<string> {
  if (typeof input !== 'string') return invalid('AADHAAR_INVALID', 'Aadhaar number is required.')
  const digits = compact(input, /[\s-]/g)
  if (!/^[0-9]{12}$/.test(digits))
    return invalid('AADHAAR_INVALID', 'Aadhaar number has 12 digits.')
  if (!/^[2-9]/.test(digits))
    return invalid('AADHAAR_INVALID', 'Aadhaar numbers do not start with 0 or 1.')
  if (!isVerhoeffValid(digits)) {
    return invalid('AADHAAR_INVALID', 'Aadhaar number is mistyped (check digit does not match).')
  }
  return valid(digits)
}

/** PAN: `AAAAA9999A` with an entity-type 4th letter. Normalises to capitals without spaces. */
export function validatePan(input: unknown): Validation<string> {
  if (typeof input !== 'string') return invalid('PAN_INVALID', 'PAN is required.')
  const pan = compact(input, /\s/g)
  if (!/^[A-Z]{5}[0-9]{4}[A-Z]$/.test(pan)) {
    return invalid('PAN_INVALID', 'PAN is 5 letters, 4 digits and a letter (AAAAA9999A).')
  }
  if (!PAN_PATTERN.test(pan)) return invalid('PAN_INVALID', 'PAN 4th letter is not a holder type.')
  return valid(pan)
}

function isGstStateCode(code: string): boolean {
  const n = Number(code)
  // 01–38 are the states and union territories (38 Ladakh); 97 other territory; 99 centre.
  return (n >= 1 && n <= 38) || n === 97 || n === 99
}

/**
 * GSTIN: state code, the holder's PAN, entity number (1–9, A–Z), a 14th character ('Z' by
 * convention, not required) and the mod-36 check character. Normalises to capitals.
 */
export function validateGstin(input: unknown): Validation<string> {
  if (typeof input !== 'string') return invalid('GSTIN_INVALID', 'GSTIN is required.')
  const gstin = compact(input, /\s/g)
  if (!/^[0-9]{2}[0-9A-Z]{13}$/.test(gstin)) {
    return invalid('GSTIN_INVALID', 'GSTIN is 15 characters: 2 digits then letters and digits.')
  }
  if (!isGstStateCode(gstin.slice(0, 2)))
    return invalid('GSTIN_INVALID', 'GSTIN state code is unknown.')
  if (!PAN_PATTERN.test(gstin.slice(2, 12)))
    return invalid('GSTIN_INVALID', 'GSTIN does not embed a valid PAN.')
  if (gstin.charAt(12) === '0') return invalid('GSTIN_INVALID', 'GSTIN entity number cannot be 0.')
  if (gstinCheckChar(gstin.slice(0, 14)) !== gstin.charAt(14)) {
    return invalid('GSTIN_INVALID', 'GSTIN is mistyped (check character does not match).')
  }
  return valid(gstin)
}

/**
 * Validates an ID of the given type and returns it normalised: Aadhaar 12 digits, PAN, driving
 * licence as 15 characters (`KA0120190012345`), voter ID (EPIC) `ABC1234567`, passport `A1234567`.
 */
export function validateIdNumber(type: IdType, value: unknown): Validation<string> {
  if (type === 'aadhaar') return validateAadhaar(value)
  if (type === 'pan') return validatePan(value)
  if (typeof value !== 'string') return invalid('ID_NUMBER_INVALID', 'ID number is required.')
  switch (type) {
    case 'driving-licence': {
      // Licences are written 'KA01 20190012345', 'KA-01-2019-0012345' or 'MH12/2011/0062821'.
      const dl = compact(value, /[\s\-/]/g)
      return DRIVING_LICENCE_PATTERN.test(dl)
        ? valid(dl)
        : invalid(
            'ID_NUMBER_INVALID',
            'Driving licence: state, RTO, year and serial (KA01 20190012345).',
          )
    }
    case 'voter-id': {
      const epic = compact(value, /[\s-]/g)
      return VOTER_ID_PATTERN.test(epic)
        ? valid(epic)
        : invalid('ID_NUMBER_INVALID', 'Voter ID is 3 letters and 7 digits.')
    }
    case 'passport': {
      const passport = compact(value, /\s/g)
      return PASSPORT_PATTERN.test(passport)
        ? valid(passport)
        : invalid('ID_NUMBER_INVALID', 'Passport number is a letter and 7 digits.')
    }
    default:
      return invalid('ID_NUMBER_INVALID', `Unknown ID type: ${String(type)}`)
  }
}
