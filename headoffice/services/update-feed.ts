import { verify } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { load } from 'js-yaml'
import semver from 'semver'
import type { DataSource } from 'typeorm'
import {
  METADATA_FILE,
  UPDATE_PLATFORMS,
  type UpdateOffer,
  type UpdatePlatform,
} from '../../shared/sync/updates'
import { findRelease, insertRelease, releaseRows, updateRelease } from '../db/repos/update-releases'
import { withDb } from '../db/sql'
import { HeadOfficeError } from '../errors'
import { decideUpdate, type Release, type ReleaseStatus } from './update-rollout'

/**
 * The update feed head office serves (docs/updates.md): a directory with one folder per release,
 * `<dir>/<version>/`, holding what electron-builder produced (the AppImage/deb or the NSIS
 * installer, `latest-linux.yml` / `latest.yml`) and, beside each metadata file, its detached
 * Ed25519 signature `<file>.sig` (base64) made with the organisation's release key. Head office
 * only serves it: it checks the signature when a release is registered, so a release nobody
 * signed is refused at the desk, and every kiosk checks it again against its pinned key.
 */
export interface UpdateFeed {
  /** The releases directory (HEADOFFICE_UPDATES_DIR). */
  dir: string
  /** The release key's public half (SPKI PEM): the one kiosks pin. */
  publicKey: string
}

/** Whether `signature` (base64) is the release key's Ed25519 signature of `text`'s bytes. */
export function signatureValid(text: string, signature: string, publicKey: string): boolean {
  try {
    return verify(null, Buffer.from(text, 'utf8'), publicKey, Buffer.from(signature, 'base64'))
  } catch {
    return false
  }
}

/** The `version:` electron-builder wrote into a metadata file, or null if unreadable. */
export function metadataVersion(text: string): string | null {
  try {
    const doc = load(text) as { version?: unknown } | null
    return typeof doc?.version === 'string' ? doc.version : null
  } catch {
    return null
  }
}

const invalid = (message: string) => new HeadOfficeError('UPDATE_RELEASE_INVALID', message)

/** One platform's signed metadata of a release, checked; null when the release has none for it. */
function readSigned(feed: UpdateFeed, version: string, platform: UpdatePlatform) {
  const file = join(feed.dir, version, METADATA_FILE[platform])
  if (!existsSync(file)) return null
  const metadata = readFileSync(file, 'utf8')
  const signature = existsSync(`${file}.sig`) ? readFileSync(`${file}.sig`, 'utf8').trim() : ''
  if (!signatureValid(metadata, signature, feed.publicKey)) {
    throw invalid(`${version}/${METADATA_FILE[platform]} is not signed with the release key.`)
  }
  if (metadataVersion(metadata) !== version) {
    throw invalid(`${version}/${METADATA_FILE[platform]} describes another version.`)
  }
  return { metadata, signature }
}

/** Registers a release found in the feed directory, signed; it starts reaching nobody unless told. */
export async function addRelease(
  ds: DataSource,
  feed: UpdateFeed,
  input: { version: string; percent?: number; stores?: string[] },
  now: number,
): Promise<Release> {
  if (!semver.valid(input.version)) throw invalid(`${input.version} is not a version.`)
  const found = UPDATE_PLATFORMS.filter((p) => readSigned(feed, input.version, p) !== null)
  if (found.length === 0) {
    throw invalid(`No ${Object.values(METADATA_FILE).join(' or ')} in ${input.version}/.`)
  }
  const release: Release = {
    version: input.version,
    status: 'active',
    percent: input.percent ?? 0,
    stores: input.stores ?? [],
  }
  const added = await withDb(ds, (db) => insertRelease(db, release, now))
  if (!added) throw invalid(`Release ${input.version} is already registered.`)
  return release
}

/** Changes a release's rollout: its percentage, its pilot stores, or holds / rolls it back. */
export async function setRelease(
  ds: DataSource,
  version: string,
  change: { percent?: number; stores?: string[]; status?: ReleaseStatus },
  now: number,
): Promise<Release> {
  return withDb(ds, async (db) => {
    const found = await findRelease(db, version)
    if (!found) throw new HeadOfficeError('NOT_FOUND', `No release ${version}.`)
    const release: Release = {
      version,
      status: change.status ?? found.status,
      percent: change.percent ?? found.percent,
      stores: change.stores ?? found.stores,
    }
    await updateRelease(db, release, now)
    return release
  })
}

export async function listReleases(ds: DataSource) {
  return withDb(ds, releaseRows)
}

/** What one kiosk is offered now (see update-rollout.ts), with the signed metadata to check. */
export async function offerFor(
  ds: DataSource,
  feed: UpdateFeed,
  kiosk: { id: string; storeCode: string },
  query: { version: string; platform: UpdatePlatform },
): Promise<UpdateOffer | null> {
  const releases = await listReleases(ds)
  const decided = decideUpdate(releases, { ...kiosk, version: query.version })
  if (!decided) return null
  const signed = readSigned(feed, decided.version, query.platform)
  if (!signed) return null
  return { ...decided, feedPath: `/updates/${decided.version}/`, ...signed }
}
