import { createHash } from 'node:crypto'
import { existsSync, renameSync, writeFileSync } from 'node:fs'
import { PRIVATE_FILE_MODE, ensurePrivateDir } from '../util/private-files'
import { join } from 'node:path'
import { PHOTO_MAX_BYTES } from '../../../shared/contract/inspection'
import { KioskError } from '../../../shared/errors'

const JPEG = [0xff, 0xd8, 0xff]
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

function startsWith(buf: Buffer, magic: number[]): boolean {
  return magic.every((b, i) => buf[i] === b)
}

/**
 * Stores an inspection photo as `photos/<sha256>.jpg|png` and returns its hash. Content-addressed:
 * storing the same photo twice is harmless, and a file left behind by a rolled-back submit is
 * only an unreferenced file, never a broken reference.
 */
export function storePhoto(
  dataDir: string,
  photo: { mime: 'image/jpeg' | 'image/png'; base64: string },
  path: string,
): string {
  const bytes = Buffer.from(photo.base64, 'base64')
  if (bytes.length > PHOTO_MAX_BYTES) {
    throw new KioskError('PAYLOAD_TOO_LARGE', 'A photo may be at most 2 MB.', [
      { path, code: 'PAYLOAD_TOO_LARGE', message: 'at most 2 MB' },
    ])
  }
  const ok = photo.mime === 'image/jpeg' ? startsWith(bytes, JPEG) : startsWith(bytes, PNG)
  if (!ok) {
    throw new KioskError('PHOTO_INVALID', `The photo is not a ${photo.mime} image.`, [
      { path, code: 'PHOTO_INVALID', message: 'not an image of that type' },
    ])
  }
  const hash = createHash('sha256').update(bytes).digest('hex')
  const dir = join(dataDir, 'photos')
  const file = join(dir, `${hash}.${photo.mime === 'image/jpeg' ? 'jpg' : 'png'}`)
  if (!existsSync(file)) {
    ensurePrivateDir(dir)
    // Write then rename: a crash never leaves a half photo under its final name.
    writeFileSync(`${file}.part`, bytes, { mode: PRIVATE_FILE_MODE })
    renameSync(`${file}.part`, file)
  }
  return hash
}
