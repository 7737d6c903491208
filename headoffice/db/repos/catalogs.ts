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

export async function insertCatalog(
  db: Db,
  catalog: Catalog,
  now: number,
  publishedBy: string | null,
): Promise<void> {
  await exec(
    db,
    `INSERT INTO ho_catalog (version, effective_from, body, published_at, published_by)
     VALUES (?, ?, ?, ?, ?)`,
    [catalog.version, catalog.effectiveFrom, JSON.stringify(catalog), now, publishedBy],
  )
}

/** A published catalog without its body. */
export interface CatalogHeader {
  version: string
  effective_from: string
  published_at: number
  published_by: string | null
}

/** Every published catalog without its body (unordered). */
export function catalogHeaders(db: Db): Promise<CatalogHeader[]> {
  return rows<CatalogHeader>(
    db,
    `SELECT version, effective_from, published_at, published_by FROM ho_catalog`,
  )
}

/** One published catalog by its version, or null. */
export async function catalogByVersion(db: Db, version: string): Promise<CatalogBody | null> {
  const found = await rows<CatalogBody>(
    db,
    `SELECT version, body FROM ho_catalog WHERE version = ?`,
    [version],
  )
  return found[0] ?? null
}

/**
 * Which catalog each kiosk runs, from its latest heartbeat: the version in force there and the
 * newest it holds (null from kiosks before issue 21), with the kiosk and when it was last seen.
 */
export function kioskCatalogRows(db: Db) {
  return rows<{
    store_code: string
    kiosk_code: string
    status: string
    last_seen_at: unknown
    catalog_version: string | null
    catalog_latest: string | null
  }>(
    db,
    `SELECT k.store_code, k.kiosk_code, k.status, k.last_seen_at, h.catalog_version,
       h.catalog_latest
     FROM ho_kiosk k JOIN ho_kiosk_heartbeat h ON h.kiosk_id = k.id
     WHERE k.status = 'active' AND k.retired_at IS NULL
     ORDER BY k.store_code, k.kiosk_code`,
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
