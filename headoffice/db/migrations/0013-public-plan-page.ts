import type { MigrationInterface, QueryRunner } from 'typeorm'
import { columnTypes } from './column-types'

/**
 * Issue 22: head office's public plan page (docs/program-rules.md#the-customers-own-view). A plan
 * is found by the random id its certificate's QR token carries (`public_id`, from the kiosk's
 * plan.enrolled event; null for plans synced before), and head office may revoke the page of one
 * plan (`public_revoked_at`): its token then shows nothing, like a forged one.
 */
export class PublicPlanPage1796200000013 implements MigrationInterface {
  name = 'PublicPlanPage1796200000013'

  async up(q: QueryRunner): Promise<void> {
    const { big, text } = columnTypes(q)
    await q.query(`ALTER TABLE ho_plan ADD COLUMN public_id ${text}`)
    await q.query(`ALTER TABLE ho_plan ADD COLUMN public_revoked_at ${big}`)
    await q.query(`CREATE UNIQUE INDEX ho_plan_public_id ON ho_plan (public_id)`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ho_plan_public_id`)
    await q.query(`ALTER TABLE ho_plan DROP COLUMN public_revoked_at`)
    await q.query(`ALTER TABLE ho_plan DROP COLUMN public_id`)
  }
}
