import { randomBytes, randomInt, scrypt } from 'node:crypto'

/** How many digits a PIN head office generates has (the kiosk takes 4 to 8). */
export const GENERATED_PIN_DIGITS = 6

/**
 * A new PIN for a staff member, generated rather than typed by the operator: nobody at the desk
 * picks 1234 for a busy store, and the person hears it once on the phone. Runs of one digit and
 * straight sequences (123456, 987654) are drawn again.
 */
export function generateStaffPin(): string {
  for (;;) {
    const pin = Array.from({ length: GENERATED_PIN_DIGITS }, () => String(randomInt(10))).join('')
    if (!isGuessable(pin)) return pin
  }
}

/** All one digit, or every step +1 or every step −1. */
export function isGuessable(pin: string): boolean {
  const d = Array.from(pin, Number)
  const steps = new Set(d.slice(1).map((x, i) => (x - (d[i] as number) + 10) % 10))
  return steps.size === 1 && [0, 1, 9].includes([...steps][0] as number)
}

/**
 * The PIN's hash as head office keeps it and sends it to the store's kiosks:
 * `scrypt$N$8$1$<salt>$<hash>` (N = 2^14, 16-byte salt, 32-byte key, base64url), the form the
 * kiosk converts and verifies (electron/core/sync/staff-pin.ts). The PIN itself is never stored.
 */
export function hashStaffPin(pin: string): Promise<string> {
  const N = 2 ** 14
  const salt = randomBytes(16)
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, 32, { N, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error
        ? reject(error)
        : resolve(`scrypt$${N}$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`),
    ),
  )
}
