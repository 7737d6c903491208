// Thermal code pages have no ₹ and no Devanagari, and the punctuation of typeset text sits on
// different code points in each page. Text mode prints plain ASCII everywhere instead.
const REPLACEMENTS: Record<string, string> = {
  '₹': 'Rs.',
  // No-break spaces survive layout (they glue dates and amounts); the encoder prints them as spaces.
  '\u00a0': '\u00a0',
  '\u2009': ' ',
  '\u202f': ' ',
  '–': '-',
  '—': '-',
  '‑': '-',
  '−': '-',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '…': '...',
  '·': '-',
  '•': '*',
  '×': 'x',
}

/** True when the text prints as-is in ASCII text mode (after the punctuation replacements). */
export function isAsciiPrintable(text: string): boolean {
  for (const ch of text) {
    if (REPLACEMENTS[ch] === undefined && (ch < ' ' || ch > '~')) return false
  }
  return true
}

/**
 * Text for a printer without ₹ or Devanagari: "Rs." for the rupee, ASCII punctuation, and `?`
 * for anything else. Documents meant for ASCII printers are built in English, so `?` only shows
 * up for stray characters in names.
 */
export function toAscii(text: string): string {
  let out = ''
  for (const ch of text) {
    const r = REPLACEMENTS[ch]
    out += r ?? (ch >= ' ' && ch <= '~' ? ch : '?')
  }
  return out
}
