import type { QueryRunner } from 'typeorm'

/** The names of the migrations applied to a database, in the order they ran. */
export async function appliedMigrationNames(runner: QueryRunner, table: string): Promise<string[]> {
  const applied = (await runner.query(`SELECT name FROM ${table} ORDER BY id`)) as Array<{
    name: string
  }>
  return applied.map((row) => row.name)
}
