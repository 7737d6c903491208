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
import { inTransaction, withDb } from '../db/sql'
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

/**
 * Publishes a catalog version: validated with CatalogSchema (a DPDP notice configuration
 * included), strictly newer than the latest,
 * stored whole, its stores upserted, and announced on the change feed for every kiosk. Plans
 * already enrolled keep their frozen SRP, fee and schedule.
 */
export async function publishCatalog(
  ds: DataSource,
  body: unknown,
  now: number,
): Promise<{ version: string }> {
  const parsed = CatalogSchema.safeParse(body)
  if (!parsed.success) {
    const first = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ')
    throw new HeadOfficeError('CATALOG_INVALID', `Catalog invalid — ${first}`)
  }
  const catalog: Catalog = parsed.data
  // Optional in the schema for the versions published before issue 18; never again without it.
  if (!catalog.privacy) {
    throw new HeadOfficeError(
      'CATALOG_INVALID',
      'Catalog invalid — privacy: the DPDP notice needs a consent version and a grievance officer',
    )
  }
  await inTransaction(ds, async (db) => {
    // Few versions ever exist; lexical order is not version order, so compare in code.
    const newest = (await catalogVersions(db)).sort(compareCatalogVersions).at(-1)
    if (newest && compareCatalogVersions(catalog.version, newest) <= 0) {
      throw new HeadOfficeError(
        'CATALOG_VERSION_OLDER',
        `Catalog ${catalog.version} is not newer than the published ${newest}.`,
      )
    }
    await insertCatalog(db, catalog, now)
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
  })
  return { version: catalog.version }
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
    }))
}
