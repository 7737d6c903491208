// What a barcode scanner gives a code field (issue 15). USB and Bluetooth scanners are keyboards:
// they type the code and press Enter, so a scan arrives as the field's text at that Enter. A
// phone box's label carries the IMEIs as separate Code 128 bars, or several values in one code
// ("IMEI1:8612…/IMEI2:8612…", or both numbers run together); this file says how an IMEI is
// recognised in such a text.

import { isLuhnValid } from '../../shared/domain/checksums'
import { validateImei } from '../../shared/domain/validators'

/**
 * The IMEIs in a scanned text, in order and without repeats: every run of exactly 15 digits
 * (not part of a longer run) that passes the Luhn check, and a run of exactly 30 digits whose
 * two halves both do (two IMEIs printed as one bar code). Spaces and dashes inside a number are
 * not allowed here: a label's separators are what tell its values apart.
 */
export function imeisIn(text: string): string[] {
  const found: string[] = []
  const add = (imei: string) => {
    if (validateImei(imei).ok && !found.includes(imei)) found.push(imei)
  }
  for (const [run] of text.matchAll(/\d+/g)) {
    if (run.length === 15) add(run)
    else if (run.length === 30 && isLuhnValid(run.slice(0, 15)) && isLuhnValid(run.slice(15)))
      for (const half of [run.slice(0, 15), run.slice(15)]) add(half)
  }
  return found
}

/** A scan into an IMEI field: the one or two IMEIs it carries, or null when it carries none. */
export interface ImeiScan {
  imei1: string
  /** The second IMEI when the scan was a box label with both. */
  imei2: string | null
}

/**
 * Reads what was scanned (or typed) into an IMEI field. A text that is an IMEI as typed (with
 * spaces or dashes) is that IMEI; otherwise the IMEIs found in it by `imeisIn`. Null when there
 * is none, so the field keeps the text and shows its usual message.
 */
export function readImeiScan(text: string): ImeiScan | null {
  const typed = validateImei(text)
  if (typed.ok) return { imei1: typed.value, imei2: null }
  const [imei1, imei2] = imeisIn(text)
  return imei1 ? { imei1, imei2: imei2 ?? null } : null
}
