import type { Sql } from '../store'

/** An audit entry as raw SQL returns it. */
export interface RawAudit {
  seq: number
  at: string
  business_date: string
  staff_id: string | null
  staff_code: string | null
  action: string
  entity: string
  entity_id: string | null
  details: string
  prev_hash: string
  hash: string
}

/** The chain's last link. */
export function lastAuditLink(sql: Sql): { seq: number; hash: string } | undefined {
  return sql.get<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
  )
}

/** Entries newest first, filtered, at most `limit`. */
export function auditPage(
  sql: Sql,
  filter: { beforeSeq?: number; businessDate?: string; action?: string },
  limit: number,
): RawAudit[] {
  const where: string[] = []
  const params: unknown[] = []
  const add = (clause: string, value: unknown) => {
    where.push(clause)
    params.push(value)
  }
  if (filter.beforeSeq !== undefined) add('seq < ?', filter.beforeSeq)
  if (filter.businessDate) add('business_date = ?', filter.businessDate)
  if (filter.action) add('action = ?', filter.action)
  return sql.all<RawAudit>(
    `SELECT * FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
     ORDER BY seq DESC LIMIT ?`,
    ...params,
    limit,
  )
}

/** The whole chain in order. */
export function allAuditEntries(sql: Sql): RawAudit[] {
  return sql.all<RawAudit>('SELECT * FROM audit_log ORDER BY seq')
}
