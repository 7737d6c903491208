import { KioskError } from './errors'

/**
 * Money is integer paise (docs/program-rules.md#money-and-rounding). Nothing
 * here uses floating-point amounts or Intl, so receipts print the same on every machine.
 */

/**
 * The largest amount any money field of the program may carry — an SRP, a fee, a price, a
 * credit, a refund, a payment — on the wire (shared/contract, shared/sync), in the catalog and in
 * head office's columns (docs/program-rules.md#money-and-rounding): ₹1 crore. Ten times the
 * dearest phone of any catalog, so no real sale comes near it, and below 2^31 − 1, so even a
 * 32-bit column holds one amount; sums are 64-bit.
 */
export const MAX_MONEY_PAISE = 1_000_000_000

/** Largest amount the arithmetic accepts: `paise * 10000` must stay exact in a double (₹900 crore). */
export const MAX_PAISE = Math.floor(Number.MAX_SAFE_INTEGER / 10_000)

const DEVANAGARI_DIGITS = '०१२३४५६७८९'

function assertPaise(paise: number, what = 'amount', limit = MAX_PAISE): void {
  if (!Number.isSafeInteger(paise) || Math.abs(paise) > limit) {
    throw new KioskError('AMOUNT_INVALID', `The ${what} must be a whole number of paise: ${paise}`)
  }
}

/**
 * Rounds paise to whole rupees, half-up (docs/program-rules.md#money-and-rounding): 50 paise and
 * more go up. Negative amounts round half away from zero, so a refund mirrors its charge. Returns
 * paise.
 */
export function roundHalfUpToRupee(paise: number): number {
  assertPaise(paise)
  const rupees = Math.floor((Math.abs(paise) + 50) / 100) * 100
  return paise < 0 ? 0 - rupees : rupees
}

/**
 * `percent`% of an amount, rounded half-up to the whole rupee
 * (docs/program-rules.md#money-and-rounding: "Value = SRP × percent, rounded half-up to the whole
 * rupee"). Rounds once, on the exact product.
 */
export function percentOf(paise: number, percent: number): number {
  assertPaise(paise)
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
    throw new KioskError('AMOUNT_INVALID', `Percent must be a whole number 0–100: ${percent}`)
  }
  // paise * percent / 100 is the exact value in paise; +5000 then /10000 rounds it to rupees.
  const rupees = Math.floor((Math.abs(paise) * percent + 5000) / 10_000) * 100
  return paise < 0 ? 0 - rupees : rupees
}

/** Indian digit grouping of a string of digits: last three, then pairs (1,23,45,678). */
function groupIndian(digits: string): string {
  if (digits.length <= 3) return digits
  let head = digits.slice(0, -3)
  const groups: string[] = [digits.slice(-3)]
  while (head.length > 2) {
    groups.unshift(head.slice(-2))
    head = head.slice(0, -2)
  }
  groups.unshift(head)
  return groups.join(',')
}

/** Options of {@link formatRupees}. */
export interface FormatRupeesOptions {
  /** `hi` prints Devanagari digits. Default `en`. */
  locale?: 'en' | 'hi'
  /** Always print two decimals (`.00`). Amounts with paise always print them: money is never hidden. */
  paise?: boolean
  /** Print the ₹ sign. Default true. */
  symbol?: boolean
}

/** Formats paise the Indian way: `₹9,799`, `₹1,23,456.50`, `₹९,७९९` in Hindi. */
export function formatRupees(paise: number, opts: FormatRupeesOptions = {}): string {
  // Formatting does no arithmetic that could lose precision: any safe integer prints exactly.
  assertPaise(paise, 'amount', Number.MAX_SAFE_INTEGER)
  const abs = Math.abs(paise)
  const fraction = abs % 100
  let text = groupIndian(String((abs - fraction) / 100))
  if (opts.paise === true || fraction !== 0) text += `.${String(fraction).padStart(2, '0')}`
  if (opts.locale === 'hi') {
    text = text.replace(/[0-9]/g, (c) => DEVANAGARI_DIGITS.charAt(c.charCodeAt(0) - 48))
  }
  return (paise < 0 ? '-' : '') + (opts.symbol === false ? '' : '₹') + text
}

/** A GST-inclusive price split into its taxable value and taxes; the parts add up to the total. */
export interface GstSplit {
  taxablePaise: number
  cgstPaise: number
  sgstPaise: number
  igstPaise: number
  taxPaise: number
  totalPaise: number
}

/**
 * Splits a GST-inclusive price (docs/program-rules.md#gst-on-the-plan-fee: fees are GST-inclusive;
 * CGST+SGST within the state, IGST otherwise). The taxable value is rounded half-up to the paisa
 * and the tax is the remainder, so `taxable + cgst + sgst + igst === inclusivePaise` always. Within
 * the state CGST and SGST are equal halves: an odd paisa of tax goes to the taxable value.
 */
export function gstSplit(
  inclusivePaise: number,
  ratePercent: number,
  intraState: boolean,
): GstSplit {
  assertPaise(inclusivePaise, 'price')
  if (inclusivePaise < 0) throw new KioskError('AMOUNT_INVALID', 'A price cannot be negative.')
  // Rates like 0.25% or 1.5% exist; work in basis points so everything stays integral.
  const rateBp = Math.round(ratePercent * 100)
  if (
    !Number.isFinite(ratePercent) ||
    rateBp < 0 ||
    rateBp > 10_000 ||
    Math.abs(rateBp - ratePercent * 100) > 1e-6
  ) {
    throw new KioskError('AMOUNT_INVALID', `Not a GST rate: ${ratePercent}`)
  }
  const divisor = 10_000 + rateBp
  const numerator = inclusivePaise * 10_000
  let taxable = Math.floor(numerator / divisor)
  let rest = numerator - taxable * divisor
  // The float division may land one off near huge values; fix the quotient with the exact remainder.
  if (rest < 0) {
    taxable -= 1
    rest += divisor
  } else if (rest >= divisor) {
    taxable += 1
    rest -= divisor
  }
  if (rest * 2 >= divisor) taxable += 1
  // Equal halves within the state: the taxable value absorbs an odd paisa of tax.
  if (intraState && (inclusivePaise - taxable) % 2 === 1) taxable += 1
  const tax = inclusivePaise - taxable
  const cgst = intraState ? tax / 2 : 0
  const sgst = cgst
  return {
    taxablePaise: taxable,
    cgstPaise: cgst,
    sgstPaise: sgst,
    igstPaise: intraState ? 0 : tax,
    taxPaise: tax,
    totalPaise: inclusivePaise,
  }
}
