import { chmodSync, lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_STAFF, createKioskCore } from '../../../electron/core'
import { storePhoto } from '../../../electron/core/inspection/photos'
import { createFileLogger } from '../../../electron/core/logger'
import { createPrintQueue } from '../../../electron/core/printing/print-queue'
import { createFileSecretStore } from '../../../electron/core/sync/secret-store'
import { loadOrCreateSecret } from '../../../electron/core/util/key-file'
import { CATALOG_PATH, enrollmentRequest, fixedClock, tempDir } from './helpers'

/**
 * Issue 19 item 7: the kiosk's data directory is 0700 and every file the kiosk writes is 0600 —
 * the database and its -wal/-shm, logs, backups, print jobs, photos and secrets — including the
 * files of an install from before this rule, fixed at start.
 */

/** Every directory and file under `root` with its permission bits. */
function modes(root: string): Array<{ path: string; dir: boolean; mode: number }> {
  const out: Array<{ path: string; dir: boolean; mode: number }> = []
  const walk = (p: string) => {
    const s = lstatSync(p)
    if (s.isSymbolicLink()) return
    out.push({ path: p.slice(root.length) || '/', dir: s.isDirectory(), mode: s.mode & 0o777 })
    if (s.isDirectory()) for (const n of readdirSync(p)) walk(join(p, n))
  }
  walk(root)
  return out
}

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)])

describe('private data directory', () => {
  let close: (() => Promise<void>) | undefined
  afterEach(async () => {
    await close?.()
    close = undefined
  })

  it('is 0700 with every file 0600 after a real enrollment, an old install fixed at start', async () => {
    const dir = tempDir()
    // An install from before: world-readable files in a world-readable directory.
    chmodSync(dir, 0o755)
    for (const sub of ['logs', 'photos', 'print-jobs', 'backups'])
      mkdirSync(join(dir, sub), { mode: 0o755 })
    writeFileSync(join(dir, 'logs', 'kiosk.1.log'), '{}\n', { mode: 0o644 })
    writeFileSync(join(dir, 'photos', 'old.jpg'), JPEG, { mode: 0o644 })
    writeFileSync(join(dir, 'backups', 'kiosk-v4-before-v5.sqlite'), '', { mode: 0o644 })
    writeFileSync(join(dir, 'headoffice-secret'), 'x', { mode: 0o644 })

    const logger = createFileLogger({ dir: join(dir, 'logs') })
    const core = await createKioskCore({
      dataDir: dir,
      clock: fixedClock(),
      bundledCatalogPath: CATALOG_PATH,
      storeCode: 'MH01',
      kioskCode: 'K1',
      appVersion: 'test',
      logger,
      kycKey: loadOrCreateSecret(join(dir, 'kyc-key.bin')),
      seedStaff: DEMO_STAFF,
      pinCostLog2: 10,
      sync: { secretStore: createFileSecretStore(join(dir, 'headoffice-secret.new')) },
    })
    close = () => core.close()
    const ctx = { sessionId: 'S1', transport: 'ipc' as const }
    expect(
      await core.dispatch('staff.signIn', { staffCode: 'C1', pin: '1111' }, ctx),
    ).toMatchObject({ ok: true })
    const enrolled = await core.dispatch('enrollment.create', enrollmentRequest(), ctx)
    expect(enrolled).toMatchObject({ ok: true })
    logger.info('enrolled', { ok: true })
    await createFileSecretStore(join(dir, 'headoffice-secret.new')).set('a-kiosk-secret')
    storePhoto(dir, { mime: 'image/jpeg', base64: JPEG.toString('base64') }, 'photo')
    const queue = createPrintQueue({
      dataDir: dir,
      clock: Date.now,
      logger,
      send: async () => {
        throw new Error('printer off')
      },
    })
    await queue.print({ printer: { host: '127.0.0.1', port: 9 }, bytes: new Uint8Array([1, 2, 3]) })

    const found = modes(dir)
    const names = found.map((f) => f.path)
    // What the kiosk writes is all there…
    for (const expected of [
      '/kiosk.sqlite',
      '/kiosk.sqlite-wal',
      '/kiosk.sqlite-shm',
      '/logs/kiosk.log',
      '/kyc-key.bin',
      '/headoffice-secret.new',
    ]) {
      expect(names).toContain(expected)
    }
    expect(names.some((n) => n.startsWith('/print-jobs/') && !n.endsWith('print-jobs'))).toBe(true)
    expect(names.filter((n) => n.startsWith('/photos/'))).toHaveLength(2)
    // …and private.
    expect(found.filter((f) => f.dir && f.mode !== 0o700)).toEqual([])
    expect(found.filter((f) => !f.dir && f.mode !== 0o600)).toEqual([])
  })
})
