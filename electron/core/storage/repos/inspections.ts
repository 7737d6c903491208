import type { Sql } from '../store'

/** An inspection as raw SQL returns it. */
export interface RawInspection {
  id: string
  plan_id: string
  imei: string
  technician_id: string
  catalog_version: string
  checklist: string
  answers: string | null
  notes: string | null
  verdict: 'eligible' | 'ineligible' | null
  failed_required: string | null
  failed_optional: string | null
  started_at: string
  submitted_at: string | null
  business_date: string
  reference: string | null
}

/** One inspection by id. */
export function inspectionById(sql: Sql, id: string): RawInspection | undefined {
  return sql.get<RawInspection>('SELECT * FROM inspections WHERE id = ?', id)
}

/** The plan's last finished inspection. */
export function latestSubmittedInspection(
  sql: Sql,
  planId: string,
): { id: string; verdict: 'eligible' | 'ineligible'; submitted_at: string } | undefined {
  return sql.get<{ id: string; verdict: 'eligible' | 'ineligible'; submitted_at: string }>(
    `SELECT id, verdict, submitted_at FROM inspections
     WHERE plan_id = ? AND submitted_at IS NOT NULL ORDER BY submitted_at DESC LIMIT 1`,
    planId,
  )
}

/** Every finished inspection of a plan (the redemption's latest-inspection rule reads them all). */
export function submittedInspectionsOf(
  sql: Sql,
  planId: string,
): Array<{ id: string; verdict: string; submitted_at: string; business_date: string }> {
  return sql.all<{ id: string; verdict: string; submitted_at: string; business_date: string }>(
    `SELECT id, verdict, submitted_at, business_date FROM inspections
     WHERE plan_id = ? AND submitted_at IS NOT NULL`,
    planId,
  )
}

/** A plan's inspections, oldest first, each with its technician's code. */
export function inspectionsOfPlan(
  sql: Sql,
  planId: string,
): Array<RawInspection & { code: string }> {
  return sql.all<RawInspection & { code: string }>(
    `SELECT i.*, s.code FROM inspections i JOIN staff s ON s.id = i.technician_id
     WHERE i.plan_id = ? ORDER BY i.started_at`,
    planId,
  )
}

/** When an inspection was finished and by whom (the technician's name). */
export function inspectionSignOff(
  sql: Sql,
  id: string,
):
  { submitted_at: string | null; technician: string | null; reference: string | null } | undefined {
  return sql.get<{
    submitted_at: string | null
    technician: string | null
    reference: string | null
  }>(
    `SELECT i.submitted_at, s.name AS technician, i.reference
     FROM inspections i LEFT JOIN staff s ON s.id = i.technician_id WHERE i.id = ?`,
    id,
  )
}
