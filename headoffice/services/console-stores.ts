import type { DataSource } from 'typeorm'
import {
  validateBusinessAddress,
  validateBusinessName,
} from '../../shared/domain/business-recipient'
import { CatalogSchema, type Catalog, type Store } from '../../shared/domain/catalog'
import { validateGstin } from '../../shared/domain/id-documents'
import { GST_STATES } from '../../shared/domain/place-of-supply'
import { kioskId } from '../../shared/sync/signing'
import { catalogsByVersion, catalogVersions } from '../db/repos/catalogs'
import { isKioskRetired, markKioskRetired } from '../db/repos/fleet'
import { kioskStatus, markKioskRevoked } from '../db/repos/kiosks'
import { activeKioskCount, storeRowsWithKiosks } from '../db/repos/stores'
import { type Db, inTransaction, withDb } from '../db/sql'
import { HeadOfficeError } from '../errors'
import { compareCatalogVersions, publishCatalogIn } from './catalog-publisher'
import { recordAudit } from './console-audit'
import { issueProvisioningCode } from './provisioning'

/** The kinds of store a kiosk can stand in (the online store has no counter). */
export const PHYSICAL_STORE_KINDS = ['mi-home', 'mi-studio', 'preferred-partner'] as const

/** A store's details as the console edits them. */
export interface StoreDetails {
  name: string
  kind: (typeof PHYSICAL_STORE_KINDS)[number]
  legalName: string
  address: string
  stateCode: string
  gstin: string
}

/** The newest version by number (two published in the same millisecond tie on time). */
async function newestCatalog(db: Db): Promise<Catalog | null> {
  const newest = (await catalogVersions(db)).sort(compareCatalogVersions).at(-1)
  if (!newest) return null
  const [found] = await catalogsByVersion(db, [newest])
  return found ? (JSON.parse(found.body) as Catalog) : null
}

/**
 * Every store: head office's register (status, kiosks in service) with its details from the
 * newest published catalog, the version kiosks print from.
 */
export async function consoleStores(ds: DataSource) {
  return withDb(ds, async (db) => {
    const catalog = await newestCatalog(db)
    const entries = new Map((catalog?.stores ?? []).map((s) => [s.code, s]))
    return (await storeRowsWithKiosks(db)).map((r) => {
      const s = entries.get(r.code)
      return {
        code: r.code,
        name: s?.name ?? r.name,
        kind: s?.kind ?? null,
        legalName: s?.legalName ?? null,
        address: s?.address ?? null,
        stateCode: s?.stateCode ?? null,
        gstin: s?.gstin ?? null,
        status: r.active ? ('open' as const) : ('closed' as const),
        kiosks: r.kiosks,
        inCatalog: s !== undefined,
      }
    })
  })
}

/**
 * Checks a store's details as the catalog will print them (docs/tax-documents.md): a real GSTIN
 * (its check character included) registered in the store's state, the legal name registered
 * under it and a billing address. Normalised values are returned.
 */
export function checkStoreDetails(input: StoreDetails): StoreDetails {
  const fail = (code: 'VALIDATION_FAILED', message: string) => new HeadOfficeError(code, message)
  const legalName = validateBusinessName(input.legalName)
  if (!legalName.ok) throw new HeadOfficeError(legalName.code, legalName.message)
  const address = validateBusinessAddress(input.address)
  if (!address.ok) throw new HeadOfficeError(address.code, 'Store address: 10 to 250 characters.')
  if (!GST_STATES[input.stateCode]) {
    throw fail('VALIDATION_FAILED', `State code ${input.stateCode} is not a GST state (01–38).`)
  }
  const gstin = validateGstin(input.gstin)
  if (!gstin.ok) throw new HeadOfficeError(gstin.code, gstin.message)
  if (!gstin.value.startsWith(input.stateCode)) {
    throw new HeadOfficeError(
      'GSTIN_INVALID',
      `GSTIN ${gstin.value} is registered in state ${gstin.value.slice(0, 2)}, not in the ` +
        `store's state ${input.stateCode}.`,
    )
  }
  const name = input.name.trim()
  if (name.length < 1 || name.length > 120) {
    throw fail('VALIDATION_FAILED', 'Store name: 1 to 120 characters.')
  }
  return {
    ...input,
    name,
    legalName: legalName.value,
    address: address.value,
    gstin: gstin.value,
  }
}

