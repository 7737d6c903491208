import type { DataSource } from 'typeorm'
import type { Catalog, Model, ValueBand, Variant } from '../../shared/catalog'
import {
  catalogByVersion,
  catalogHeaders,
  type CatalogHeader,
  kioskCatalogRows,
} from '../db/repos/catalogs'
import { num, withDb } from '../db/sql'
import { HeadOfficeError } from '../errors'
import {
  catalogInvalid,
  type CatalogIssue,
  checkCatalog,
  compareCatalogVersions,
  publishCatalog,
} from './catalog-publisher'
import { recordAudit } from './console-audit'

/**
 * The console's Catalog screen (docs/console.md#catalog): the published versions and which one is
 * in force, a draft's checks and its differences from the version in force, publishing it with
 * an effective date (audited), and which kiosks run which version.
 */

/**
 * The version in force on a day, by the kiosk's own rule (electron/core/catalog/catalog-store.ts
 * `inForce`): the newest version whose effective date has come; before any, the oldest.
 */
export function versionInForce<T extends { version: string; effectiveFrom: string }>(
  versions: T[],
  today: string,
): T | null {
  const sorted = [...versions].sort((a, b) => compareCatalogVersions(a.version, b.version))
  let found: T | undefined
  for (const v of sorted) if (v.effectiveFrom <= today) found = v
  return found ?? sorted[0] ?? null
}

/**
 * The next version number to propose: `YYYY.MM.N` of the effective date's month (today's when
 * none), N one past the highest published in that month, and always newer than every published
 * version (docs/program-rules.md#configurable-through-the-catalog: versions only move forward).
 */
export function nextCatalogVersion(published: string[], onDate: string): string {
  const [year, month] = onDate.split('-')
  const prefix = `${year}.${month}`
  const inMonth = published
    .filter((v) => v.startsWith(`${prefix}.`))
    .map((v) => Number(v.split('.')[2]))
  let candidate = `${prefix}.${Math.max(0, ...inMonth) + 1}`
  const newest = [...published].sort(compareCatalogVersions).at(-1)
  if (newest && compareCatalogVersions(candidate, newest) <= 0) {
    const [y, m, n] = newest.split('.')
    candidate = `${y}.${m}.${Number(n) + 1}`
  }
  return candidate
}

type Header = {
  version: string
  effectiveFrom: string
  publishedAt: string
  publishedBy: string | null
}

function header(r: CatalogHeader): Header {
  return {
    version: r.version,
    effectiveFrom: r.effective_from,
    publishedAt: new Date(num(r.published_at)).toISOString(),
    publishedBy: r.published_by,
  }
}

/** A kiosk as the catalog screen lists it under the version it runs. */
export interface KioskOnVersion {
  storeCode: string
  kioskCode: string
  lastSeenAt: string | null
  /** The newest version the kiosk holds, when newer than the one it runs (waiting for its day). */
  holds: string | null
}

/** Active kiosks grouped by the version in force on them (their latest heartbeat). */
async function kiosksByVersion(ds: DataSource) {
  const found = await withDb(ds, kioskCatalogRows)
  const byVersion = new Map<string, KioskOnVersion[]>()
  const holding = new Map<string, number>()
  let unknown = 0
  for (const r of found) {
    if (!r.catalog_version) {
      unknown += 1
      continue
    }
    const seen = r.last_seen_at === null ? null : new Date(num(r.last_seen_at)).toISOString()
    const latest =
      r.catalog_latest && r.catalog_latest !== r.catalog_version ? r.catalog_latest : null
    const list = byVersion.get(r.catalog_version) ?? []
    list.push({ storeCode: r.store_code, kioskCode: r.kiosk_code, lastSeenAt: seen, holds: latest })
    byVersion.set(r.catalog_version, list)
    if (latest) holding.set(latest, (holding.get(latest) ?? 0) + 1)
  }
  return { byVersion, holding, unknown }
}

/** Every published version, newest first, marked in force / scheduled / past, with its kiosks. */
export async function catalogOverview(ds: DataSource, today: string) {
  const headers = (await withDb(ds, catalogHeaders)).map(header)
  headers.sort((a, b) => compareCatalogVersions(b.version, a.version))
  const inForce = versionInForce(headers, today)
  const { byVersion, holding, unknown } = await kiosksByVersion(ds)
  const versions = headers.map((h) => {
    const status =
      h.version === inForce?.version
        ? 'in-force'
        : h.effectiveFrom > today && compareCatalogVersions(h.version, inForce?.version ?? '0') > 0
          ? 'scheduled'
          : 'past'
    return {
      ...h,
      status,
      kiosks: byVersion.get(h.version) ?? [],
      /** Kiosks holding this version, waiting for its effective date. */
      kiosksHolding: holding.get(h.version) ?? 0,
    }
  })
  return {
    today,
    inForce: inForce?.version ?? null,
    nextVersion: nextCatalogVersion(
      headers.map((h) => h.version),
      today,
    ),
    versions,
    /** Active kiosks whose heartbeat does not say (from before issue 21). */
    kiosksUnknown: unknown,
  }
}

