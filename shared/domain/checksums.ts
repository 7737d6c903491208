import { KioskError } from './errors'

/**
 * Check-digit algorithms of the numbers the kiosk takes from customers: Luhn (IMEI), Verhoeff
 * (Aadhaar) and GSTN's mod-36 Luhn variant (GSTIN). Generators return the check character as a
 * string so `body + checkDigit(body)` is the full number.
 */

// Verhoeff's dihedral-group tables (multiplication d, permutation p, inverse inv).
const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
] as const
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
] as const
const VERHOEFF_INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9] as const

const GSTIN_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'

function digitsOf(s: string, what: string): number[] {
  if (typeof s !== 'string' || !/^[0-9]+$/.test(s)) {
    throw new KioskError('VALIDATION_FAILED', `${what} needs digits only: ${String(s)}`)
  }
  return Array.from(s, (c) => c.charCodeAt(0) - 48)
}

/** Luhn sum of `digits`, doubling every second digit counting the rightmost as `doubleFirst`. */
function luhnSum(digits: number[], doubleFirst: boolean): number {
  let sum = 0
  let double = doubleFirst
  for (let i = digits.length - 1; i >= 0; i--) {
    let v = digits[i] as number
    if (double) v = v * 2 > 9 ? v * 2 - 9 : v * 2
    sum += v
    double = !double
  }
  return sum
}

/** The Luhn check digit to append to `body` (for an IMEI, the first 14 digits). */
export function luhnCheckDigit(body: string): string {
  return String((10 - (luhnSum(digitsOf(body, 'A Luhn body'), true) % 10)) % 10)
}

/** True when the digit string ends in a correct Luhn check digit. */
export function isLuhnValid(s: string): boolean {
  if (typeof s !== 'string' || !/^[0-9]{2,}$/.test(s)) return false
  return luhnSum(digitsOf(s, 'A Luhn number'), false) % 10 === 0
}

/** The Verhoeff check digit to append to `body`: `verhoeffCheckDigit('236') === '3'`. */
export function verhoeffCheckDigit(body: string): string {
  const digits = digitsOf(body, 'A Verhoeff body')
  let c = 0
  for (let i = 0; i < digits.length; i++) {
    const digit = digits[digits.length - 1 - i] as number
    c = VERHOEFF_D[c]![VERHOEFF_P[(i + 1) % 8]![digit]!]!
  }
  return String(VERHOEFF_INV[c])
}

/** True when the digit string ends in a correct Verhoeff check digit. */
export function isVerhoeffValid(s: string): boolean {
  if (typeof s !== 'string' || !/^[0-9]{2,}$/.test(s)) return false
  const digits = digitsOf(s, 'A Verhoeff number')
  let c = 0
  for (let i = 0; i < digits.length; i++) {
    const digit = digits[digits.length - 1 - i] as number
    c = VERHOEFF_D[c]![VERHOEFF_P[i % 8]![digit]!]!
  }
  return c === 0
}

/**
 * The 15th character of a GSTIN from its first 14 (GSTN's Luhn mod 36: weights 1, 2 from the
 * left; each product contributes its base-36 digit sum).
 */
export function gstinCheckChar(first14: string): string {
  if (typeof first14 !== 'string' || !/^[0-9A-Z]{14}$/.test(first14)) {
    throw new KioskError(
      'VALIDATION_FAILED',
      `A GSTIN body is 14 capitals or digits: ${String(first14)}`,
    )
  }
  let sum = 0
  for (let i = 0; i < 14; i++) {
    const product = GSTIN_CHARSET.indexOf(first14.charAt(i)) * (i % 2 === 0 ? 1 : 2)
    sum += Math.floor(product / 36) + (product % 36)
  }
  return GSTIN_CHARSET.charAt((36 - (sum % 36)) % 36)
}
