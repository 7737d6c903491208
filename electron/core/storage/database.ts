import { ensurePrivateDir, ensurePrivateFile } from '../util/private-files'
import { dirname, join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { DataSource } from 'typeorm'
import { scrubBackups, type BackupScrubOutcome } from './backup-scrub'
import { ENTITIES } from './entities'
import { runMigrations, type MigrationOutcome } from './migrate'
import { MIGRATIONS, type Migration } from './migrations'
import { secureDelete } from './secure-erase'

/**
 * The WAL size (pages) at which SQLite checkpoints inside a commit anyway. The store checkpoints
 * when idle (store.ts), so this is only a cap for a kiosk that is never idle: ~40 MB of WAL, about
 * a thousand enrollments back to back (~9 pages each: `enrollment.wal_pages` in the core bench),
 * instead of SQLite's default 1000 pages — a checkpoint every ~100 enrollments, each one paid by
 * the sale whose commit crossed the line (tens of ms: it writes back and syncs the main file).
 */
export const WAL_AUTOCHECKPOINT_PAGES = 10_000

/** A WAL file that grew past the cap is truncated back to this size once checkpointed. */
const JOURNAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024

export interface OpenDatabaseOptions {
  file: string
  now: () => number
  /** Defaults to the app's migrations; tests pass a prefix to build an older schema. */
  migrations?: readonly Migration[]
  /**
   * `FULL` (default) syncs the WAL on every commit: a paid plan survives a power cut, not just a
   * crash. `NORMAL` in WAL mode survives an app crash but syncs only at checkpoints, so a power
   * cut may lose every sale since the last one — after the customer got a receipt. For a till
   * taking money FULL is worth its one fsync per commit: in the core bench (shared 2-core VM,
   * 100,000 plans, an enrollment writes ~43 WAL pages) enrollment p50 is ~1.4 ms with FULL vs
   * ~0.9 ms with NORMAL, and p99 ~2.9 ms vs ~2.4 ms — once the young-generation GC runs between
   * sales instead of inside one (store.ts, idle-gc.ts), the fsync is most of what is left.
   */
  synchronous?: 'FULL' | 'NORMAL'
}

export interface OpenDatabase {
  dataSource: DataSource
  /** The same connection TypeORM uses (one connection: SQLite has one writer anyway). */
  raw: BetterSqlite3.Database
  migration: MigrationOutcome
  /** Backups from before migration 5 rewritten without their unkeyed fingerprints (backup-scrub.ts). */
  backups: BackupScrubOutcome
}

/**
 * Opens the kiosk's SQLite file through TypeORM, sets its PRAGMAs, runs pending migrations, then
 * scrubs the backups taken before migration 5 once the result checks out (backup-scrub.ts).
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenDatabase> {
  // The database and, after it, its -wal and -shm: 0600 in a 0700 directory (private-files.ts).
  ensurePrivateDir(dirname(options.file))
  ensurePrivateFile(options.file)
  const synchronous = options.synchronous ?? 'FULL'
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database: options.file,
    entities: ENTITIES,
    migrations: [],
    synchronize: false,
    migrationsRun: false,
    enableWAL: true,
    // better-sqlite3's `timeout` is SQLite's busy timeout: wait for a lock (a backup tool, the
    // sync worker) instead of failing the sale.
    timeout: 5000,
    statementCacheSize: 200,
    prepareDatabase: (db: BetterSqlite3.Database) => {
      db.pragma(`synchronous = ${synchronous}`)
      // Deleted rows (a pruned request's answer, anonymised KYC) are zeroed, not left in free
      // pages for a file carver (issue #12, docs/privacy.md).
      secureDelete(db)
    },
    logging: false,
  })
  await dataSource.initialize()
  const raw = (dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database })
    .databaseConnection
  raw.pragma('busy_timeout = 5000')
  raw.pragma('foreign_keys = ON')
  raw.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`)
  raw.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`)
  try {
    const backupDir = join(dirname(options.file), 'backups')
    const migration = runMigrations(raw, options.migrations ?? MIGRATIONS, {
      backupDir,
      now: options.now,
    })
    return { dataSource, raw, migration, backups: scrubBackups(raw, backupDir) }
  } catch (err) {
    await dataSource.destroy()
    throw err
  }
}
