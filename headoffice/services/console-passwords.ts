import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/**
 * Console passwords are kept as scrypt hashes (a memory-hard KDF: OWASP's minimum for scrypt is
 * N=2^17 r=8 p=1; 2^15 with r=8 costs ~32 MB and ~50 ms here, an acceptable sign-in delay on a
 * shared two-core server). The parameters travel with the hash so they can be raised later.
 */
const N = 2 ** 15
const R = 8
const P = 1
const KEY_BYTES = 32

function derive(password: string, salt: Buffer, o: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEY_BYTES,
      { ...o, maxmem: 128 * 1024 * 1024 },
      (e, k) => (e ? reject(e) : resolve(k)),
    ),
  )
}

/** `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, { N, r: R, p: P })
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/** Whether `password` matches `stored`; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$')
  if (kind !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const key = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  })
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/** A password a person is given once and asked to keep (20 characters, ~119 bits). */
export function oneTimePassword(): string {
  return randomBytes(15).toString('base64url')
}

/** Minimum a console password must meet (NIST 800-63B: length, not composition rules). */
export const MIN_PASSWORD_LENGTH = 12
