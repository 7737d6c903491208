import type { EndOfDayReport } from '../../../shared/contract/reports'
import type { PaymentMethod } from '../../../shared/domain/vocabulary'
import { dayGst, type DayGst } from '../../../shared/domain/day-gst'
import { dayTotals } from '../../../shared/domain/day-totals'
import { gstSplit } from '../../../shared/domain/money'
import type { GstSplit } from '../../../shared/sync/events'
import type { CoreDeps } from '../context'
import { pendingEventCount } from '../outbox/outbox'
import { devicesAwaitingCount } from '../storage/repos/devices'
import {
  cancellationTotals,
  creditNotesOn,
  enrollmentTotals,
  feePaymentsOn,
  inspectionTotals,
  paymentTotalsByMethod,
  redemptionTotals,
} from '../storage/repos/reports'
import type { Sql } from '../storage/store'

type Method = PaymentMethod
type FeeTotals = EndOfDayReport['feesByMethod'][number]

/** The day's fees by method with their GST, summed per invoice (never recomputed on the total). */
function feesByMethod(sql: Sql, businessDate: string): FeeTotals[] {
  const fees = new Map<Method, FeeTotals>()
  for (const p of feePaymentsOn(sql, businessDate)) {
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
  return [...fees.values()].sort((a, b) => a.method.localeCompare(b.method))
}

/**
 * The day's GST: its tax invoices less its credit notes, each the document's own split
 * (docs/tax-documents.md#end-of-day-report).
 */
function gstOfDay(sql: Sql, businessDate: string): DayGst {
  const parse = (json: string | null) => JSON.parse(json ?? 'null') as GstSplit | null
  const invoices = feePaymentsOn(sql, businessDate).flatMap((p) => parse(p.gst) ?? [])
  const creditNotes = creditNotesOn(sql, businessDate).flatMap((c) => {
    const own = parse(c.gst)
    if (own) return [own]
    // Stored before credit notes kept their split: the reversal of the invoice's, on the refund.
    const invoice = parse(c.invoice_gst)
    return invoice ? [gstSplit(c.amount_paise, invoice.ratePercent, invoice.intraState)] : []
  })
  return dayGst(invoices, creditNotes)
}

function redemptionsOn(sql: Sql, businessDate: string): EndOfDayReport['redemptions'] {
  const r = redemptionTotals(sql, businessDate)
  return {
    count: r.n,
    assuredValuePaise: r.value ?? 0,
    creditPaise: r.credit ?? 0,
    newDeviceSalesPaise: r.sales ?? 0,
    amountPaidPaise: r.paid ?? 0,
    paidByMethod: paymentTotalsByMethod(sql, 'upgrade', businessDate),
  }
}

function cancellationsOn(sql: Sql, businessDate: string): EndOfDayReport['cancellations'] {
  const c = cancellationTotals(sql, businessDate)
  return {
    count: c.n,
    refundPaise: c.refund ?? 0,
    refundsByMethod: paymentTotalsByMethod(sql, 'refund', businessDate),
  }
}

/**
 * The day's figures for the manager's close (docs/program-rules.md#end-of-day-report, issue 4's
 * list).
 */
export function endOfDay(deps: CoreDeps, sql: Sql, businessDate: string): EndOfDayReport {
  const feesList = feesByMethod(sql, businessDate)
  const enrollments = enrollmentTotals(sql, businessDate)
  const inspections = inspectionTotals(sql, businessDate)
  const redemptions = redemptionsOn(sql, businessDate)
  const cancellations = cancellationsOn(sql, businessDate)
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
    redemptions,
    tradeIns: {
      started: 0,
      accepted: 0,
      declined: 0,
      notAcceptable: 0,
      amountPaise: 0,
      provisionalCount: 0,
      provisionalAmountPaise: 0,
      vouchersIssued: 0,
      vouchersUsed: 0,
      voucherCreditPaise: 0,
      voucherPaidPaise: 0,
      vouchers: [],
    },
    cancellations,
    gst: gstOfDay(sql, businessDate),
    devicesAwaitingCollection: devicesAwaitingCount(sql),
    eventsNotSynced: pendingEventCount(sql),
    totals: dayTotals({
      fees: feesList,
      upgradePayments: redemptions.paidByMethod,
      refunds: cancellations.refundsByMethod,
    }),
  }
}
