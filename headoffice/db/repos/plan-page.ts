import { exec, one, type Db } from '../sql'

/** The `ho_plan` row of a plan's random id (its public page's token), or null. */
export function planRowByPublicId(db: Db, publicId: string) {
  return one(db, `SELECT * FROM ho_plan WHERE public_id = ?`, [publicId])
}

/** Marks a plan's public page revoked; the number of plans changed (0 or 1). */
export function revokePublicPage(db: Db, planKey: string, now: number): Promise<number> {
  return exec(db, `UPDATE ho_plan SET public_revoked_at = ? WHERE plan_key = ?`, [now, planKey])
}
