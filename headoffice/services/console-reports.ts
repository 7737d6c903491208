import type { DataSource } from 'typeorm'
import { addDays, assuredValue, daysBetween, GST_STATES } from '../../shared/domain'
import {
  activityByDay,
  openVoucherMonths,
  type DayFigure,
  type ReportScope,
  storesForFilters,
} from '../db/repos/console-reports'
import { num, withDb } from '../db/sql'
import { liabilityCells, TRADE_IN_BAND } from './reports'

export type { ReportScope } from '../db/repos/console-reports'

/** The regions (GST states) and stores the console's filters offer. */
export async function reportScopes(ds: DataSource) {
  const stores = await withDb(ds, storesForFilters)
  const regions = [...new Set(stores.map((s) => s.state_code).filter((c) => c !== null))]
    .sort()
    .map((code) => ({ code, name: GST_STATES[code] ?? code }))
  return {
    regions,
    stores: stores.map((s) => ({ code: s.code, name: s.name, region: s.state_code })),
  }
}

/** Days `from`..`to`, each with the figure of that day or zero (a chart shows quiet days too). */
function everyDay(from: string, to: string, found: DayFigure[]) {
  const byDay = new Map(found.map((f) => [f.day, f]))
  const days: { day: string; count: number; paise: number }[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const f = byDay.get(d)
    days.push({ day: d, count: num(f?.n), paise: num(f?.paise) })
  }
  return days
}

/**
 * The dashboard's daily figures in the scope, days `from`..`to`: plans enrolled, upgrades
 * (credited redemptions) and cancellations, each summed by SQL per business day.
 */
export async function dashboardActivity(
  ds: DataSource,
  range: { from: string; to: string },
  scope: ReportScope,
) {
  return withDb(ds, async (db) => {
    const enrolled = await activityByDay(db, 'enrollments', range, scope, false)
    const upgrades = await activityByDay(db, 'redemptions', range, scope, false)
    const cancelled = await activityByDay(db, 'cancellations', range, scope, false)
    return {
      ...range,
      ...scope,
      enrolledPerDay: everyDay(range.from, range.to, enrolled).map((d) => ({
        day: d.day,
        plans: d.count,
      })),
      upgradesPerDay: everyDay(range.from, range.to, upgrades).map((d) => ({
        day: d.day,
        upgrades: d.count,
      })),
      cancellationsPerDay: everyDay(range.from, range.to, cancelled).map((d) => ({
        day: d.day,
        cancellations: d.count,
      })),
    }
  })
}

/** Bands in the order a plan lives through them: too early, then 70%, 60%, … */
function bandRank(band: string): number {
  return band === 'too-early' ? -1000 : -Number.parseInt(band, 10)
}

/**
 * The outstanding liability in the scope on `asOf`: assured value owed by the live plans, by band
 * and by the month it steps down (when that part of the liability shrinks or ends).
 */
export async function outstandingLiability(ds: DataSource, asOf: string, scope: ReportScope) {
  const cells = await liabilityCells(ds, asOf, scope)
  const sum = (key: (c: (typeof cells)[number]) => string) => {
    const out = new Map<string, { plans: number; liabilityPaise: number }>()
    for (const c of cells) {
      const k = key(c)
      const v = out.get(k) ?? { plans: 0, liabilityPaise: 0 }
      v.plans += c.plans
      v.liabilityPaise += c.liabilityPaise
      out.set(k, v)
    }
    return out
  }
  const byBand = [...sum((c) => c.band)]
    .map(([band, v]) => ({ band, ...v }))
    .sort((a, b) => bandRank(a.band) - bandRank(b.band))
  const byStepDown = [...sum((c) => c.stepDownMonth)]
    .map(([month, v]) => ({ month, ...v }))
    .sort((a, b) => a.month.localeCompare(b.month))
  return {
    asOf,
    ...scope,
    plans: cells.reduce((s, c) => s + c.plans, 0),
    liabilityPaise: cells.reduce((s, c) => s + c.liabilityPaise, 0),
    byBand,
    byStepDown,
  }
}

/** One line of the console's liability report: a band and the month its liability steps down. */
export interface LiabilityReportLine {
  band: string
  stepDownMonth: string
  plans: number
  liabilityPaise: number
}

/** The liability report: by band and step-down month, in the scope, on `asOf`. */
export async function liabilityReportLines(
  ds: DataSource,
  asOf: string,
  scope: ReportScope,
): Promise<LiabilityReportLine[]> {
  const lines = new Map<string, LiabilityReportLine>()
  for (const c of await liabilityCells(ds, asOf, scope)) {
    const key = `${c.band}|${c.stepDownMonth}`
    const l = lines.get(key) ?? {
      band: c.band,
      stepDownMonth: c.stepDownMonth,
      plans: 0,
      liabilityPaise: 0,
    }
    l.plans += c.plans
    l.liabilityPaise += c.liabilityPaise
    lines.set(key, l)
  }
  const plans = [...lines.values()].sort(
    (a, b) => bandRank(a.band) - bandRank(b.band) || a.stepDownMonth.localeCompare(b.stepDownMonth),
  )
  // Trade-in vouchers issued and not spent (issue 22): a liability apart from the plans, at head
  // office's recognised amount, "stepping down" to nothing in the month they expire.
  const vouchers = await withDb(ds, (db) => openVoucherMonths(db, asOf, scope))
  return [
    ...plans,
    ...vouchers.map((v) => ({
      band: TRADE_IN_BAND,
      stepDownMonth: v.month,
      plans: num(v.n),
      liabilityPaise: num(v.paise),
    })),
  ]
}

