import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'

/** How a secret is kept at rest: Electron's safeStorage in the app, as-is in browser mode. */
export interface SecretCodec {
  encode(secret: Buffer): Buffer
  decode(stored: Buffer): Buffer
}

const PLAIN: SecretCodec = { encode: (b) => b, decode: (b) => b }

/**
 * Loads a 32-byte secret from `path`, creating it on first use. The file is 0600 (owner only);
 * the Electron shell also encrypts it with the OS keychain through `codec`.
 */
export function loadOrCreateSecret(path: string, codec: SecretCodec = PLAIN): Buffer {
  if (existsSync(path)) {
    const secret = codec.decode(readFileSync(path))
    if (secret.length >= 32) return secret
    throw new Error(`The secret in ${path} is damaged (too short); restore it from a backup.`)
  }
  const secret = randomBytes(32)
  writeFileSync(path, codec.encode(secret), { mode: 0o600, flag: 'wx' })
  chmodSync(path, 0o600)
  return secret
}
