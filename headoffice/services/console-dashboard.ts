import type { DataSource } from 'typeorm'
import { searchPlans } from '../db/repos/console-plans'
import { enrollmentsByDay } from '../db/repos/reports'
import { num, withDb } from '../db/sql'
import { TRADE_IN_BAND, liabilityReport } from './reports'

/** Bands in the order a plan lives through them: too early, then 70%, 60%, … */
function byBandAge(a: { band: string }, b: { band: string }): number {
  // Trade-in vouchers (issue 22) come last, apart from the plans' bands.
  const rank = (band: string) =>
    band === 'too-early' ? 1000 : band === TRADE_IN_BAND ? -1 : Number.parseInt(band, 10)
  return rank(b.band) - rank(a.band)
}

/**
 * The dashboard's figures: plans enrolled per day (all stores) and the outstanding liability by
 * band, computed by the liability report from each plan and shared/domain's value rules.
 */
export async function consoleDashboard(
  ds: DataSource,
  range: { from: string; to: string; asOf: string },
) {
  const enrolled = await withDb(ds, (db) => enrollmentsByDay(db, range.from, range.to))
  const perDay = new Map<string, number>()
  for (const r of enrolled) perDay.set(r.day, (perDay.get(r.day) ?? 0) + num(r.n))
  const liability = new Map<string, { plans: number; liabilityPaise: number }>()
  for (const line of await liabilityReport(ds, range.asOf)) {
    const b = liability.get(line.band) ?? { plans: 0, liabilityPaise: 0 }
    b.plans += line.plans
    b.liabilityPaise += line.liabilityPaise
    liability.set(line.band, b)
  }
  return {
    ...range,
    enrolledPerDay: [...perDay].sort().map(([day, plans]) => ({ day, plans })),
    liabilityByBand: [...liability].map(([band, v]) => ({ band, ...v })).sort(byBandAge),
  }
}

/** A page of the plan search (customer care). */
export async function consolePlanSearch(
  ds: DataSource,
  q: { query: string; page: number; pageSize: number },
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
      customerName: r.customer_name,
      mobile: r.mobile,
      enrolledOn: r.enrolled_on,
      srpPaise: num(r.srp_paise),
    })),
  }
}
