import type { MigrationInterface, QueryRunner } from 'typeorm'
import { columnTypes } from './column-types'

/**
 * The plan registry's lookup key (`planKey`: upper case, no separators), so a number typed as
 * `mh01k10000123x` at another store's kiosk finds `MH01-K1-0000123-X` online as it does locally.
 * Unique: a key names one plan, as it does in the kiosks' own registries. Nullable only because
 * SQLite cannot add a NOT NULL column without a default; every insert writes it.
 */
export class PlanKey1795800000002 implements MigrationInterface {
  name = 'PlanKey1795800000002'

  async up(q: QueryRunner): Promise<void> {
    const { text } = columnTypes(q)
    const statements = [
      `ALTER TABLE ho_plan ADD COLUMN plan_key ${text}`,
      // The same normalisation as planKey(); kiosks only ever issue numbers with dashes.
      `UPDATE ho_plan SET plan_key = upper(replace(replace(plan_number, '-', ''), ' ', ''))`,
      `CREATE UNIQUE INDEX ho_plan_key ON ho_plan (plan_key)`,
    ]
    for (const sql of statements) await q.query(sql)
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [`DROP INDEX ho_plan_key`, `ALTER TABLE ho_plan DROP COLUMN plan_key`])
      await q.query(sql)
  }
}
