import Database from 'better-sqlite3'
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createKioskCore } from '../../../../electron/core'
import { createKioskCoreForTests } from '../../../../electron/core/test-support'
import { openDatabase } from '../../../../electron/core/storage/database'
import { MIGRATIONS } from '../../../../electron/core/storage/migrations'
import { CATALOG_PATH, KYC_KEY, T0, tempDir } from '../helpers'
import { createMemoryLogger } from '../../../../electron/core/logger'
import { KioskError } from '../../../../shared/errors'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function config(dataDir: string) {
  return {
    dataDir,
    clock: () => T0,
    bundledCatalogPath: CATALOG_PATH,
    storeCode: 'MH01',
    kioskCode: 'K1',
    appVersion: 'test',
    logger: createMemoryLogger(),
    kycKey: KYC_KEY,
    pinCostLog2: 10,
  }
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
    return 'resolved'
  } catch (err) {
    return err instanceof KioskError ? err.code : String(err)
  }
}

describe('migrations', () => {
  it('creates a fresh database at the latest schema with WAL and foreign keys', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const db = await openDatabase({ file: join(dir, 'kiosk.sqlite'), now: () => T0 })
    expect(db.migration).toMatchObject({ schemaVersion: MIGRATIONS.at(-1)!.id, backupPath: null })
    expect(db.raw.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.raw.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.raw.pragma('synchronous', { simple: true })).toBe(2)
    expect(db.raw.pragma('secure_delete', { simple: true })).toBe(1)
    await db.dataSource.destroy()
    const again = await openDatabase({ file: join(dir, 'kiosk.sqlite'), now: () => T0 })
    expect(again.migration.applied).toEqual([])
    await again.dataSource.destroy()
  })

  it('upgrades a previous-schema database after backing it up, keeping its data', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const file = join(dir, 'kiosk.sqlite')
    const old = await openDatabase({ file, now: () => T0, migrations: MIGRATIONS.slice(0, 1) })
    old.raw.prepare("INSERT INTO sequences (name, value) VALUES ('plan', 41)").run()
    await old.dataSource.destroy()
    const core = await createKioskCoreForTests(config(dir))
    expect(core.schemaVersion).toBe(MIGRATIONS.at(-1)!.id)
    await core.close()
    const backups = readdirSync(join(dir, 'backups'))
    expect(backups).toHaveLength(1)
    const backup = new Database(join(dir, 'backups', backups[0]!), { readonly: true })
    expect(backup.prepare('SELECT MAX(id) AS v FROM schema_migrations').get()).toEqual({ v: 1 })
    backup.close()
    const db = new Database(file, { readonly: true })
    expect(db.prepare("SELECT value FROM sequences WHERE name = 'plan'").get()).toEqual({
      value: 41,
    })
    expect(
      db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'settings'").get(),
    ).toEqual({ n: 1 })
    db.close()
  })

  it('refuses a database newer than the app, and one whose history disagrees, unchanged', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const file = join(dir, 'kiosk.sqlite')
    await (await createKioskCore(config(dir))).close()
    let db = new Database(file)
    db.prepare("INSERT INTO schema_migrations VALUES (99, 'future', 'x', 'now')").run()
    db.close()
    expect(await codeOf(createKioskCore(config(dir)))).toBe('DATABASE_NEWER_THAN_APP')
    db = new Database(file)
    db.prepare('DELETE FROM schema_migrations WHERE id = 99').run()
    db.prepare("UPDATE schema_migrations SET checksum = 'edited' WHERE id = 1").run()
    db.close()
    expect(await codeOf(createKioskCore(config(dir)))).toBe('DATABASE_HISTORY_MISMATCH')
    expect(existsSync(join(dir, 'backups'))).toBe(false)
  })
})