/** One line of the activity report: one store, one business day. */
export interface ActivityReportLine {
  storeCode: string
  day: string
  enrollments: number
  feesPaise: number
  redemptions: number
  creditPaise: number
  cancellations: number
  refundsPaise: number
  /** Trade-ins accepted (issue 22), apart from plan redemptions, at head office's amount. */
  tradeIns: number
  tradeInPaise: number
  /** Trade-in vouchers spent on a new phone at this store, and the credit they gave. */
  vouchersUsed: number
  voucherCreditPaise: number
}

/**
 * Enrollments with the fees collected, upgrades (credited redemptions) with the credit given, and
 * cancellations with the refunds paid, by store and business day `from`..`to`, in the scope.
 */
export async function activityReportLines(
  ds: DataSource,
  range: { from: string; to: string },
  scope: ReportScope,
): Promise<ActivityReportLine[]> {
  const lines = new Map<string, ActivityReportLine>()
  const line = (f: DayFigure) => {
    const key = `${f.store_code}|${f.day}`
    let l = lines.get(key)
    if (!l) {
      l = {
        storeCode: String(f.store_code),
        day: f.day,
        enrollments: 0,
        feesPaise: 0,
        redemptions: 0,
        creditPaise: 0,
        cancellations: 0,
        refundsPaise: 0,
        tradeIns: 0,
        tradeInPaise: 0,
        vouchersUsed: 0,
        voucherCreditPaise: 0,
      }
      lines.set(key, l)
    }
    return l
  }
  await withDb(ds, async (db) => {
    for (const f of await activityByDay(db, 'enrollments', range, scope, true)) {
      const l = line(f)
      l.enrollments = num(f.n)
      l.feesPaise = num(f.paise)
    }
    for (const f of await activityByDay(db, 'redemptions', range, scope, true)) {
      const l = line(f)
      l.redemptions = num(f.n)
      l.creditPaise = num(f.paise)
    }
    for (const f of await activityByDay(db, 'cancellations', range, scope, true)) {
      const l = line(f)
      l.cancellations = num(f.n)
      l.refundsPaise = num(f.paise)
    }
    for (const f of await activityByDay(db, 'tradeIns', range, scope, true)) {
      const l = line(f)
      l.tradeIns = num(f.n)
      l.tradeInPaise = num(f.paise)
    }
    for (const f of await activityByDay(db, 'vouchersUsed', range, scope, true)) {
      const l = line(f)
      l.vouchersUsed = num(f.n)
      l.voucherCreditPaise = num(f.paise)
    }
  })
  return [...lines.values()].sort(
    (a, b) => a.storeCode.localeCompare(b.storeCode) || a.day.localeCompare(b.day),
  )
}

/** A CSV column: its header and how a line's value is written. */
interface CsvColumn<T> {
  header: string
  value: (line: T) => string | number
}

/** Paise as rupees with two decimals (integer arithmetic: no float rounding). */
export function rupeesText(paise: number): string {
  const sign = paise < 0 ? '-' : ''
  const abs = Math.abs(paise)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

export const ACTIVITY_COLUMNS: CsvColumn<ActivityReportLine>[] = [
  { header: 'Store', value: (l) => l.storeCode },
  { header: 'Business day', value: (l) => l.day },
  { header: 'Enrollments', value: (l) => l.enrollments },
  { header: 'Fees collected (INR)', value: (l) => rupeesText(l.feesPaise) },
  { header: 'Redemptions', value: (l) => l.redemptions },
  { header: 'Upgrade credit (INR)', value: (l) => rupeesText(l.creditPaise) },
  { header: 'Cancellations', value: (l) => l.cancellations },
  { header: 'Refunds (INR)', value: (l) => rupeesText(l.refundsPaise) },
  { header: 'Trade-ins', value: (l) => l.tradeIns },
  { header: 'Trade-in value (INR)', value: (l) => rupeesText(l.tradeInPaise) },
  { header: 'Trade-in vouchers used', value: (l) => l.vouchersUsed },
  { header: 'Voucher credit (INR)', value: (l) => rupeesText(l.voucherCreditPaise) },
]

export const LIABILITY_COLUMNS: CsvColumn<LiabilityReportLine>[] = [
  { header: 'Band', value: (l) => l.band },
  { header: 'Steps down in', value: (l) => l.stepDownMonth },
  { header: 'Plans', value: (l) => l.plans },
  { header: 'Liability (INR)', value: (l) => rupeesText(l.liabilityPaise) },
]

/**
 * RFC 4180 CSV for a spreadsheet: a header row, CRLF line ends, fields quoted when they hold a
 * quote, comma or line break, and a UTF-8 byte order mark so Excel reads it as UTF-8. A text
 * field starting with = + - @ is prefixed with ' so a spreadsheet never runs it as a formula.
 */
export function toSpreadsheetCsv<T>(lines: readonly T[], columns: CsvColumn<T>[]): string {
  const cell = (v: string | number) => {
    let s = String(v)
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  const rows = [
    columns.map((c) => cell(c.header)).join(','),
    ...lines.map((l) => columns.map((c) => cell(c.value(l))).join(',')),
  ]
  return `\uFEFF${rows.join('\r\n')}\r\n`
}

/** Whole days from `onDate` until the value next drops (its band's last day + 1), or null. */
export function daysBeforeStepDown(
  r: { srpPaise: number; purchaseDate: string; onDate: string },
  schedule: Parameters<typeof assuredValue>[0]['schedule'],
): { stepDown: string; days: number; nextPercent: number } | null {
  const quote = assuredValue({ ...r, schedule })
  if (quote.status !== 'redeemable' || !quote.next) return null
  return {
    stepDown: quote.next.from,
    days: daysBetween(r.onDate, quote.next.from),
    nextPercent: quote.next.percent,
  }
}
