/** A calendar date (YYYY-MM-DD) for people: `20 Aug 2026`. */
export function day(d: string | null): string {
  if (!d) return '—'
  const [y, m, dd] = d.split('-').map(Number) as [number, number, number]
  return new Intl.DateTimeFormat('en-IN', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    Date.UTC(y, m - 1, dd),
  )
}

const GOOD = ['sent', 'active', 'completed', 'eligible', 'applied', 'credited', 'resolved']
const WAIT = ['pending', 'sending', 'open', 'too-early']
const BAD = ['failed', 'cancelled', 'refused', 'ineligible', 'conflict', 'expired', 'erased']

/** A status word as a badge's class: the colour says good, waiting or bad; closed is plain. */
export function tone(status: string): 'good' | 'wait' | 'bad' | 'plain' {
  if (GOOD.includes(status)) return 'good'
  if (WAIT.includes(status)) return 'wait'
  if (BAD.includes(status)) return 'bad'
  return 'plain'
}

/** What each kind of message is, in words. */
export const KIND_LABEL: Record<string, string> = {
  'plan-enrolled': 'Plan details',
  'step-down-reminder': 'Step-down reminder',
  'redemption-confirmed': 'Redemption confirmed',
}

/** What each document is, in words. */
export const DOCUMENT_LABEL: Record<string, string> = {
  'tax-invoice': 'Tax invoice (plan fee)',
  'credit-note': 'Credit note (refund)',
  'exchange-voucher': 'Exchange voucher',
  'new-phone-invoice': 'New phone invoice',
}

/** The kind of ID the customer enrolled with, as people write it. */
export const ID_LABEL: Record<string, string> = {
  aadhaar: 'Aadhaar',
  'aadhaar-vid': 'Aadhaar VID',
  pan: 'PAN',
  passport: 'Passport',
  'driving-licence': 'Driving licence',
  'voter-id': 'Voter ID',
}

/** What each data-principal request asks for, in words. */
export const REQUEST_LABEL: Record<string, string> = {
  access: 'See their data',
  correction: 'Correct their data',
  erasure: 'Erase their data',
  withdrawal: 'Withdraw consent to messages',
}