/** One published version's whole body, or NOT_FOUND. */
export async function catalogVersion(ds: DataSource, version: string): Promise<Catalog> {
  const found = await withDb(ds, (db) => catalogByVersion(db, version))
  if (!found) throw new HeadOfficeError('NOT_FOUND', `No catalog version ${version}.`)
  return JSON.parse(found.body) as Catalog
}

/** The version in force today, whole (the draft starts from it), or NOT_FOUND before any. */
export async function catalogInForce(ds: DataSource, today: string): Promise<Catalog> {
  const headers = (await withDb(ds, catalogHeaders)).map(header)
  const inForce = versionInForce(headers, today)
  if (!inForce) throw new HeadOfficeError('NOT_FOUND', 'No catalog is published yet.')
  return catalogVersion(ds, inForce.version)
}

/**
 * A draft's issues: the publisher's (CatalogSchema and its rules) plus what publishing from the
 * console adds: a version newer than every published one, an effective date not in the past.
 */
export async function checkDraft(
  ds: DataSource,
  body: unknown,
  today: string,
): Promise<{ ok: true; catalog: Catalog } | { ok: false; issues: CatalogIssue[] }> {
  const checked = checkCatalog(body)
  const issues = checked.ok ? [] : [...checked.issues]
  const draft = (body ?? {}) as { version?: unknown; effectiveFrom?: unknown }
  const published = (await withDb(ds, catalogHeaders)).map((h) => h.version)
  const newest = [...published].sort(compareCatalogVersions).at(-1)
  if (
    typeof draft.version === 'string' &&
    /^\d{4}\.\d{2}\.\d+$/.test(draft.version) &&
    newest &&
    compareCatalogVersions(draft.version, newest) <= 0
  ) {
    issues.push({ path: 'version', message: `must be newer than the published ${newest}` })
  }
  if (typeof draft.effectiveFrom === 'string' && draft.effectiveFrom < today) {
    issues.push({ path: 'effectiveFrom', message: `may not be in the past (today is ${today})` })
  }
  if (issues.length > 0 || !checked.ok) return { ok: false, issues }
  return { ok: true, catalog: checked.catalog }
}

/** One field that differs: its name, and its value before and after. */
export interface FieldChange {
  field: string
  before: unknown
  after: unknown
}

function fieldChanges<T extends object>(
  before: T,
  after: T,
  fields: Array<keyof T>,
): FieldChange[] {
  const changes: FieldChange[] = []
  for (const f of fields) {
    const b = before[f] ?? null
    const a = after[f] ?? null
    if (JSON.stringify(b) !== JSON.stringify(a))
      changes.push({ field: String(f), before: b, after: a })
  }
  return changes
}

const MODEL_FIELDS: Array<keyof Model> = ['name', 'feePaise', 'sacCode', 'dualSim', 'active']
const VARIANT_FIELDS: Array<keyof Variant> = ['name', 'srpPaise', 'active']
const SETTING_FIELDS: Array<keyof Catalog> = [
  'version',
  'effectiveFrom',
  'brand',
  'gstRatePercent',
  'sacCode',
  'enrollmentWindowDays',
  'cancellationWindowDays',
  'kycRetentionDays',
  'offlineRedemptionLimitPaise',
]
/** Parts the console does not edit: only whether they differ. */
const OTHER_SECTIONS: Array<keyof Catalog> = ['stores', 'checklist', 'privacy', 'tradeIn']

const band = (b: ValueBand) => `months ${b.fromMonth}–${b.toMonth}: ${b.percent}%`

/**
 * What a draft changes against a version (computed here, not by the browser): models and variants
 * added, removed or changed field by field (SRP and fee before → after), the catalog's settings,
 * and the value schedule band by band.
 */
