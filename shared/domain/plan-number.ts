// Plan numbers are issued offline by every kiosk, so uniqueness comes from the number's parts:
// store code + kiosk code (unique per store, assigned by head office) + the kiosk's own sequence.
// Dashes keep the parts unambiguous (store "AB" + kiosk "C1" ≠ store "ABC" + kiosk "1"); the
// check character (Luhn mod 36 over the alphanumerics) catches a mistyped character and most
// swapped neighbours before a lookup.

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const N = ALPHABET.length

function luhnSum(chars: string, startFactor: 1 | 2): number {
  let factor = startFactor
  let sum = 0
  for (let i = chars.length - 1; i >= 0; i--) {
    const addend = factor * ALPHABET.indexOf(chars[i]!)
    factor = factor === 2 ? 1 : 2
    sum += Math.floor(addend / N) + (addend % N)
  }
  return sum
}

/** The Luhn mod 36 check character of an alphanumeric string. */
export function planCheckChar(body: string): string {
  return ALPHABET[(N - (luhnSum(body, 2) % N)) % N]!
}

/** Formats `MH01-K1-0000123-X` (training plans start `TRN-`). */
export function formatPlanNumber(
  storeCode: string,
  kioskCode: string,
  seq: number,
  training = false,
): string {
  const body = `${training ? 'TRN' : ''}${storeCode}${kioskCode}${String(seq).padStart(7, '0')}`
  return `${training ? 'TRN-' : ''}${storeCode}-${kioskCode}-${String(seq).padStart(7, '0')}-${planCheckChar(body)}`
}

/** The lookup key of a plan number: upper case, no separators. */
export function planKey(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '')
}

/** Checks a typed or scanned plan number; returns its lookup key. */
export function validatePlanNumber(
  input: string,
): { ok: true; value: string } | { ok: false; code: 'PLAN_NOT_FOUND'; message: string } {
  const key = planKey(input)
  if (!/^[0-9A-Z]{10,30}$/.test(key)) {
    return { ok: false, code: 'PLAN_NOT_FOUND', message: 'That is not a plan number.' }
  }
  if (luhnSum(key, 1) % N !== 0) {
    return {
      ok: false,
      code: 'PLAN_NOT_FOUND',
      message: 'The plan number has a typo (its check character does not match).',
    }
  }
  return { ok: true, value: key }
}
