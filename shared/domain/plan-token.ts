/**
 * The plan token in the certificate's QR code (docs/program-rules.md#the-customers-own-view): the
 * kiosk makes it offline when it prints, head office checks it on its public plan page.
 *
 * Bytes: version (1) | the plan's random id (16, its UUID) | kiosk id length (1) | kiosk id (UTF-8,
 * `MH01/K1`) | MAC (16). The MAC is HMAC-SHA256 over every byte before it, truncated to 128 bits,
 * keyed with HKDF-SHA256(kiosk secret, salt = kiosk id, info = `plan-token/v1`): only the kiosk
 * and head office hold that secret. The whole is base64url (no padding): URL-safe and compact
 * (55 characters for `MH01/K1`). Nothing in it is guessable or personal: the plan number is not in
 * it, and the random id says nothing.
 *
 * Pure: the MAC function is passed in (node:crypto at both ends), like shared/sync/signing.ts.
 */

export const PLAN_TOKEN_VERSION = 1
/** HKDF info of the token key: a key of its own, never the signing key itself. */
export const PLAN_TOKEN_KEY_INFO = 'plan-token/v1'
const MAC_BYTES = 16
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
/** The path of head office's public plan page: `<public URL>/p/<token>`. */
export const PLAN_PAGE_PATH = '/p/'

/** The MAC of the token's message under the issuing kiosk's token key (16 bytes or more). */
export type PlanTokenMac = (kioskId: string, message: Uint8Array) => Uint8Array

export interface DecodedPlanToken {
  planId: string
  kioskId: string
  /** The bytes the MAC covers. */
  message: Uint8Array
  mac: Uint8Array
}

function uuidBytes(id: string): Uint8Array {
  const hex = id.toLowerCase().replace(/-/g, '')
  const out = new Uint8Array(16)
  for (let i = 0; i < 16; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return out
}

function uuidText(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = ''
  for (const b of bytes) bin += String.fromCharCode(b)
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text) || text.length % 4 === 1) return null
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
    return Uint8Array.from(bin, (c) => c.charCodeAt(0))
  } catch {
    return null
  }
}

/** The bytes the MAC covers. */
export function planTokenMessage(planId: string, kioskId: string): Uint8Array {
  if (!UUID.test(planId.toLowerCase())) throw new Error('A plan token needs the plan’s UUID.')
  const kiosk = new TextEncoder().encode(kioskId)
  if (kiosk.length < 1 || kiosk.length > 40) throw new Error('Kiosk id of 1–40 bytes.')
  const out = new Uint8Array(1 + 16 + 1 + kiosk.length)
  out[0] = PLAN_TOKEN_VERSION
  out.set(uuidBytes(planId), 1)
  out[17] = kiosk.length
  out.set(kiosk, 18)
  return out
}

/** Makes a plan's token (offline, at the kiosk). */
export function makePlanToken(planId: string, kioskId: string, mac: PlanTokenMac): string {
  const message = planTokenMessage(planId, kioskId)
  const tag = mac(kioskId, message).subarray(0, MAC_BYTES)
  const out = new Uint8Array(message.length + MAC_BYTES)
  out.set(message, 0)
  out.set(tag, message.length)
  return toBase64Url(out)
}

/**
 * Splits a token into its parts WITHOUT checking the MAC (the kiosk's scan only needs the plan id
 * to find a plan it holds); null when it is not a token of this shape. Head office must call
 * {@link verifyPlanToken}.
 */
export function decodePlanToken(token: string): DecodedPlanToken | null {
  if (token.length > 200) return null
  const bytes = fromBase64Url(token)
  if (!bytes || bytes.length < 1 + 16 + 1 + 1 + MAC_BYTES) return null
  if (bytes[0] !== PLAN_TOKEN_VERSION) return null
  const kioskLength = bytes[17] as number
  if (bytes.length !== 18 + kioskLength + MAC_BYTES) return null
  let kioskId: string
  try {
    kioskId = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(18, 18 + kioskLength))
  } catch {
    return null
  }
  // Only the canonical encoding: a token re-encoded with other trailing bits is not the same token.
  if (toBase64Url(bytes) !== token) return null
  return {
    planId: uuidText(bytes.subarray(1, 17)),
    kioskId,
    message: bytes.subarray(0, 18 + kioskLength),
    mac: bytes.subarray(18 + kioskLength),
  }
}

/** Constant-time comparison of two MACs. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number)
  return diff === 0
}

/**
 * Checks a token's MAC with the issuing kiosk's key (`mac` returns null when the kiosk is
 * unknown): the plan id and kiosk id when genuine, else null — one answer for every failure.
 */
export async function verifyPlanToken(
  token: string,
  mac: (kioskId: string, message: Uint8Array) => Promise<Uint8Array | null>,
): Promise<{ planId: string; kioskId: string } | null> {
  const decoded = decodePlanToken(token)
  if (!decoded) return null
  const expected = await mac(decoded.kioskId, decoded.message)
  if (!expected || !sameBytes(expected.subarray(0, MAC_BYTES), decoded.mac)) return null
  return { planId: decoded.planId, kioskId: decoded.kioskId }
}

/** The public page's URL of a token: `<base>/p/<token>` (one slash, whatever the base ends with). */
export function planPageUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${PLAN_PAGE_PATH}${token}`
}

/** The token in a scanned public-page URL (`…/p/<token>`), or null. */
export function planTokenFromUrl(text: string): string | null {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    return null
  }
  const m = /\/p\/([A-Za-z0-9_-]+)\/?$/.exec(url.pathname)
  return m && decodePlanToken(m[1] as string) ? (m[1] as string) : null
}