/** The next version after `version` (2026.11.3 → 2026.11.4). */
function nextVersion(version: string): string {
  const [y, m, n] = version.split('.')
  return `${y}.${m}.${Number(n) + 1}`
}

/**
 * Kiosks print a store from the catalog, so a store's change is a new catalog version: the
 * newest one with this store's entry changed (same effective date, models and schedule),
 * published in the transaction that audits it. The store reaches every kiosk on its next pull.
 */
async function publishStoreChange(
  db: Db,
  code: string,
  change: (existing: Store | undefined) => Store,
  now: number,
): Promise<{ version: string; before: Store | undefined; after: Store }> {
  const catalog = await newestCatalog(db)
  if (!catalog) {
    throw new HeadOfficeError(
      'CATALOG_NOT_LOADED',
      'No catalog is published yet: publish one before managing stores.',
    )
  }
  const before = catalog.stores.find((s) => s.code === code)
  const after = change(before)
  const stores = before
    ? catalog.stores.map((s) => (s.code === code ? after : s))
    : [...catalog.stores, after]
  const parsed = CatalogSchema.safeParse({
    ...catalog,
    version: nextVersion(catalog.version),
    stores,
  })
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    throw new HeadOfficeError(
      'CATALOG_INVALID',
      `The store would make the catalog invalid — ${first?.path.join('.')}: ${first?.message}`,
    )
  }
  await publishCatalogIn(db, parsed.data, now)
  return { version: parsed.data.version, before, after }
}

const auditedStore = (s: Store | undefined) =>
  s && {
    name: s.name,
    kind: s.kind,
    legalName: s.legalName ?? null,
    address: s.address,
    stateCode: s.stateCode,
    gstin: s.gstin,
    active: s.active,
  }

/** Adds a store (a new catalog version naming it); audited. */
export async function addConsoleStore(
  ds: DataSource,
  input: StoreDetails & { code: string; actor: string },
  now: number,
) {
  if (!/^[A-Z0-9]{2,8}$/.test(input.code)) {
    throw new HeadOfficeError('VALIDATION_FAILED', 'Store code: 2 to 8 capitals or digits.')
  }
  const details = checkStoreDetails(input)
  return inTransaction(ds, async (db) => {
    const known = (await storeRowsWithKiosks(db)).some((s) => s.code === input.code)
    const published = await publishStoreChange(
      db,
      input.code,
      (existing) => {
        if (known || existing) {
          throw new HeadOfficeError(
            'VALIDATION_FAILED',
            `Store ${input.code} exists: choose another code.`,
          )
        }
        return { code: input.code, ...details, active: true }
      },
      now,
    )
    await recordAudit(
      db,
      {
        actor: input.actor,
        action: 'store.add',
        subject: input.code,
        after: { ...auditedStore(published.after), catalogVersion: published.version },
      },
      now,
    )
    return { code: input.code, catalogVersion: published.version }
  })
}

/** Edits a store's details (a new catalog version); audited before and after. */
export async function editConsoleStore(
  ds: DataSource,
  input: StoreDetails & { code: string; actor: string },
  now: number,
) {
  const details = checkStoreDetails(input)
  return inTransaction(ds, async (db) => {
    const published = await publishStoreChange(
      db,
      input.code,
      (existing) => {
        if (!existing) throw new HeadOfficeError('STORE_NOT_FOUND', `No store ${input.code}.`)
        if (existing.kind === 'online') {
          throw new HeadOfficeError(
            'STORE_NOT_IN_PROGRAM',
            `${input.code} is the online store: it has no counter, and its entry is edited in ` +
              `the catalog.`,
          )
        }
        return { ...existing, ...details }
      },
      now,
    )
    await recordAudit(
      db,
      {
        actor: input.actor,
        action: 'store.edit',
        subject: input.code,
        before: auditedStore(published.before),
        after: { ...auditedStore(published.after), catalogVersion: published.version },
      },
      now,
    )
    return { code: input.code, catalogVersion: published.version }
  })
}

/**
 * Closes a store: no more enrollments there, no kiosk provisioned for it. Refused while a kiosk
 * of the store can still sign requests: its sales would arrive for a closed store.
 */
