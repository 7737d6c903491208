import Database from 'better-sqlite3'
import {
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SCRUBBED_FINGERPRINT } from '../../../../electron/core/idempotency'
import { scrubBackups } from '../../../../electron/core/storage/backup-scrub'
import { openDatabase } from '../../../../electron/core/storage/database'
import { MIGRATIONS } from '../../../../electron/core/storage/migrations'
import { T0, tempDir } from '../helpers'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const OLD_HASH = 'ab'.repeat(32)

/** A backup as the pre-fix kiosk took it: schema v4 copied by VACUUM INTO, with a plain body hash. */
async function legacyBackup(dir: string): Promise<string> {
  const db = await openDatabase({
    file: join(dir, 'old.sqlite'),
    now: () => T0,
    migrations: MIGRATIONS.slice(0, 4),
  })
  db.raw
    .prepare(
      `INSERT INTO requests (request_id, channel, body_hash, response, created_at)
       VALUES ('r1', 'enrollment.create', ?, '{}', ?)`,
    )
    .run(OLD_HASH, new Date(T0).toISOString())
  mkdirSync(join(dir, 'backups'))
  const file = join(dir, 'backups', 'kiosk-v4-before-v5-2020-11-10T06-00-00-000Z.sqlite')
  db.raw.prepare('VACUUM INTO ?').run(file)
  await db.dataSource.destroy()
  return file
}

/** A database file SQLite still opens but whose integrity check fails (a table page overwritten). */
function damagedDatabase(file: string): Database.Database {
  const db = new Database(file)
  db.exec('CREATE TABLE t (x TEXT)')
  const insert = db.prepare('INSERT INTO t (x) VALUES (?)')
  db.transaction(() => {
    for (let i = 0; i < 500; i++) insert.run(`row ${i} ${'x'.repeat(40)}`)
  })()
  db.close()
  const pageSize = 4096
  const fd = openSync(file, 'r+')
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, statSync(file).size - pageSize)
  closeSync(fd)
  return new Database(file)
}

describe('scrubBackups', () => {
  it('rewrites a pre-fix backup without its plain hashes once the live database checks out', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const backup = await legacyBackup(dir)
    const live = new Database(join(dir, 'live.sqlite'))
    expect(scrubBackups(live, join(dir, 'backups'))).toEqual({
      scrubbed: [expect.stringMatching(/^kiosk-v4-before-v5/)],
      keptUnverified: [],
      failed: [],
    })
    // A second start finds nothing left to do.
    expect(scrubBackups(live, join(dir, 'backups')).scrubbed).toEqual([])
    live.close()
    expect(readFileSync(backup).includes(Buffer.from(OLD_HASH))).toBe(false)
    const db = new Database(backup, { readonly: true })
    expect(db.prepare('SELECT request_id, body_hash FROM requests').all()).toEqual([
      { request_id: 'r1', body_hash: SCRUBBED_FINGERPRINT },
    ])
    db.close()
  })

  it('leaves every backup exactly as taken while the live database fails its integrity check', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const backup = await legacyBackup(dir)
    const before = readFileSync(backup)
    const live = damagedDatabase(join(dir, 'live.sqlite'))
    expect(live.pragma('integrity_check', { simple: true })).not.toBe('ok')
    const outcome = scrubBackups(live, join(dir, 'backups'))
    live.close()
    expect(outcome.scrubbed).toEqual([])
    expect(outcome.keptUnverified).toEqual([expect.stringMatching(/^kiosk-v4-before-v5/)])
    expect(readFileSync(backup).equals(before)).toBe(true)
  })

  it('reports a file in backups/ that is not a database instead of failing the start', async () => {
    const dir = tempDir()
    dirs.push(dir)
    mkdirSync(join(dir, 'backups'))
    writeFileSync(join(dir, 'backups', 'broken.sqlite'), 'not a database '.repeat(100))
    const live = new Database(join(dir, 'live.sqlite'))
    const outcome = scrubBackups(live, join(dir, 'backups'))
    live.close()
    expect(outcome.failed).toEqual([{ name: 'broken.sqlite', error: expect.any(String) }])
  })
})
