import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

// scrypt (memory-hard, in node:crypto): a 4-digit PIN has only 10^4 values, so the hash alone
// cannot protect it against someone holding the file; the cost slows offline guessing and the
// lockout stops guessing at the counter. N = 2^14 takes ~40 ms here.
const KEY_LENGTH = 32

function scryptAsync(pin: string, salt: Buffer, N: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, KEY_LENGTH, { N, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  )
}

/** Hashes a PIN with a fresh per-staff salt; the cost is stored with the hash. */
export async function hashPin(pin: string, costLog2 = 14): Promise<{ hash: string; salt: string }> {
  const salt = randomBytes(16)
  const N = 2 ** costLog2
  const key = await scryptAsync(pin, salt, N)
  return { hash: `scrypt$${N}$${key.toString('hex')}`, salt: salt.toString('hex') }
}

/** Checks a PIN against a stored hash in constant time. */
export async function verifyPin(
  pin: string,
  stored: { hash: string; salt: string },
): Promise<boolean> {
  const [scheme, n, hex] = stored.hash.split('$')
  if (scheme !== 'scrypt' || !n || !hex) return false
  const key = await scryptAsync(pin, Buffer.from(stored.salt, 'hex'), Number(n))
  const expected = Buffer.from(hex, 'hex')
  return expected.length === key.length && timingSafeEqual(expected, key)
}
