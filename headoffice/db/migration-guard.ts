import type { DataSource } from 'typeorm'
import { HeadOfficeError } from '../errors'
import { appliedMigrationNames } from './repos/migration-history'

/**
 * Refuses a database whose applied migrations are not a prefix of the code's list: a newer
 * database (written by a later release) or a different history would be silently corrupted by
 * this code. Empty or missing history is fine (a fresh database).
 */
export async function checkMigrationHistory(
  ds: DataSource,
  table: string,
  known: readonly string[],
): Promise<void> {
  const runner = ds.createQueryRunner()
  try {
    if (!(await runner.hasTable(table))) return
    const applied = await appliedMigrationNames(runner, table)
    if (applied.length > known.length) {
      throw new HeadOfficeError(
        'DATABASE_NEWER_THAN_APP',
        `The database has ${applied.length} migrations; this head office knows ${known.length}.`,
      )
    }
    applied.forEach((name, i) => {
      if (name !== known[i]) {
        throw new HeadOfficeError(
          'DATABASE_HISTORY_MISMATCH',
          `Migration ${i + 1} is ${name} in the database but ${known[i]} in this release.`,
        )
      }
    })
  } finally {
    await runner.release()
  }
}
