import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DataSource } from 'typeorm'
import { MIGRATIONS } from './migrations'
import { checkMigrationHistory } from './migration-guard'

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
    await checkMigrationHistory(
      ds,
      MIGRATIONS_TABLE,
      MIGRATIONS.map((m) => new m().name),
    )
    await ds.runMigrations({ transaction: 'each' })
  } catch (error) {
    await ds.destroy()
    throw error
  }
  return ds
}