export async function closeConsoleStore(
  ds: DataSource,
  input: { code: string; reason: string; actor: string },
  now: number,
) {
  return inTransaction(ds, async (db) => {
    const open = await activeKioskCount(db, input.code)
    if (open > 0) {
      throw new HeadOfficeError(
        'VALIDATION_FAILED',
        `Store ${input.code} still has ${open} kiosk(s) in service: revoke or retire them first.`,
      )
    }
    const published = await publishStoreChange(
      db,
      input.code,
      (existing) => {
        if (!existing) throw new HeadOfficeError('STORE_NOT_FOUND', `No store ${input.code}.`)
        if (!existing.active) {
          throw new HeadOfficeError('VALIDATION_FAILED', `Store ${input.code} is already closed.`)
        }
        return { ...existing, active: false }
      },
      now,
    )
    await recordAudit(
      db,
      {
        actor: input.actor,
        action: 'store.close',
        subject: input.code,
        before: { active: true },
        after: { active: false, reason: input.reason, catalogVersion: published.version },
      },
      now,
    )
    return { code: input.code, catalogVersion: published.version }
  })
}

/** Reopens a closed store (a new catalog version); audited. */
export async function reopenConsoleStore(
  ds: DataSource,
  input: { code: string; reason: string; actor: string },
  now: number,
) {
  return inTransaction(ds, async (db) => {
    const published = await publishStoreChange(
      db,
      input.code,
      (existing) => {
        if (!existing) throw new HeadOfficeError('STORE_NOT_FOUND', `No store ${input.code}.`)
        if (existing.active) {
          throw new HeadOfficeError('VALIDATION_FAILED', `Store ${input.code} is open.`)
        }
        return { ...existing, active: true }
      },
      now,
    )
    await recordAudit(
      db,
      {
        actor: input.actor,
        action: 'store.reopen',
        subject: input.code,
        before: { active: false },
        after: { active: true, reason: input.reason, catalogVersion: published.version },
      },
      now,
    )
    return { code: input.code, catalogVersion: published.version }
  })
}

/**
 * A one-time provisioning code for a new kiosk of a store (provisioning.ts), returned once and
 * audited without the code: only its expiry and the kiosk it names.
 */
export async function issueConsoleProvisioningCode(
  ds: DataSource,
  input: { storeCode: string; kioskCode: string; actor: string },
  now: number,
) {
  return issueProvisioningCode(
    ds,
    { storeCode: input.storeCode, kioskCode: input.kioskCode },
    now,
    (db, expiresAt) =>
      recordAudit(
        db,
        {
          actor: input.actor,
          action: 'kiosk.provisioning-code',
          subject: kioskId(input.storeCode, input.kioskCode),
          after: { expiresAt },
        },
        now,
      ),
  )
}

/**
 * Revokes (every later request refused; `register-kiosk --rotate` can bring it back) or retires
 * (for good: replaced, stolen, broken) a kiosk, with the operator's reason; audited.
 */
export async function endConsoleKiosk(
  ds: DataSource,
  input: {
    storeCode: string
    kioskCode: string
    action: 'revoke' | 'retire'
    reason: string
    actor: string
  },
  now: number,
) {
  const id = kioskId(input.storeCode, input.kioskCode)
  return inTransaction(ds, async (db) => {
    const before = await kioskStatus(db, id)
    if (!before) throw new HeadOfficeError('KIOSK_UNKNOWN', `No kiosk ${id}.`)
    if (await isKioskRetired(db, id)) {
      throw new HeadOfficeError('VALIDATION_FAILED', `Kiosk ${id} is already retired.`)
    }
    if (input.action === 'revoke' && before !== 'active') {
      throw new HeadOfficeError('VALIDATION_FAILED', `Kiosk ${id} is already revoked.`)
    }
    if (input.action === 'retire') await markKioskRetired(db, id, now)
    else await markKioskRevoked(db, id, now)
    const after = input.action === 'retire' ? 'retired' : 'revoked'
    await recordAudit(
      db,
      {
        actor: input.actor,
        action: `kiosk.${input.action}`,
        subject: id,
        before: { status: before },
        after: { status: after, reason: input.reason },
      },
      now,
    )
    return { kioskId: id, status: after }
  })
}
