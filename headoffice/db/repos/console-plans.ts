import { type Db, one, rows } from '../sql'

export interface PlanSearchRow {
  plan_number: string
  status: string
  store_code: string
  kiosk_code: string
  imei1: string
  model_name: string
  variant_name: string
  customer_name: string
  mobile: string
  enrolled_on: string
  srp_paise: number | string
}

/**
 * Plans matching a plan number, an IMEI or a mobile exactly (each column indexed), newest
 * first; an empty query pages through every plan.
 */
export async function searchPlans(
  db: Db,
  query: string,
  limit: number,
  offset: number,
): Promise<{ rows: PlanSearchRow[]; total: number }> {
  const where = query ? 'WHERE plan_number = ? OR imei1 = ? OR imei2 = ? OR mobile = ?' : ''
  const params = query ? [query, query, query, query] : []
  const total = await one<{ n: number | string }>(
    db,
    `SELECT COUNT(*) AS n FROM ho_plan ${where}`,
    params,
  )
  const page = await rows<PlanSearchRow>(
    db,
    `SELECT plan_number, status, store_code, kiosk_code, imei1, model_name, variant_name,
       customer_name, mobile, enrolled_on, srp_paise
     FROM ho_plan ${where} ORDER BY enrolled_on DESC, plan_number LIMIT ? OFFSET ?`,
    [...params, limit, offset],
  )
  return { rows: page, total: Number(total?.n ?? 0) }
}
