import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

/**
 * Encrypts kiosk secrets at rest. HMAC verification needs the secret itself (a hash would not
 * do), so head office keeps it sealed with AES-256-GCM under a master key that lives outside
 * the database (env HEADOFFICE_MASTER_KEY): a stolen database dump alone yields no secret.
 */
export interface SecretBox {
  seal(plain: string): string
  open(sealed: string): string
}

/** Parses a 32-byte master key given as 64 hex characters or base64. */
export function parseMasterKey(text: string): Buffer {
  const trimmed = text.trim()
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64')
  if (key.length !== 32) throw new Error('The master key must be 32 bytes (64 hex characters).')
  return key
}

/** AES-256-GCM box: `v1.<iv>.<tag>.<ciphertext>` (base64url parts). */
export function createSecretBox(masterKey: Buffer): SecretBox {
  return {
    seal(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', masterKey, iv)
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      const parts = [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url'))
      return `v1.${parts.join('.')}`
    },
    open(sealed) {
      const [version, iv, tag, data] = sealed.split('.')
      if (version !== 'v1' || !iv || !tag || !data) throw new Error('Unknown sealed secret format.')
      const decipher = createDecipheriv('aes-256-gcm', masterKey, Buffer.from(iv, 'base64url'))
      decipher.setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([
        decipher.update(Buffer.from(data, 'base64url')),
        decipher.final(),
      ]).toString('utf8')
    },
  }
}

/** A short public fingerprint of a secret (to tell kiosks' secrets apart without revealing them). */
export function fingerprint(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 16)
}
