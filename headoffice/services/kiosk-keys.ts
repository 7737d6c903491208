import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto'
import type { DataSource } from 'typeorm'
import type { SealedKey } from '../../shared/sync/protocol'
import { insertOrgKey, orgKeysAfter } from '../db/repos/fleet'
import { inTransaction, type Db } from '../db/sql'
import { HeadOfficeError } from '../errors'
import type { SecretBox } from './secret-box'

/**
 * Keys head office hands kiosks after provisioning (docs/fleet.md#keys-head-office-hands-kiosks):
 * kept sealed under the master key, handed out one way — in the kiosk's pull, sealed under that
 * kiosk's secret — versioned, and rotated by adding a version (kiosks keep the older ones).
 */
export async function rotateOrgKey(ds: DataSource, box: SecretBox, name: string, now: number) {
  if (!/^[a-z0-9.-]{1,40}$/.test(name)) {
    throw new HeadOfficeError('VALIDATION_FAILED', 'Key name: 1–40 of a-z, 0-9, dot, dash.')
  }
  const key = randomBytes(32).toString('base64')
  const version = await inTransaction(ds, (db) => insertOrgKey(db, name, box.seal(key), now))
  return { name, version }
}

/** The AES key sealing `name`@`version` for one kiosk: HKDF-SHA256 of its secret. */
export function sealingKey(secret: string, kioskId: string, name: string, version: number) {
  return Buffer.from(hkdfSync('sha256', secret, kioskId, `kiosk-key/${name}/v${version}`, 32))
}

/** The keys newer than `after`, each sealed under the kiosk's secret (AES-256-GCM). */
export async function keysForKiosk(
  db: Db,
  box: SecretBox,
  kiosk: { id: string; secret: string },
  after: number,
): Promise<SealedKey[]> {
  return (await orgKeysAfter(db, after)).map((r) => {
    const version = Number(r.version)
    const iv = randomBytes(12)
    const cipher = createCipheriv(
      'aes-256-gcm',
      sealingKey(kiosk.secret, kiosk.id, r.name, version),
      iv,
    )
    cipher.setAAD(Buffer.from(`${kiosk.id}/${r.name}/${version}`))
    const data = Buffer.concat([cipher.update(box.open(r.key_sealed), 'base64'), cipher.final()])
    const parts = [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url'))
    return { name: r.name, version, sealed: parts.join('.') }
  })
}
