import { createHash } from 'node:crypto'
import { chmodSync } from 'node:fs'
import { PRIVATE_FILE_MODE, ensurePrivateDir } from '../util/private-files'
import { basename, join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { KioskError } from '../../../shared/errors'
import type { Migration } from './migrations'
import { compact } from './secure-erase'

/** The checksum recorded for a migration: any edit of a released migration changes it. */
export function migrationChecksum(m: Migration): string {
  return createHash('sha256')
    .update(JSON.stringify({ name: m.name, up: m.up }))
    .digest('hex')
}

interface AppliedRow {
  id: number
  name: string
  checksum: string
}

export interface MigrationOutcome {
  schemaVersion: number
  applied: number[]
  backupPath: string | null
}

/**
 * Brings the database up to the code's schema: refuses a history the code does not know, backs the
 * file up when there is anything to apply to existing data, then applies every pending migration in
 * ONE transaction (SQLite DDL is transactional: a failure leaves the previous schema intact).
 */
export function runMigrations(
  db: BetterSqlite3.Database,
  migrations: readonly Migration[],
  options: { backupDir: string; now: () => number },
): MigrationOutcome {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`)
  const applied = db
    .prepare('SELECT id, name, checksum FROM schema_migrations ORDER BY id')
    .all() as AppliedRow[]
  const latest = migrations.at(-1)?.id ?? 0
  applied.forEach((row, index) => {
    const known = migrations[index]
    if (row.id > latest) {
      throw new KioskError(
        'DATABASE_NEWER_THAN_APP',
        `The database has schema migration ${row.id} (${row.name}); this app knows up to ${latest}. ` +
          'Install the newer app version; the database was not changed.',
      )
    }
    if (
      !known ||
      known.id !== row.id ||
      known.name !== row.name ||
      migrationChecksum(known) !== row.checksum
    ) {
      throw new KioskError(
        'DATABASE_HISTORY_MISMATCH',
        `Schema migration ${row.id} (${row.name}) in the database does not match this app's ` +
          'migration history; the database was not changed.',
      )
    }
  })
  const pending = migrations.slice(applied.length)
  // The latest id, not the count: ids may skip a number reserved for a branch not merged yet.
  if (pending.length === 0) return { schemaVersion: latest, applied: [], backupPath: null }

  let backupPath: string | null = null
  if (applied.length > 0) {
    ensurePrivateDir(options.backupDir)
    const stamp = new Date(options.now()).toISOString().replace(/[:.]/g, '-')
    backupPath = join(
      options.backupDir,
      `${basename(db.name, '.sqlite')}-v${applied.length}-before-v${latest}-${stamp}.sqlite`,
    )
    // VACUUM INTO writes a consistent copy including what still sits in the WAL; copying the
    // main file alone could miss committed transactions.
    db.prepare('VACUUM INTO ?').run(backupPath)
    chmodSync(backupPath, PRIVATE_FILE_MODE)
  }
  const insert = db.prepare(
    'INSERT INTO schema_migrations (id, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
  )
  const at = new Date(options.now()).toISOString()
  // A table rebuild needs foreign keys off, which SQLite ignores inside a transaction.
  const rebuild = pending.some((m) => m.rebuildsTables)
  const foreignKeys = rebuild && db.pragma('foreign_keys', { simple: true }) === 1
  if (foreignKeys) db.pragma('foreign_keys = OFF')
  try {
    db.transaction(() => {
      for (const m of pending) {
        for (const statement of m.up) db.exec(statement)
        insert.run(m.id, m.name, migrationChecksum(m), at)
      }
      if (rebuild) {
        const broken = db.pragma('foreign_key_check') as unknown[]
        if (broken.length > 0) {
          throw new KioskError(
            'INTERNAL',
            `The migration would leave ${broken.length} broken references; nothing was changed.`,
          )
        }
      }
      db.pragma(`user_version = ${latest}`)
    }).immediate()
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON')
  }
  // Outside the transaction: VACUUM cannot run inside one.
  if (pending.some((m) => m.compactAfter)) compact(db)
  return { schemaVersion: latest, applied: pending.map((m) => m.id), backupPath }
}
