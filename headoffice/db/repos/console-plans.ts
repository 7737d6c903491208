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
 * first; an empty query pages through every plan. A search answers its page and its total in
 * one statement (the matches are few: the window count is cheap); browsing every plan counts
 * apart, as it does when a page lies past the last match.
 */
export async function searchPlans(
  db: Db,
  query: string,
  limit: number,
  offset: number,
): Promise<{ rows: PlanSearchRow[]; total: number }> {
  const columns = `plan_number, status, store_code, kiosk_code, imei1, model_name, variant_name,
       customer_name, mobile, enrolled_on, srp_paise`
  const where = query ? 'WHERE plan_number = ? OR imei1 = ? OR imei2 = ? OR mobile = ?' : ''
  const params = query ? [query, query, query, query] : []
  const count = async () =>
    Number(
      (await one<{ n: number | string }>(db, `SELECT COUNT(*) AS n FROM ho_plan ${where}`, params))
        ?.n ?? 0,
    )
  if (query) {
    const page = await rows<PlanSearchRow & { total: number | string }>(
      db,
      `SELECT ${columns}, COUNT(*) OVER () AS total
       FROM ho_plan ${where} ORDER BY enrolled_on DESC, plan_number LIMIT ? OFFSET ?`,
      [...params, limit, offset],
    )
    const first = page[0]
    if (first) return { rows: page.map(({ total: _, ...r }) => r), total: Number(first.total) }
    return { rows: [], total: offset === 0 ? 0 : await count() }
  }
  const page = await rows<PlanSearchRow>(
    db,
    `SELECT ${columns} FROM ho_plan ORDER BY enrolled_on DESC, plan_number LIMIT ? OFFSET ?`,
    [limit, offset],
  )
  return { rows: page, total: await count() }
}
