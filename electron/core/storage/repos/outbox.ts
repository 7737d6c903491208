import type { OutboxRow } from '../entities'
import type { Sql } from '../store'

/** An outbox row as raw SQL returns it. */
export interface RawOutbox {
  seq: number
  id: string
  kiosk_code: string
  store_code: string
  type: string
  occurred_at: string
  business_date: string
  payload: string
  training: number
}

/** Events head office has not acknowledged yet. */
export function pendingEventCount(sql: Sql): number {
  return sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'")!.n
}

/** Events head office refused. */
export function rejectedEventCount(sql: Sql): number {
  return sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE status = 'rejected'")!.n
}

/** The next pending rows in seq order. */
export function pendingEventRows(sql: Sql, limit: number): RawOutbox[] {
  return sql.all<RawOutbox>(
    "SELECT * FROM outbox WHERE status = 'pending' ORDER BY seq LIMIT ?",
    limit,
  )
}

/** When the oldest pending event happened. */
export function oldestPendingOccurredAt(sql: Sql): string | null {
  return (
    sql.get<{ occurred_at: string }>(
      "SELECT occurred_at FROM outbox WHERE status = 'pending' ORDER BY seq LIMIT 1",
    )?.occurred_at ?? null
  )
}

/**
 * Records head office's answer for one event; with `onlyIfPending`, only while it is still
 * pending (an answer replayed for an event already settled must not change it).
 */
export function markEvent(
  sql: Sql,
  id: string,
  status: Exclude<OutboxRow['status'], 'pending'>,
  at: string,
  result: unknown,
  onlyIfPending = false,
): void {
  sql.run(
    `UPDATE outbox SET status = ?, sent_at = ?, result = ?
     WHERE id = ?${onlyIfPending ? " AND status = 'pending'" : ''}`,
    status,
    at,
    JSON.stringify(result ?? null),
    id,
  )
}
