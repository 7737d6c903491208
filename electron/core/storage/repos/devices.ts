import type { Sql } from '../store'

// A phone comes with an upgrade on a plan (its redemption) or with a trade-in (issue 22).
const SELECT = `SELECT d.*, p.plan_number,
    COALESCE(r.assured_value_paise, t.amount_paise) AS assured_value_paise,
    t.partner_reference, t.confirmation, t.voucher_number
  FROM device_intakes d
  LEFT JOIN plans p ON p.id = d.plan_id
  LEFT JOIN redemptions r ON r.id = d.redemption_id
  LEFT JOIN trade_ins t ON t.id = d.trade_in_id`

/** A phone taken in, with its plan's number and assured value (or its trade-in's). */
export interface RawDevice {
  id: string
  /** Null for a traded-in phone. */
  plan_number: string | null
  trade_in_id: string | null
  partner_reference: string | null
  confirmation: string | null
  voucher_number: string | null
  imei: string
  model_name: string
  assured_value_paise: number
  status: 'received' | 'collected'
  received_on: string
  collected_on: string | null
  reference: string | null
}

/**
 * Phones taken in, `limit` at most (-1: all). Phones waiting go oldest first (the longest in the
 * store on top); collected ones newest first.
 */
export function listDeviceRows(
  sql: Sql,
  status: 'received' | 'collected' | undefined,
  limit: number,
): RawDevice[] {
  return status === 'collected'
    ? sql.all<RawDevice>(
        `${SELECT} WHERE d.status = ? ORDER BY d.collected_on DESC, d.id LIMIT ?`,
        status,
        limit,
      )
    : status
      ? sql.all<RawDevice>(
          `${SELECT} WHERE d.status = ? ORDER BY d.received_on, d.id LIMIT ?`,
          status,
          limit,
        )
      : sql.all<RawDevice>(`${SELECT} ORDER BY d.received_on, d.id LIMIT ?`, limit)
}

/** One phone taken in. */
export function deviceById(sql: Sql, id: string): RawDevice | undefined {
  return sql.get<RawDevice>(`${SELECT} WHERE d.id = ?`, id)
}

/** The phone taken in for a plan. */
export function deviceOfPlan(
  sql: Sql,
  planId: string,
):
  | {
      id: string
      status: 'received' | 'collected'
      received_on: string
      collected_on: string | null
    }
  | undefined {
  return sql.get('SELECT * FROM device_intakes WHERE plan_id = ?', planId)
}

/** The phone taken in by a redemption. */
export function deviceIdOfRedemption(sql: Sql, redemptionId: string): string {
  return sql.get<{ id: string }>(
    'SELECT id FROM device_intakes WHERE redemption_id = ?',
    redemptionId,
  )!.id
}

/** The phone taken in by a trade-in, if it has been. */
export function deviceIdOfTradeIn(sql: Sql, tradeInId: string): string | undefined {
  return sql.get<{ id: string }>('SELECT id FROM device_intakes WHERE trade_in_id = ?', tradeInId)
    ?.id
}

/** Phones waiting for the brand's pickup. */
export function devicesAwaitingCount(sql: Sql): number {
  return sql.get<{ n: number }>(
    "SELECT COUNT(*) AS n FROM device_intakes WHERE status = 'received'",
  )!.n
}
