import { randomBytes, scryptSync } from 'node:crypto'

/**
 * Head office and the kiosk write the same scrypt hash differently. Head office keeps one
 * self-describing string, `scrypt$N$r$p$<salt>$<hash>` (salt and hash in base64/base64url, the
 * PHC-like form its staff records and tests use); the kiosk stores `scrypt$N$<hex>` with the salt
 * in its own column and verifies with r = 8, p = 1 and a 32-byte key (staff/pin.ts). This turns
 * the first into the second — the same hash, nothing re-derived — and refuses what the kiosk
 * could not verify, so a pulled staff member is either able to sign in or is not created.
 */
export function headOfficePinHashToKiosk(pinHash: string): { hash: string; salt: string } | null {
  const parts = pinHash.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null
  const [, n, r, p, salt64, hash64] = parts as [string, string, string, string, string, string]
  const N = Number(n)
  // The kiosk's verifier allows 64 MiB of scrypt memory: N = 2^15 at r = 8 is the largest fit.
  if (!Number.isInteger(N) || N < 2 ** 10 || N > 2 ** 15 || (N & (N - 1)) !== 0) return null
  if (r !== '8' || p !== '1') return null
  const salt = decodeBase64(salt64)
  const hash = decodeBase64(hash64)
  if (!salt || salt.length < 8 || !hash || hash.length !== 32) return null
  return { hash: `scrypt$${N}$${hash.toString('hex')}`, salt: salt.toString('hex') }
}

/**
 * The head-office form of a PIN hash the kiosk can take (for head-office tooling and tests):
 * scrypt N = 2^costLog2, r = 8, p = 1, 32-byte key, base64url salt and hash.
 */
export function headOfficePinHash(pin: string, costLog2 = 14): string {
  const N = 2 ** costLog2
  const salt = randomBytes(16)
  const key = scryptSync(pin, salt, 32, { N, r: 8, p: 1, maxmem: 64 * 1024 * 1024 })
  return `scrypt$${N}$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`
}

function decodeBase64(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return null
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
}
