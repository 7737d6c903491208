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
import { tradeInsOfDay } from '../storage/repos/tradeins'
import { voucherState } from '../../../shared/domain/trade-in'

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

/**
 * The day's trade-ins (issue 22, docs/program-rules.md#trade-in), apart from plan redemptions:
 * those started today and what became of them, the vouchers issued today (provisional ones — grid
 * prices the partner has not confirmed — counted apart) and the vouchers used today.
 */
function tradeInsOn(deps: CoreDeps, sql: Sql, businessDate: string): EndOfDayReport['tradeIns'] {
  const rows = tradeInsOfDay(sql, businessDate)
  const started = rows.filter((t) => t.business_date === businessDate)
  const issued = rows.filter((t) => t.accepted_on === businessDate && t.voucher_number)
  const used = rows.filter((t) => t.used_on === businessDate)
  const provisional = issued.filter((t) => t.provisional === 1 && t.confirmation === 'pending')
  const sum = (list: typeof rows, pick: (t: (typeof rows)[number]) => number | null) =>
    list.reduce((n, t) => n + (pick(t) ?? 0), 0)
  return {
    started: started.length,
    accepted: started.filter((t) => t.status === 'accepted' || t.status === 'used').length,
    declined: started.filter((t) => t.status === 'declined').length,
    notAcceptable: started.filter((t) => t.status === 'not-acceptable').length,
    amountPaise: sum(issued, (t) => t.amount_paise),
    provisionalCount: provisional.length,
    provisionalAmountPaise: sum(provisional, (t) => t.amount_paise),
    vouchersIssued: issued.length,
    vouchersUsed: used.length,
    voucherCreditPaise: sum(used, (t) => t.credit_paise),
    voucherPaidPaise: sum(used, (t) => t.amount_paid_paise),
    vouchers: [...issued, ...used.filter((u) => !issued.includes(u))]
      .sort((a, b) => (a.voucher_number ?? '').localeCompare(b.voucher_number ?? ''))
      .map((t) => ({
        voucherNumber: t.voucher_number!,
        modelName: `${t.model_name} ${t.variant_name}`,
        grade: t.grade ?? '',
        amountPaise: t.amount_paise ?? 0,
        source: t.quote_source ?? 'grid',
        provisional: t.provisional === 1 && t.confirmation === 'pending',
        status: voucherState(
          { usedOn: t.used_on, validTo: t.voucher_valid_to ?? businessDate },
          deps.businessDate(),
        ),
      })),
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
    tradeIns: tradeInsOn(deps, sql, businessDate),
    cancellations,
    gst: gstOfDay(sql, businessDate),
    devicesAwaitingCollection: devicesAwaitingCount(sql),
    eventsNotSynced: pendingEventCount(sql),
    totals: dayTotals({
      fees: feesList,
      // Balances paid on top of a trade-in voucher (issue 22) are collected like an upgrade's.
      upgradePayments: [
        ...redemptions.paidByMethod,
        ...paymentTotalsByMethod(sql, 'trade-in', businessDate),
      ],
      refunds: cancellations.refundsByMethod,
    }),
  }
}
