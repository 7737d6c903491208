import type { DataSource } from 'typeorm'
import { CatalogSchema, type Catalog } from '../../shared/catalog'
import { catalogHeaders, catalogVersions, insertCatalog } from '../db/repos/catalogs'
import { appendChanges, type ChangeEntry } from '../db/repos/feed'
import {
  findStore,
  insertStore,
  setStoreGstin,
  setStoreState,
  updateStore,
} from '../db/repos/stores'
import { type Db, inTransaction, withDb } from '../db/sql'
import { HeadOfficeError } from '../errors'

/** Compares catalog versions `YYYY.MM.N` numerically (2026.11.10 is newer than 2026.11.9). */
export function compareCatalogVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (d !== 0) return Math.sign(d)
  }
  return 0
}

/** One reason a catalog is refused: where (a field path like `models.0.variants.1.srpPaise`) and why. */
export interface CatalogIssue {
  path: string
  message: string
}

/**
 * The publisher's checks of a catalog body, every issue with its field path: CatalogSchema (a
 * DPDP notice configuration included) and the rules head office adds to it. The console shows
 * them next to the fields; publishing refuses a body with any.
 */
export function checkCatalog(
  body: unknown,
): { ok: true; catalog: Catalog } | { ok: false; issues: CatalogIssue[] } {
  const parsed = CatalogSchema.safeParse(body)
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    }
  }
  // Optional in the schema for the versions published before issue 18; never again without it.
  if (!parsed.data.privacy) {
    return {
      ok: false,
      issues: [
        {
          path: 'privacy',
          message: 'the DPDP notice needs a consent version and a grievance officer',
        },
      ],
    }
  }
  return { ok: true, catalog: parsed.data }
}

/** The refusal of a catalog with issues: CATALOG_INVALID naming the first few. */
export function catalogInvalid(issues: CatalogIssue[]): HeadOfficeError {
  const first = issues
    .slice(0, 5)
    .map((i) => `${i.path || '(root)'}: ${i.message}`)
    .join('; ')
  return new HeadOfficeError('CATALOG_INVALID', `Catalog invalid — ${first}`)
}

/**
 * Publishes a catalog version: validated with CatalogSchema (a DPDP notice configuration
 * included), strictly newer than the latest,
 * stored whole, its stores upserted, and announced on the change feed for every kiosk. Plans
 * already enrolled keep their frozen SRP, fee and schedule. `options.publishedBy` says who
 * (a console person's e-mail, `admin token`, `command line`); `options.within` runs in the same
 * transaction once the version is stored (the console's audit line).
 */
export async function publishCatalog(
  ds: DataSource,
  body: unknown,
  now: number,
  options: {
    publishedBy?: string
    within?: (db: Db, catalog: Catalog) => Promise<void>
  } = {},
): Promise<{ version: string }> {
  const checked = checkCatalog(body)
  if (!checked.ok) throw catalogInvalid(checked.issues)
  const catalog = checked.catalog
  await inTransaction(ds, async (db) => {
    await publishCatalogIn(db, catalog, now, options.publishedBy ?? null)
    if (options.within) await options.within(db, catalog)
  })
  return { version: catalog.version }
}

/**
 * Publishes a catalog already checked (checkCatalog) in the caller's transaction: strictly newer
 * than the latest, stored whole, its stores upserted, announced on the change feed. The
 * console's store desk publishes a store's change this way together with its audit line.
 */
export async function publishCatalogIn(
  db: Db,
  catalog: Catalog,
  now: number,
  publishedBy: string | null = null,
): Promise<void> {
  // Few versions ever exist; lexical order is not version order, so compare in code.
  const newest = (await catalogVersions(db)).sort(compareCatalogVersions).at(-1)
  if (newest && compareCatalogVersions(catalog.version, newest) <= 0) {
    throw new HeadOfficeError(
      'CATALOG_VERSION_OLDER',
      `Catalog ${catalog.version} is not newer than the published ${newest}.`,
    )
  }
  await insertCatalog(db, catalog, now, publishedBy)
  const changes: ChangeEntry[] = []
  for (const store of catalog.stores) {
    const known = await findStore(db, store.code)
    if (!known) await insertStore(db, store, now)
    // Head office knows each store's GSTIN, for one kiosk code per GSTIN (kiosk-registry.ts).
    await setStoreGstin(db, store.code, store.gstin)
    // …and its state, the region the console's dashboard and reports filter by.
    await setStoreState(db, store.code, store.stateCode)
    if (known && known.name === store.name && known.active === store.active) continue
    if (known) await updateStore(db, store)
    changes.push({
      audience: ['*'],
      change: {
        kind: 'store',
        store: { code: store.code, name: store.name, active: store.active },
      },
    })
  }
  changes.push({
    audience: ['*'],
    change: { kind: 'catalog', version: catalog.version, catalog },
  })
  await appendChanges(db, changes, now)
}

/** Published versions, newest first. */
export async function listCatalogs(ds: DataSource) {
  const found = await withDb(ds, catalogHeaders)
  return found
    .sort((a, b) => compareCatalogVersions(b.version, a.version))
    .map((r) => ({
      version: r.version,
      effectiveFrom: r.effective_from,
      publishedAt: new Date(Number(r.published_at)).toISOString(),
      publishedBy: r.published_by,
    }))
}
