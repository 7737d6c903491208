import type { DataSource } from 'typeorm'
import { searchPlans } from '../db/repos/console-plans'
import { num, withDb } from '../db/sql'
import { maskMobile } from './console-masks'

/**
 * A page of the plan search (customer care). The mobile is shown masked (the one typed to find a
 * plan is known already), the name only to roles that deal with the customer
 * (docs/console.md#what-the-console-shows-of-a-person).
 */
export async function consolePlanSearch(
  ds: DataSource,
  q: { query: string; page: number; pageSize: number; seesName?: boolean },
) {
  const found = await withDb(ds, (db) =>
    searchPlans(db, q.query, q.pageSize, (q.page - 1) * q.pageSize),
  )
  return {
    total: found.total,
    page: q.page,
    pageSize: q.pageSize,
    plans: found.rows.map((r) => ({
      planNumber: r.plan_number,
      status: r.status,
      storeCode: r.store_code,
      kioskCode: r.kiosk_code,
      imei: r.imei1,
      model: `${r.model_name} ${r.variant_name}`,
      customerName: q.seesName === false ? null : r.customer_name,
      mobile: maskMobile(r.mobile),
      enrolledOn: r.enrolled_on,
      srpPaise: num(r.srp_paise),
    })),
  }
}
