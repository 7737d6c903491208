/**
 * Request signing shared by the kiosk and head office. Every kiosk request carries its kiosk id,
 * a timestamp, a one-time nonce and an HMAC-SHA256 over the canonical string below, keyed with
 * the kiosk's secret. Pure TypeScript: the caller passes the hash functions (node:crypto at head
 * office and in the kiosk core, WebCrypto elsewhere), so both ends build the exact same string.
 */

/** HMAC-SHA256 of `message` keyed with `key` (both UTF-8), as lowercase hex. */
export type HmacSha256Hex = (key: string, message: string) => string | Promise<string>

/** SHA-256 of the raw body bytes, as lowercase hex. */
export type Sha256Hex = (body: Uint8Array) => string | Promise<string>

/** Header names (lowercase, as HTTP/1.1 servers see them). */
export const SIGNATURE_HEADERS = {
  kiosk: 'x-suk-kiosk',
  timestamp: 'x-suk-timestamp',
  nonce: 'x-suk-nonce',
  signature: 'x-suk-signature',
} as const

/** Versioned so the scheme can change without ambiguity between kiosk releases. */
export const SIGNATURE_SCHEME = 'SUK1-HMAC-SHA256'

/** A request older or newer than this (kiosk clock vs head office clock) is refused. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000

/** What the signature covers. `path` includes the query string exactly as sent. */
export interface SignedParts {
  method: string
  path: string
  /** Epoch milliseconds, decimal. */
  timestamp: string
  nonce: string
  bodySha256Hex: string
}

/** The canonical string to sign: one field per line, method upper-cased. */
export function canonicalString(parts: SignedParts): string {
  return [
    SIGNATURE_SCHEME,
    parts.method.toUpperCase(),
    parts.path,
    parts.timestamp,
    parts.nonce,
    parts.bodySha256Hex.toLowerCase(),
  ].join('\n')
}

/** Kiosk identity on the wire: `<storeCode>/<kioskCode>`, e.g. `MH01/K1`. */
export function kioskId(storeCode: string, kioskCode: string): string {
  return `${storeCode}/${kioskCode}`
}

/** Splits a kiosk id; null when malformed. */
export function parseKioskId(id: string): { storeCode: string; kioskCode: string } | null {
  const m = /^([A-Z0-9]{2,8})\/([A-Za-z0-9-]{1,8})$/.exec(id)
  return m ? { storeCode: m[1] as string, kioskCode: m[2] as string } : null
}

/** True when `timestamp` (epoch ms) is within the allowed skew of `nowMs`. */
export function isTimestampFresh(timestamp: string, nowMs: number): boolean {
  if (!/^\d{1,16}$/.test(timestamp)) return false
  return Math.abs(Number(timestamp) - nowMs) <= MAX_CLOCK_SKEW_MS
}

export interface SignRequestInput {
  method: string
  path: string
  body: Uint8Array
  kioskId: string
  secret: string
  nowMs: number
  nonce: string
  hmac: HmacSha256Hex
  sha256: Sha256Hex
}

/** Builds the four signature headers for one request. */
export async function signRequest(input: SignRequestInput): Promise<Record<string, string>> {
  const timestamp = String(Math.trunc(input.nowMs))
  const bodySha256Hex = await input.sha256(input.body)
  const signature = await input.hmac(
    input.secret,
    canonicalString({
      method: input.method,
      path: input.path,
      timestamp,
      nonce: input.nonce,
      bodySha256Hex,
    }),
  )
  return {
    [SIGNATURE_HEADERS.kiosk]: input.kioskId,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: input.nonce,
    [SIGNATURE_HEADERS.signature]: signature,
  }
}
