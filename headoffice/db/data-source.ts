import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DataSource } from 'typeorm'
import { MIGRATIONS } from './migrations'
import { checkMigrationHistory } from './migration-guard'
import { lockSession, unlockSession } from './repos/locks'

/** Where head office keeps its data: PostgreSQL (production) or one SQLite file (single machine). */
export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'sqlite'; file: string }

export const MIGRATIONS_TABLE = 'ho_migrations'

/** Builds (not yet initialised) the data source for a target. */
export function createDataSource(target: DatabaseTarget, poolSize = 10): DataSource {
  // No entities: every table is reached through hand-written SQL in db/repos/ (over db/sql.ts), and BIGINT
  // values (which node-postgres returns as strings) are converted where they are read.
  const common = {
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    synchronize: false,
    logging: false,
  }
  if (target.kind === 'postgres') {
    return new DataSource({ ...common, type: 'postgres', url: target.url, poolSize })
  }
  mkdirSync(dirname(target.file), { recursive: true })
  return new DataSource({
    ...common,
    type: 'better-sqlite3',
    database: target.file,
    enableWAL: true,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('busy_timeout = 5000')
      db.pragma('foreign_keys = ON')
      db.pragma('synchronous = NORMAL')
      // Erased and anonymised values are overwritten with zeros, not left in free pages (issue 18).
      db.pragma('secure_delete = ON')
    },
  })
}

/**
 * Opens the database and brings its schema up to date, after checking that its migration
 * history is a prefix of ours (never run an old server on a newer or foreign database).
 */
export async function openDatabase(target: DatabaseTarget, poolSize?: number): Promise<DataSource> {
  const ds = createDataSource(target, poolSize)
  await ds.initialize()
  try {
    await underMigrationLock(ds, async () => {
      await checkMigrationHistory(
        ds,
        MIGRATIONS_TABLE,
        MIGRATIONS.map((m) => new m().name),
      )
      await ds.runMigrations({ transaction: 'each' })
    })
  } catch (error) {
    await ds.destroy()
    throw error
  }
  return ds
}

/** Advisory-lock key of schema migrations (db/repos/locks.ts). */
const MIGRATION_LOCK = 0

/**
 * Several head-office processes started at once on one PostgreSQL database (replicas of a
 * service, docs/deployment.md#scaling-out) migrate one at a time: each waits for PostgreSQL's
 * session advisory lock, so the first applies the migrations and the others find them applied.
 * The lock dies with its session, so a process killed while migrating blocks nobody. SQLite is
 * one process by design.
 */
async function underMigrationLock(ds: DataSource, work: () => Promise<void>): Promise<void> {
  if (ds.options.type !== 'postgres') return work()
  const runner = ds.createQueryRunner()
  await runner.connect()
  try {
    await lockSession(runner, MIGRATION_LOCK)
    try {
      await work()
    } finally {
      await unlockSession(runner, MIGRATION_LOCK)
    }
  } finally {
    await runner.release()
  }
}
