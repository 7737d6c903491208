import { createHash, verify } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { basename } from 'node:path'
import { load } from 'js-yaml'
import { KioskError } from '../../../shared/domain/errors'
import { UPDATE_FEED_PUBLIC_KEY, type UpdateOffer } from '../../../shared/sync/updates'

/**
 * The kiosk's own checks of an update (docs/updates.md#what-the-kiosk-checks). electron-updater
 * verifies code signatures on Windows and macOS only; on Linux it trusts the SHA-512 in the
 * metadata it downloads. So the kiosk first checks the metadata head office offers against the
 * release key pinned in the app (a detached Ed25519 signature over the file's exact bytes), and
 * later checks each downloaded file against the SHA-512 of that signed metadata — a feed or a
 * head office that was tampered with cannot get an unsigned build installed.
 */

/** One file of a release, as electron-builder's metadata lists it. */
export interface ReleaseFile {
  url: string
  /** Base64 SHA-512 of the file. */
  sha512: string
  size: number | null
}

/** An offer whose metadata the release key signed. */
export interface VerifiedRelease {
  version: string
  downgrade: boolean
  /** Absolute URL of the release's folder, for electron-updater's generic provider. */
  feedUrl: string
  files: ReleaseFile[]
}

const refused = (message: string) => new KioskError('UPDATE_SIGNATURE_INVALID', message)

function releaseFiles(doc: Record<string, unknown>): ReleaseFile[] {
  const listed = Array.isArray(doc.files) ? (doc.files as Array<Record<string, unknown>>) : []
  const files = listed
    .filter((f) => typeof f.url === 'string' && typeof f.sha512 === 'string')
    .map((f) => ({
      url: f.url as string,
      sha512: f.sha512 as string,
      size: typeof f.size === 'number' ? f.size : null,
    }))
  // Older metadata names the one file at the top level only (`path` + `sha512`).
  if (files.length === 0 && typeof doc.path === 'string' && typeof doc.sha512 === 'string') {
    files.push({ url: doc.path, sha512: doc.sha512, size: null })
  }
  return files
}

/**
 * Checks an offer: the signature over the metadata's bytes with the pinned key, then that the
 * signed metadata names the offered version and at least one file with its SHA-512.
 */
export function verifyOffer(
  offer: UpdateOffer,
  headOfficeUrl: string,
  publicKey: string = UPDATE_FEED_PUBLIC_KEY,
): VerifiedRelease {
  let valid = false
  try {
    valid = verify(
      null,
      Buffer.from(offer.metadata, 'utf8'),
      publicKey,
      Buffer.from(offer.signature, 'base64'),
    )
  } catch {
    valid = false
  }
  if (!valid) throw refused(`Update ${offer.version}: the metadata's signature is not valid.`)
  const doc = load(offer.metadata) as Record<string, unknown> | null
  if (!doc || doc.version !== offer.version) {
    throw refused(`Update ${offer.version}: the signed metadata names another version.`)
  }
  const files = releaseFiles(doc)
  if (files.length === 0) throw refused(`Update ${offer.version}: the metadata lists no file.`)
  return {
    version: offer.version,
    downgrade: offer.downgrade,
    feedUrl: new URL(offer.feedPath, headOfficeUrl.replace(/\/?$/, '/')).toString(),
    files,
  }
}

/** Base64 SHA-512 of a file, streamed (installers are hundreds of MB). */
export async function sha512OfFile(path: string): Promise<string> {
  const hash = createHash('sha512')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('base64')
}

/**
 * Checks the files electron-updater downloaded against the signed metadata: each must be listed
 * there (by name) and hash to the SHA-512 it lists. Throws UPDATE_HASH_MISMATCH otherwise.
 */
export async function verifyDownloaded(
  release: VerifiedRelease,
  downloaded: readonly string[],
): Promise<void> {
  if (downloaded.length === 0) {
    throw new KioskError('UPDATE_HASH_MISMATCH', `Update ${release.version}: nothing downloaded.`)
  }
  for (const path of downloaded) {
    const name = basename(path)
    const listed = release.files.find((f) => basename(f.url) === name)
    if (!listed) {
      throw new KioskError(
        'UPDATE_HASH_MISMATCH',
        `Update ${release.version}: ${name} is not in the signed metadata.`,
      )
    }
    if ((await sha512OfFile(path)) !== listed.sha512) {
      throw new KioskError(
        'UPDATE_HASH_MISMATCH',
        `Update ${release.version}: ${name} does not match its signed SHA-512.`,
      )
    }
  }
}
