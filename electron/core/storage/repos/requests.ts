import type { Sql } from '../store'

// The requests table is idempotency.ts's own (its statements stay there); this is the one read
// another service makes of it.

/** Whether a request id already has a recorded answer. */
export function requestAnswered(sql: Sql, requestId: string): boolean {
  return sql.get('SELECT 1 AS x FROM requests WHERE request_id = ?', requestId) !== undefined
}
