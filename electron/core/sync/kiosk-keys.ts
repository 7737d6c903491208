import { createDecipheriv, hkdfSync } from 'node:crypto'
import type { SealedKey } from '../../../shared/sync/protocol'

/**
 * Opens a key head office sealed under this kiosk's secret
 * (docs/fleet.md#keys-head-office-hands-kiosks): AES-256-GCM under HKDF-SHA256(secret, salt = kiosk id, info =
 * `kiosk-key/<name>/v<version>`), the kiosk id, name and version as associated data — so a key
 * sealed for another kiosk, or relabelled as another name or version, does not open.
 */
export function openSealedKey(secret: string, kioskId: string, key: SealedKey): Buffer {
  const [iv, tag, data] = key.sealed.split('.')
  if (!iv || !tag || !data) throw new Error('Malformed sealed key.')
  const aesKey = Buffer.from(
    hkdfSync('sha256', secret, kioskId, `kiosk-key/${key.name}/v${key.version}`, 32),
  )
  const decipher = createDecipheriv('aes-256-gcm', aesKey, Buffer.from(iv, 'base64url'))
  decipher.setAAD(Buffer.from(`${kioskId}/${key.name}/${key.version}`))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()])
}
