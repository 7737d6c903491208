/**
 * A trade-in voucher's QR as a scanner types it (`TV:<voucher number>:<code>`, the text the core
 * prints on it, docs/program-rules.md#trade-in), or null when the text is a number
 * typed by hand.
 */
export function readVoucherScan(text: string): { number: string; code: string } | null {
  const m = /^\s*TV:([^:\s]+):([A-Za-z0-9]+)\s*$/i.exec(text)
  return m ? { number: m[1]!, code: m[2]! } : null
}
