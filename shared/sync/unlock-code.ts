/**
 * The unlock code head office issues when a store's last manager is locked out
 * (docs/security.md#pin-lockout): eight digits from an HMAC-SHA256, keyed with the kiosk's
 * secret, over the store, the kiosk, the staff member and the day in Kolkata. The kiosk checks it
 * offline with the same secret; it is good for that staff member, at that kiosk, that day, once.
 * Pure TypeScript: the caller passes the HMAC (node:crypto at both ends), like request signing.
 */
import type { HmacSha256Hex } from './signing'

export const UNLOCK_CODE_DIGITS = 8

/** What a code covers, one field per line. */
export interface UnlockCodeParts {
  storeCode: string
  kioskCode: string
  staffCode: string
  /** YYYY-MM-DD in Asia/Kolkata. */
  day: string
}

export function unlockCodeMessage(p: UnlockCodeParts): string {
  return ['SUK1-STAFF-UNLOCK', p.storeCode, p.kioskCode, p.staffCode.toUpperCase(), p.day].join(
    '\n',
  )
}

/** The code for `parts`: the HMAC's first 52 bits, as 8 decimal digits. */
export async function unlockCode(
  hmac: HmacSha256Hex,
  secret: string,
  parts: UnlockCodeParts,
): Promise<string> {
  const hex = await hmac(secret, unlockCodeMessage(parts))
  return String(parseInt(hex.slice(0, 13), 16) % 10 ** UNLOCK_CODE_DIGITS).padStart(
    UNLOCK_CODE_DIGITS,
    '0',
  )
}