export function diffCatalogs(before: Catalog, after: Catalog) {
  const beforeModels = new Map(before.models.map((m) => [m.id, m]))
  const afterModels = new Map(after.models.map((m) => [m.id, m]))
  const models = {
    added: after.models
      .filter((m) => !beforeModels.has(m.id))
      .map((m) => ({ id: m.id, name: m.name, feePaise: m.feePaise })),
    removed: before.models
      .filter((m) => !afterModels.has(m.id))
      .map((m) => ({ id: m.id, name: m.name })),
    changed: after.models.flatMap((m) => {
      const was = beforeModels.get(m.id)
      if (!was) return []
      const changes = fieldChanges(was, m, MODEL_FIELDS)
      return changes.length ? [{ id: m.id, name: m.name, changes }] : []
    }),
  }
  const variantsOf = (c: Catalog) =>
    new Map(c.models.flatMap((m) => m.variants.map((v) => [v.id, { model: m, variant: v }])))
  const beforeVariants = variantsOf(before)
  const afterVariants = variantsOf(after)
  const variants = {
    added: [...afterVariants.values()]
      .filter(({ variant }) => !beforeVariants.has(variant.id))
      .map(({ model, variant }) => ({
        id: variant.id,
        modelName: model.name,
        name: variant.name,
        srpPaise: variant.srpPaise,
      })),
    removed: [...beforeVariants.values()]
      .filter(({ variant }) => !afterVariants.has(variant.id))
      .map(({ model, variant }) => ({ id: variant.id, modelName: model.name, name: variant.name })),
    changed: [...afterVariants.values()].flatMap(({ model, variant }) => {
      const was = beforeVariants.get(variant.id)
      if (!was) return []
      const changes = fieldChanges(was.variant, variant, VARIANT_FIELDS)
      if (was.model.id !== model.id)
        changes.push({ field: 'model', before: was.model.name, after: model.name })
      return changes.length
        ? [{ id: variant.id, modelName: model.name, name: variant.name, changes }]
        : []
    }),
  }
  const schedule =
    JSON.stringify(before.schedule) === JSON.stringify(after.schedule)
      ? null
      : { before: before.schedule.map(band), after: after.schedule.map(band) }
  const settings = fieldChanges(before, after, SETTING_FIELDS)
  const otherSections = OTHER_SECTIONS.filter(
    (k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null),
  ).map(String)
  const empty =
    models.added.length + models.removed.length + models.changed.length === 0 &&
    variants.added.length + variants.removed.length + variants.changed.length === 0 &&
    schedule === null &&
    settings.filter((s) => s.field !== 'version' && s.field !== 'effectiveFrom').length === 0 &&
    otherSections.length === 0
  return {
    against: before.version,
    models,
    variants,
    schedule,
    settings,
    otherSections,
    empty,
  }
}

/** What the audit keeps of a version: enough to say which, not the whole document. */
export function catalogSummary(c: Catalog) {
  return {
    version: c.version,
    effectiveFrom: c.effectiveFrom,
    models: c.models.length,
    variants: c.models.reduce((n, m) => n + m.variants.length, 0),
    schedule: c.schedule.map(band),
  }
}

/**
 * The draft with the stores of the newest published version: the console's catalog editor does
 * not edit stores (the store desk does, each change a version of its own, services/console-stores.ts),
 * so a draft opened before a store change must not publish the stores it was opened with.
 */
async function withNewestStores(ds: DataSource, body: unknown): Promise<unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body
  const newest = (await withDb(ds, catalogHeaders))
    .map((h) => h.version)
    .sort(compareCatalogVersions)
    .at(-1)
  if (!newest) return body
  return { ...body, stores: (await catalogVersion(ds, newest)).stores }
}

/** A draft's differences from the version in force today, or its issues when it is not valid. */
export async function diffDraft(ds: DataSource, draft: unknown, today: string) {
  const body = await withNewestStores(ds, draft)
  const checked = await checkDraft(ds, body, today)
  if (!checked.ok) throw catalogInvalid(checked.issues)
  return diffCatalogs(await catalogInForce(ds, today), checked.catalog)
}

/**
 * Publishes a draft from the console: its checks, then the publisher (strictly newer, stored
 * whole, on the change feed for every kiosk), audited in the same transaction with the version
 * in force before and the new version's summary after.
 */
export async function publishDraft(
  ds: DataSource,
  input: { body: unknown; actor: string; today: string },
  now: number,
) {
  const body = await withNewestStores(ds, input.body)
  const checked = await checkDraft(ds, body, input.today)
  if (!checked.ok) throw catalogInvalid(checked.issues)
  const before = await catalogInForce(ds, input.today)
  const diff = diffCatalogs(before, checked.catalog)
  const published = await publishCatalog(ds, checked.catalog, now, {
    publishedBy: input.actor,
    within: (db, catalog) =>
      recordAudit(
        db,
        {
          actor: input.actor,
          action: 'catalog.publish',
          subject: catalog.version,
          before: catalogSummary(before),
          after: {
            ...catalogSummary(catalog),
            changes: {
              modelsAdded: diff.models.added.length,
              modelsRemoved: diff.models.removed.length,
              modelsChanged: diff.models.changed.length,
              variantsAdded: diff.variants.added.length,
              variantsRemoved: diff.variants.removed.length,
              variantsChanged: diff.variants.changed.length,
              scheduleChanged: diff.schedule !== null,
            },
          },
        },
        now,
      ),
  })
  return { version: published.version, effectiveFrom: checked.catalog.effectiveFrom }
}
