import { randomBytes } from 'node:crypto'
import type { DataSource } from 'typeorm'
import { validateKioskCode } from '../../shared/domain/kiosk-code'
import { kioskId } from '../../shared/sync/signing'
import { appendChanges } from '../db/repos/feed'
import {
  findKiosk,
  insertKiosk,
  kioskRows,
  kioskStatus,
  markKioskRevoked,
  rekeyKiosk,
} from '../db/repos/kiosks'
import { insertStore, kioskCodeTakenUnderGstin, storeExists } from '../db/repos/stores'
import { inTransaction, withDb, type Db } from '../db/sql'
import { HeadOfficeError } from '../errors'
import { seedStoreFeed } from './change-feed'
import { fingerprint, type SecretBox } from './secret-box'

/** A kiosk as authentication needs it. */
export interface KioskIdentity {
  id: string
  storeCode: string
  kioskCode: string
  status: 'active' | 'revoked'
  secret: string
}

/** Registers (or re-keys) a kiosk; returns its new secret — shown once, never again. */
export async function registerKiosk(
  ds: DataSource,
  box: SecretBox,
  input: { storeCode: string; kioskCode: string; storeName?: string; rotate?: boolean },
  now: number,
): Promise<{ kioskId: string; secret: string; fingerprint: string }> {
  const id = kioskId(input.storeCode, input.kioskCode)
  if (!/^[A-Z0-9]{2,8}$/.test(input.storeCode)) {
    throw new HeadOfficeError('VALIDATION_FAILED', 'Store code: 2–8 capitals/digits.')
  }
  // The kiosk's own rule: the code goes into its GST document numbers.
  const code = validateKioskCode(input.kioskCode)
  if (!code.ok) throw new HeadOfficeError(code.code, code.message)
  const secret = randomBytes(32).toString('base64url')
  await inTransaction(ds, async (db) => {
    if (!(await storeExists(db, input.storeCode))) {
      await addStore(db, { code: input.storeCode, name: input.storeName ?? input.storeCode }, now)
    }
    const existing = await kioskStatus(db, id)
    if (existing && !input.rotate) {
      throw new HeadOfficeError('KIOSK_EXISTS', `Kiosk ${id} is already registered.`)
    }
    const taken = await kioskCodeTakenUnderGstin(db, input.storeCode, input.kioskCode, id)
    if (taken) {
      throw new HeadOfficeError(
        'KIOSK_CODE_TAKEN',
        `Kiosk ${taken} bills under the same GSTIN with code ${input.kioskCode}: its document ` +
          `numbers would repeat. Give this kiosk another code.`,
      )
    }
    // Re-keying keeps the kiosk's sequence: its outbox carries on where it was.
    if (existing) await rekeyKiosk(db, id, box.seal(secret), fingerprint(secret))
    else {
      const kiosk = { id, ...input, secretSealed: box.seal(secret) }
      await insertKiosk(db, kiosk, fingerprint(secret), now)
    }
  })
  return { kioskId: id, secret, fingerprint: fingerprint(secret) }
}

/** A store first named by a kiosk's registration: announced to every store, its feed seeded. */
async function addStore(db: Db, store: { code: string; name: string }, now: number) {
  await insertStore(db, { ...store, active: true }, now)
  await appendChanges(
    db,
    [{ audience: ['*'], change: { kind: 'store', store: { ...store, active: true } } }],
    now,
  )
  await seedStoreFeed(db, store.code, now)
}

/** Revokes a kiosk: every later request from it is refused. */
export async function revokeKiosk(ds: DataSource, id: string, now: number): Promise<void> {
  const revoked = await withDb(ds, (db) => markKioskRevoked(db, id, now))
  if (!revoked) throw new HeadOfficeError('KIOSK_UNKNOWN', `No kiosk ${id}.`)
}

/** Lists kiosks (no secrets). */
export async function listKiosks(ds: DataSource) {
  return withDb(ds, kioskRows)
}

/**
 * Looks kiosks up for authentication. The kiosk's row is read on every request (one primary-key
 * read), so a revocation or a new secret written by any process — the admin command line with
 * its own connection included — holds from the very next request; only the decryption of the
 * sealed secret is remembered, keyed by the sealed value itself, so a re-keyed kiosk's old
 * secret can never be served from memory.
 */
export function createKioskDirectory(ds: DataSource, box: SecretBox) {
  const opened = new Map<string, string>()
  const open = (sealed: string): string => {
    let secret = opened.get(sealed)
    if (secret === undefined) {
      secret = box.open(sealed)
      if (opened.size > 10_000) opened.clear()
      opened.set(sealed, secret)
    }
    return secret
  }
  return {
    async find(id: string): Promise<KioskIdentity | null> {
      const row = await withDb(ds, (db) => findKiosk(db, id))
      return row
        ? {
            id: row.id,
            storeCode: row.storeCode,
            kioskCode: row.kioskCode,
            status: row.status,
            secret: open(row.secretSealed),
          }
        : null
    },
  }
}

export type KioskDirectory = ReturnType<typeof createKioskDirectory>
