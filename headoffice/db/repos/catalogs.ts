import type { Catalog } from '../../../shared/catalog'
import { type Db, exec, inList, rows } from '../sql'

/** A published catalog as stored: its version and its whole body (JSON). */
export interface CatalogBody {
  version: string
  body: string
}

/** The versions of every published catalog (unordered). */
export async function catalogVersions(db: Db): Promise<string[]> {
  return (await rows<{ version: string }>(db, `SELECT version FROM ho_catalog`)).map(
    (r) => r.version,
  )
}

export async function insertCatalog(db: Db, catalog: Catalog, now: number): Promise<void> {
  await exec(
    db,
    `INSERT INTO ho_catalog (version, effective_from, body, published_at) VALUES (?, ?, ?, ?)`,
    [catalog.version, catalog.effectiveFrom, JSON.stringify(catalog), now],
  )
}

/** Every published catalog without its body (unordered). */
export function catalogHeaders(
  db: Db,
): Promise<Array<{ version: string; effective_from: string; published_at: number }>> {
  return rows<{ version: string; effective_from: string; published_at: number }>(
    db,
    `SELECT version, effective_from, published_at FROM ho_catalog`,
  )
}

/** The catalog published last, or null. */
export async function latestCatalog(db: Db): Promise<CatalogBody | null> {
  const found = await rows<CatalogBody>(
    db,
    `SELECT version, body FROM ho_catalog ORDER BY published_at DESC LIMIT 1`,
  )
  return found[0] ?? null
}

/** The catalogs of the given versions (callers never pass an empty list). */
export function catalogsByVersion(db: Db, versions: string[]): Promise<CatalogBody[]> {
  return rows<CatalogBody>(
    db,
    `SELECT version, body FROM ho_catalog WHERE version IN ${inList(versions.length)}`,
    versions,
  )
}
