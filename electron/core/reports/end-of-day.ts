import type { EndOfDayReport } from '../../../shared/contract/reports'
import type { PaymentMethod } from '../../../shared/domain/vocabulary'
import type { GstSplit } from '../../../shared/sync/events'
import type { CoreDeps } from '../context'
import { pendingEventCount } from '../outbox/outbox'
import type { Sql } from '../storage/store'

type Method = PaymentMethod

function byMethod(sql: Sql, kind: string, date: string) {
  return sql
    .all<{ method: Method; count: number; amount: number }>(
      `SELECT method, COUNT(*) AS count, SUM(amount_paise) AS amount FROM payments
       WHERE business_date = ? AND kind = ? GROUP BY method ORDER BY method`,
      date,
      kind,
    )
    .map((r) => ({ method: r.method, count: r.count, amountPaise: r.amount }))
}

/**
 * The day's figures for the manager's close (docs/program-rules.md#end-of-day-report, issue 4's
 * list).
 */
export function endOfDay(deps: CoreDeps, sql: Sql, businessDate: string): EndOfDayReport {
  // GST is summed per invoice (each split adds up exactly), never recomputed on the total.
  const fees = new Map<Method, EndOfDayReport['feesByMethod'][number]>()
  for (const p of sql.all<{ method: Method; amount_paise: number; gst: string | null }>(
    "SELECT method, amount_paise, gst FROM payments WHERE business_date = ? AND kind = 'fee'",
    businessDate,
  )) {
    const gst = JSON.parse(p.gst ?? 'null') as GstSplit | null
    const m = fees.get(p.method) ?? {
      method: p.method,
      count: 0,
      amountPaise: 0,
      taxablePaise: 0,
      cgstPaise: 0,
      sgstPaise: 0,
      igstPaise: 0,
    }
    m.count++
    m.amountPaise += p.amount_paise
    m.taxablePaise += gst?.taxablePaise ?? p.amount_paise
    m.cgstPaise += gst?.cgstPaise ?? 0
    m.sgstPaise += gst?.sgstPaise ?? 0
    m.igstPaise += gst?.igstPaise ?? 0
    fees.set(p.method, m)
  }
  const enrollments = sql.get<{ n: number; fees: number | null }>(
    'SELECT COUNT(*) AS n, SUM(fee_paise) AS fees FROM plans WHERE enrolled_on = ? AND origin = ?',
    businessDate,
    'local',
  )!
  const inspections = sql.get<{ n: number; ok: number | null; ko: number | null }>(
    `SELECT COUNT(*) AS n, SUM(verdict = 'eligible') AS ok, SUM(verdict = 'ineligible') AS ko
     FROM inspections WHERE business_date = ? AND submitted_at IS NOT NULL`,
    businessDate,
  )!
  const redemptions = sql.get<{
    n: number
    value: number | null
    credit: number | null
    sales: number | null
    paid: number | null
  }>(
    `SELECT COUNT(*) AS n, SUM(assured_value_paise) AS value, SUM(credit_paise) AS credit,
       SUM(new_price_paise) AS sales, SUM(amount_paid_paise) AS paid
     FROM redemptions WHERE on_date = ?`,
    businessDate,
  )!
  const cancellations = sql.get<{ n: number; refund: number | null }>(
    'SELECT COUNT(*) AS n, SUM(refund_paise) AS refund FROM cancellations WHERE cancelled_on = ?',
    businessDate,
  )!
  const upgrade = byMethod(sql, 'upgrade', businessDate)
  const refunds = byMethod(sql, 'refund', businessDate)
  const cash = (rows: Array<{ method: Method; amountPaise: number }>) =>
    rows.filter((r) => r.method === 'cash').reduce((s, r) => s + r.amountPaise, 0)
  const feesList = [...fees.values()].sort((a, b) => a.method.localeCompare(b.method))
  return {
    businessDate,
    storeCode: deps.config.storeCode,
    kioskCode: deps.config.kioskCode,
    training: deps.training,
    generatedAt: deps.nowIso(),
    enrollments: { count: enrollments.n, feesPaise: enrollments.fees ?? 0 },
    feesByMethod: feesList,
    inspections: {
      count: inspections.n,
      eligible: inspections.ok ?? 0,
      ineligible: inspections.ko ?? 0,
    },
    redemptions: {
      count: redemptions.n,
      assuredValuePaise: redemptions.value ?? 0,
      creditPaise: redemptions.credit ?? 0,
      newDeviceSalesPaise: redemptions.sales ?? 0,
      amountPaidPaise: redemptions.paid ?? 0,
      paidByMethod: upgrade,
    },
    cancellations: {
      count: cancellations.n,
      refundPaise: cancellations.refund ?? 0,
      refundsByMethod: refunds,
    },
    devicesAwaitingCollection: sql.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM device_intakes WHERE status = 'received'",
    )!.n,
    eventsNotSynced: pendingEventCount(sql),
    netCashPaise: cash(feesList) + cash(upgrade) - cash(refunds),
  }
}
