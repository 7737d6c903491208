import { createHash, randomBytes } from 'node:crypto'
import type { DataSource } from 'typeorm'
import { validateKioskCode } from '../../shared/domain/kiosk-code'
import type { ProvisionResponseData, ProvisionedStore } from '../../shared/sync/fleet'
import { kioskId } from '../../shared/sync/signing'
import { latestCatalog } from '../db/repos/catalogs'
import {
  findProvisioningCode,
  insertProvisioningCode,
  markKioskRetired,
  openCodeFor,
  spendProvisioningCode,
} from '../db/repos/fleet'
import { insertKiosk, kioskStatus } from '../db/repos/kiosks'
import { findStore, kioskCodeTakenUnderGstin } from '../db/repos/stores'
import { inTransaction, withDb, type Db } from '../db/sql'
import { HeadOfficeError } from '../errors'
import { fingerprint, type SecretBox } from './secret-box'

/** How long a provisioning code can be redeemed unless the desk says otherwise. */
export const DEFAULT_CODE_TTL_HOURS = 24

// Crockford base32 without I, L, O, U: nothing a clerk can misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** 16 characters of 5 random bits each (80 bits), as `XXXX-XXXX-XXXX-XXXX`. */
function newCode(): string {
  const bytes = randomBytes(16)
  const chars = Array.from(bytes, (b) => ALPHABET[b & 31]).join('')
  return chars.match(/.{4}/g)!.join('-')
}

/**
 * Only the SHA-256 of a code is stored: 80 random bits need no slow hash, and a database dump
 * then yields no redeemable code.
 */
export function codeHash(code: string): string {
  return createHash('sha256').update(code).digest('hex')
}

function checkCodes(storeCode: string, kioskCode: string): void {
  if (!/^[A-Z0-9]{2,8}$/.test(storeCode)) {
    throw new HeadOfficeError('VALIDATION_FAILED', 'Store code: 2–8 capitals/digits.')
  }
  const code = validateKioskCode(kioskCode)
  if (!code.ok) throw new HeadOfficeError(code.code, code.message)
}

/** Refuses a kiosk code that exists, or that another kiosk of the same GSTIN bills under. */
async function checkKioskCodeFree(db: Db, storeCode: string, kioskCode: string): Promise<void> {
  const id = kioskId(storeCode, kioskCode)
  if (await kioskStatus(db, id)) {
    throw new HeadOfficeError(
      'KIOSK_EXISTS',
      `Kiosk ${id} exists (a retired kiosk's code is never given again): choose another code.`,
    )
  }
  const taken = await kioskCodeTakenUnderGstin(db, storeCode, kioskCode, id)
  if (taken) {
    throw new HeadOfficeError(
      'KIOSK_CODE_TAKEN',
      `Kiosk ${taken} bills under the same GSTIN with code ${kioskCode}: its document numbers ` +
        `would repeat. Give this kiosk another code.`,
    )
  }
}

/**
 * Issues a one-time provisioning code for a new kiosk of a store (docs/fleet.md#provisioning):
 * the kiosk code is checked now (free, unique under the store's GSTIN) and again on redemption.
 * The code is returned once; only its hash is kept.
 */
