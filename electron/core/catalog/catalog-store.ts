import { readFileSync } from 'node:fs'
import { CatalogSchema, type Catalog } from '../../../shared/catalog'
import { KioskError } from '../../../shared/errors'
import { appendAudit } from '../audit/audit-log'
import type { Actor } from '../context'
import { CatalogVersionEntity, StoreEntity } from '../storage/entities'
import { catalogDocuments } from '../storage/repos/catalogs'
import type { Store, Tx } from '../storage/store'

/** Orders catalog versions `2026.11.1` numerically, part by part. */
export function compareCatalogVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (d !== 0) return Math.sign(d)
  }
  return 0
}

/** Reads and validates a catalog JSON file (the bundled demo catalog). */
export function readCatalogFile(path: string): Catalog {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'))
  } catch (err) {
    throw new KioskError('CATALOG_INVALID', `Cannot read the catalog at ${path}: ${String(err)}`)
  }
  const parsed = CatalogSchema.safeParse(raw)
  if (!parsed.success) {
    throw new KioskError(
      'CATALOG_INVALID',
      `The catalog at ${path} is invalid: ${parsed.error.message}`,
    )
  }
  return parsed.data
}

/**
 * The installed catalog versions, kept in memory (a handful of small documents). The version in
 * force on a day is the newest one whose `effectiveFrom` has come; plans remember theirs.
 */
export class CatalogStore {
  private versions: Catalog[] = []

  constructor(private readonly store: Store) {}

  /** Loads installed versions; installs the bundled catalog on the first run. */
  async init(bundledCatalogPath: string, at: string, businessDate: string): Promise<void> {
    const documents = await this.store.read((sql) => catalogDocuments(sql))
    // Stored documents were validated on the way in; parse again so a hand-edited DB fails loudly.
    this.versions = documents.map((d) => CatalogSchema.parse(JSON.parse(d)))
    this.sort()
    if (this.versions.length === 0) {
      await this.install(readCatalogFile(bundledCatalogPath), 'bundled', null, at, businessDate)
    }
  }

  private sort(): void {
    this.versions.sort((a, b) => compareCatalogVersions(a.version, b.version))
  }

  /** The newest installed version (what head office last published). */
  latest(): Catalog {
    const latest = this.versions.at(-1)
    if (!latest) throw new KioskError('CATALOG_NOT_LOADED', 'No catalog is installed.')
    return latest
  }

  /** The version in force on a business date (falls back to the oldest before any starts). */
  inForce(onDate: string): Catalog {
    let found: Catalog | undefined
    for (const c of this.versions) if (c.effectiveFrom <= onDate) found = c
    return found ?? this.versions[0] ?? this.latest()
  }

  /** A version by its number (a plan's frozen schedule and windows). */
  byVersion(version: string): Catalog {
    return this.versions.find((c) => c.version === version) ?? this.latest()
  }

  /** Installs a newer version in one transaction with its audit entry. */
  async install(
    catalog: Catalog,
    source: 'bundled' | 'headoffice' | 'manager',
    actor: Actor | null,
    at: string,
    businessDate: string,
  ): Promise<{ version: string; previousVersion: string | null }> {
    const previous = this.versions.at(-1)?.version ?? null
    if (previous && compareCatalogVersions(catalog.version, previous) <= 0) {
      throw new KioskError(
        'CATALOG_VERSION_OLDER',
        `Catalog ${catalog.version} is not newer than the installed ${previous}.`,
      )
    }
    await this.store.write((tx) =>
      this.writeVersion(tx, catalog, source, actor, at, businessDate, previous),
    )
    this.remember(catalog)
    return { version: catalog.version, previousVersion: previous }
  }

  /**
   * Writes a version, its stores and its audit entry inside the caller's transaction (the sync
   * applies a pulled page in one transaction). Call `remember` once that transaction committed.
   */
  async writeVersion(
    tx: Tx,
    catalog: Catalog,
    source: 'bundled' | 'headoffice' | 'manager',
    actor: Actor | null,
    at: string,
    businessDate: string,
    previous: string | null,
  ): Promise<void> {
    await tx.insert(CatalogVersionEntity, {
      version: catalog.version,
      effectiveFrom: catalog.effectiveFrom,
      document: catalog,
      source,
      installedAt: at,
    })
    for (const s of catalog.stores) {
      await tx.em.upsert(
        StoreEntity,
        {
          code: s.code,
          name: s.name,
          kind: s.kind,
          address: s.address,
          stateCode: s.stateCode,
          gstin: s.gstin,
          legalName: s.legalName ?? null,
          active: s.active,
        },
        ['code'],
      )
    }
    await appendAudit(tx, {
      at,
      businessDate,
      staff: actor,
      action: 'catalog.apply',
      entity: 'catalog',
      entityId: catalog.version,
      details: { source, previousVersion: previous, effectiveFrom: catalog.effectiveFrom },
    })
  }

  /** Makes a committed version visible to quotes and enrollments. */
  remember(catalog: Catalog): void {
    if (this.versions.some((c) => c.version === catalog.version)) return
    this.versions.push(catalog)
    this.sort()
  }
}
