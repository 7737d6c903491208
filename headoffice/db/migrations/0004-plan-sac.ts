import type { MigrationInterface, QueryRunner } from 'typeorm'
import { columnTypes } from './column-types'

/**
 * The plan fee's SAC as it was invoiced (issue 16: docs/tax-documents.md#the-plan-fees-sac), from
 * the catalog version the plan names. Nullable: plans registered before hold none.
 */
export class PlanSac1796100000004 implements MigrationInterface {
  name = 'PlanSac1796100000004'

  async up(q: QueryRunner): Promise<void> {
    const { text } = columnTypes(q)
    await q.query(`ALTER TABLE ho_plan ADD COLUMN sac_code ${text}`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ho_plan DROP COLUMN sac_code`)
  }
}