export async function issueProvisioningCode(
  ds: DataSource,
  input: { storeCode: string; kioskCode: string; ttlHours?: number },
  now: number,
  /** Writes the console's audit line in the same transaction (never with the code). */
  audit?: (db: Db, expiresAt: string) => Promise<void>,
): Promise<{ code: string; storeCode: string; kioskCode: string; expiresAt: string }> {
  checkCodes(input.storeCode, input.kioskCode)
  const code = newCode()
  const expiresAt = now + (input.ttlHours ?? DEFAULT_CODE_TTL_HOURS) * 3_600_000
  await inTransaction(ds, async (db) => {
    const store = await findStore(db, input.storeCode)
    if (!store) {
      throw new HeadOfficeError(
        'STORE_NOT_FOUND',
        `No store ${input.storeCode}: publish a catalog naming it first.`,
      )
    }
    // A closed store, or the online store, has no counter for a kiosk to stand at.
    if (!store.active || (await catalogEntry(db, input.storeCode))?.kind === 'online') {
      throw new HeadOfficeError(
        'STORE_NOT_IN_PROGRAM',
        `Store ${input.storeCode} is closed or not a physical store: it takes no kiosk.`,
      )
    }
    await checkKioskCodeFree(db, input.storeCode, input.kioskCode)
    if (await openCodeFor(db, input.storeCode, input.kioskCode, now)) {
      throw new HeadOfficeError(
        'KIOSK_EXISTS',
        `An unused code for kiosk ${input.kioskCode} of ${input.storeCode} is still open.`,
      )
    }
    const row = { hash: codeHash(code), ...input, expiresAt }
    await insertProvisioningCode(db, row, now)
    await audit?.(db, new Date(expiresAt).toISOString())
  })
  return { code, ...input, expiresAt: new Date(expiresAt).toISOString() }
}

/** The store's entry in the newest published catalog. */
async function catalogEntry(db: Db, storeCode: string) {
  const latest = await latestCatalog(db)
  const stores = latest
    ? (JSON.parse(latest.body) as { stores?: Array<Record<string, unknown>> }).stores
    : undefined
  return stores?.find((s) => s.code === storeCode)
}

/** The store as a kiosk prints it: head office's row plus the newest catalog's entry. */
async function provisionedStore(db: Db, storeCode: string): Promise<ProvisionedStore> {
  const row = await findStore(db, storeCode)
  const entry = await catalogEntry(db, storeCode)
  const text = (v: unknown) => (typeof v === 'string' ? v : null)
  return {
    code: storeCode,
    name: text(entry?.name) ?? row?.name ?? storeCode,
    legalName: text(entry?.legalName),
    address: text(entry?.address),
    stateCode: text(entry?.stateCode),
    gstin: text(entry?.gstin),
  }
}

/**
 * Redeems a code: creates the kiosk it names with a new secret and answers the kiosk's identity
 * and the secret (once). Unknown, spent and expired codes are refused with their own code; the
 * code is spent in the transaction that creates the kiosk, so a failure leaves it unspent.
 */
export async function redeemProvisioningCode(
  ds: DataSource,
  box: SecretBox,
  code: string,
  now: number,
): Promise<ProvisionResponseData> {
  const hash = codeHash(code)
  const secret = randomBytes(32).toString('base64url')
  return inTransaction(ds, async (db) => {
    const found = await findProvisioningCode(db, hash)
    if (!found) {
      throw new HeadOfficeError('PROVISIONING_CODE_INVALID', 'This provisioning code is not known.')
    }
    if (found.usedAt !== null) {
      throw new HeadOfficeError('PROVISIONING_CODE_USED', 'This code has already been used.')
    }
    if (found.expiresAt <= now) {
      throw new HeadOfficeError('PROVISIONING_CODE_EXPIRED', 'This code has expired.')
    }
    const id = kioskId(found.storeCode, found.kioskCode)
    await checkKioskCodeFree(db, found.storeCode, found.kioskCode)
    if (!(await spendProvisioningCode(db, hash, id, now))) {
      throw new HeadOfficeError('PROVISIONING_CODE_USED', 'This code has already been used.')
    }
    const kiosk = { id, storeCode: found.storeCode, kioskCode: found.kioskCode }
    await insertKiosk(db, { ...kiosk, secretSealed: box.seal(secret) }, fingerprint(secret), now)
    return {
      store: await provisionedStore(db, found.storeCode),
      kioskCode: found.kioskCode,
      kioskId: id,
      secret,
    }
  })
}

/**
 * Retires a kiosk (replaced, stolen, broken): revoked for good, and listed as lost-at-risk if
 * its last heartbeat reported unsent events and it never comes back (fleet-health.ts).
 */
export async function retireKiosk(ds: DataSource, id: string, now: number): Promise<void> {
  const retired = await withDb(ds, (db) => markKioskRetired(db, id, now))
  if (!retired) throw new HeadOfficeError('KIOSK_UNKNOWN', `No kiosk ${id}.`)
}
