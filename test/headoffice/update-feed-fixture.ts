import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A release key pair as the release manager holds it (docs/updates.md#keys). */
export function releaseKeys(): { privateKey: KeyObject; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  return { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string }
}

export const artifactName = (version: string) => `smart-upgrade-kiosk-${version}.AppImage`

/**
 * Writes one release folder as electron-builder and the signing step leave it: the AppImage,
 * `latest-linux.yml` naming it with its SHA-512, and `latest-linux.yml.sig` (scripts/sign-update-feed.mjs
 * does the same in a release). `signWith` null: no signature file.
 */
export function writeRelease(
  dir: string,
  version: string,
  signWith: KeyObject | null,
  options: { artifact?: Buffer; metadataVersion?: string } = {},
): { artifact: Buffer; metadata: string } {
  const folder = join(dir, version)
  mkdirSync(folder, { recursive: true })
  const artifact = options.artifact ?? Buffer.from(`ELF kiosk build ${version}\n`.repeat(1000))
  const sha512 = createHash('sha512').update(artifact).digest('base64')
  const name = artifactName(version)
  writeFileSync(join(folder, name), artifact)
  const metadata =
    `version: ${options.metadataVersion ?? version}\n` +
    `files:\n  - url: ${name}\n    sha512: ${sha512}\n    size: ${artifact.length}\n` +
    `path: ${name}\nsha512: ${sha512}\nreleaseDate: '2026-11-30T10:00:00.000Z'\n`
  writeFileSync(join(folder, 'latest-linux.yml'), metadata)
  if (signWith) {
    const signature = sign(null, Buffer.from(metadata), signWith).toString('base64')
    writeFileSync(join(folder, 'latest-linux.yml.sig'), signature + '\n')
  }
  return { artifact, metadata }
}

export const feedDir = () => mkdtempSync(join(tmpdir(), 'ho-feed-'))
