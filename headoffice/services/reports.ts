import type { DataSource } from 'typeorm'
import type { ValueBand } from '../../shared/catalog'
import { assuredValue } from '../../shared/domain'
import { catalogBodies, liabilityGroups, type ReportScope } from '../db/repos/console-reports'
import {
  cancellationsByDay,
  creditedRedemptionsByDay,
  duplicateImeiPlans,
  enrollmentsByDay,
} from '../db/repos/reports'
import { type Db, num, withDb } from '../db/sql'
import { openVouchers, tradeInsBetween } from '../db/repos/tradeins'

/** One line of the liability report. */
export interface LiabilityLine {
  /** `70%`, `60%`, … for redeemable plans; `too-early` for plans not yet redeemable. */
  band: string
  /** The plans' purchase month `YYYY-MM` (cohort). */
  purchaseMonth: string
  plans: number
  /**
   * What head office owes if every plan were redeemed at its earliest chance: today's assured
   * value for redeemable plans, the first band's value for plans still too early.
   */
  liabilityPaise: number
}

/** A live plan group's figures: band, cohort, the month its value next steps down. */
export interface LiabilityCell extends LiabilityLine {
  /**
   * `YYYY-MM` of the day the liability counted here steps down (the current band ends; for a
   * plan still too early, the end of its first band; after the last band the value is nothing).
   */
  stepDownMonth: string
}

/** The value schedule each catalog version froze on its plans (null: the default). */
async function schedulesOf(db: Db, versions: string[]): Promise<Map<string, ValueBand[] | null>> {
  const found = new Map<string, ValueBand[] | null>(versions.map((v) => [v, null]))
  for (const c of await catalogBodies(db, versions)) {
    const body = JSON.parse(c.body) as { schedule?: ValueBand[] }
    found.set(c.version, body.schedule ?? null)
  }
  return found
}

/**
 * Outstanding liability of the live plans in `scope` on `asOf`, by band, purchase month and
 * step-down month. SQL groups the plans by what their value depends on (purchase date, catalog
 * version, SRP — `liabilityGroups`), so shared/domain's value rules run once per group, never
 * once per plan, and no plan is loaded: the same figures as valuing each plan, at any size.
 * A plan's schedule is its catalog version's (ingest freezes `scheduleFor(catalogVersion)`).
 */
export async function liabilityCells(
  ds: DataSource,
  asOf: string,
  scope: ReportScope = {},
): Promise<LiabilityCell[]> {
  const cells = new Map<string, LiabilityCell>()
  await withDb(ds, async (db) => {
    const groups = await liabilityGroups(db, scope)
    const schedules = await schedulesOf(db, [...new Set(groups.map((g) => g.catalog_version))])
    for (const g of groups) {
      const schedule = schedules.get(g.catalog_version) ?? undefined
      const srpPaise = num(g.srp_paise)
      const purchaseDate = g.purchase_date
      const quote = assuredValue({ srpPaise, purchaseDate, onDate: asOf, schedule })
      if (quote.status === 'expired') continue
      let band: string
      let value: number
      let stepDown: string
      if (quote.status === 'too-early') {
        band = 'too-early'
        value = quote.next?.valuePaise ?? 0
        const first = assuredValue({
          srpPaise,
          purchaseDate,
          onDate: quote.redeemableFrom,
          schedule,
        })
        stepDown = first.next?.from ?? quote.expiresAfter
      } else {
        band = `${quote.percent}%`
        value = quote.valuePaise
        stepDown = quote.next?.from ?? quote.expiresAfter
      }
      const plans = num(g.n)
      const purchaseMonth = purchaseDate.slice(0, 7)
      const stepDownMonth = stepDown.slice(0, 7)
      const key = `${band}|${purchaseMonth}|${stepDownMonth}`
      const cell = cells.get(key) ?? {
        band,
        purchaseMonth,
        stepDownMonth,
        plans: 0,
        liabilityPaise: 0,
      }
      cell.plans += plans
      cell.liabilityPaise += value * plans
      cells.set(key, cell)
    }
  })
  return [...cells.values()]
}

/**
 * Outstanding assured-value liability of all active plans on `asOf`, by band and purchase month.
 * Values come from shared/domain with each plan's frozen SRP and schedule; expired plans owe
 * nothing and are left out.
 */
export async function liabilityReport(ds: DataSource, asOf: string): Promise<LiabilityLine[]> {
  const groups = new Map<string, LiabilityLine>()
  for (const c of await liabilityCells(ds, asOf)) {
    const key = `${c.band}|${c.purchaseMonth}`
    const line = groups.get(key) ?? {
      band: c.band,
      purchaseMonth: c.purchaseMonth,
      plans: 0,
      liabilityPaise: 0,
    }
    line.plans += c.plans
    line.liabilityPaise += c.liabilityPaise
    groups.set(key, line)
  }
  const plans = [...groups.values()].sort(
    (a, b) => a.band.localeCompare(b.band) || a.purchaseMonth.localeCompare(b.purchaseMonth),
  )
  return [...plans, ...(await tradeInLiability(ds, asOf))]
}

/** The band the trade-in vouchers' lines carry: apart from every plan band. */
export const TRADE_IN_BAND = 'trade-in voucher'

/**
 * Trade-in vouchers issued and not yet used nor expired on `asOf` (issue 22), apart from the
 * plans: by the month they were issued, at the amount head office recognises (its own re-check),
 * never the kiosk's figure; a voucher still waiting for the partner's check counts at the kiosk's
 * amount until then, and a flagged one at what head office recognised.
 */
async function tradeInLiability(ds: DataSource, asOf: string): Promise<LiabilityLine[]> {
  const open = await withDb(ds, (db) => openVouchers(db, asOf))
  const groups = new Map<string, LiabilityLine>()
  for (const t of open) {
    const purchaseMonth = t.acceptedOn.slice(0, 7)
    const line = groups.get(purchaseMonth) ?? {
      band: TRADE_IN_BAND,
      purchaseMonth,
      plans: 0,
      liabilityPaise: 0,
    }
    line.plans += 1
    line.liabilityPaise += t.recognisedPaise ?? t.kioskPaise
    groups.set(purchaseMonth, line)
  }
  return [...groups.values()].sort((a, b) => a.purchaseMonth.localeCompare(b.purchaseMonth))
}

/** One line of the activity report: one store, one business day. */
export interface ActivityLine {
  storeCode: string
  day: string
  enrollments: number
  feesPaise: number
  redemptions: number
  creditPaise: number
  cancellations: number
  refundsPaise: number
  /** Trade-ins accepted (vouchers issued) that day, apart from plan redemptions (issue 22). */
  tradeIns: number
  /** Their value as head office recognises it (its own re-check of grid or partner). */
  tradeInPaise: number
  /** Of them, the ones whose kiosk figure disagreed with head office's (TRADE_IN_AMOUNT_MISMATCH). */
  tradeInsFlagged: number
  /** Vouchers used that day against a new phone, and the credit they gave. */
  vouchersUsed: number
  voucherCreditPaise: number
}

/**
 * Enrollments, credited redemptions, cancellations and — apart — trade-ins and vouchers used
 * (issue 22) by store and kiosk business day, for days
 * `from`..`to` inclusive. Conflicting (second) redemptions are never counted.
 */
export async function activityReport(
  ds: DataSource,
  from: string,
  to: string,
): Promise<ActivityLine[]> {
  const lines = new Map<string, ActivityLine>()
  const line = (storeCode: string, day: string) => {
    const key = `${storeCode}|${day}`
    let l = lines.get(key)
    if (!l) {
      l = {
        storeCode,
        day,
        enrollments: 0,
        feesPaise: 0,
        redemptions: 0,
        creditPaise: 0,
        cancellations: 0,
        refundsPaise: 0,
        tradeIns: 0,
        tradeInPaise: 0,
        tradeInsFlagged: 0,
        vouchersUsed: 0,
        voucherCreditPaise: 0,
      }
      lines.set(key, l)
    }
    return l
  }
  await withDb(ds, async (db) => {
    const enrolled = await enrollmentsByDay(db, from, to)
    for (const r of enrolled) {
      const l = line(r.store_code, r.day)
      l.enrollments = num(r.n)
      l.feesPaise = num(r.paise)
    }
    const redeemed = await creditedRedemptionsByDay(db, from, to)
    for (const r of redeemed) {
      const l = line(r.store_code, r.day)
      l.redemptions = num(r.n)
      l.creditPaise = num(r.paise)
    }
    for (const t of await tradeInsBetween(db, from, to)) {
      if (t.acceptedOn >= from && t.acceptedOn <= to) {
        const l = line(t.storeCode, t.acceptedOn)
        l.tradeIns += 1
        l.tradeInPaise += t.recognisedPaise ?? t.kioskPaise
        if (t.checkStatus === 'mismatch') l.tradeInsFlagged += 1
      }
      if (t.usedOn && t.usedOn >= from && t.usedOn <= to) {
        const l = line(t.usedStoreCode ?? t.storeCode, t.usedOn)
        l.vouchersUsed += 1
        l.voucherCreditPaise += t.creditPaise ?? 0
      }
    }
    const cancelled = await cancellationsByDay(db, from, to)
    for (const r of cancelled) {
      const l = line(r.store_code, r.day)
      l.cancellations = num(r.n)
      l.refundsPaise = num(r.paise)
    }
  })
  return [...lines.values()].sort(
    (a, b) => a.storeCode.localeCompare(b.storeCode) || a.day.localeCompare(b.day),
  )
}

/** One line of the duplicate-IMEI report: an active plan whose IMEI another active plan holds. */
export interface DuplicateImeiLine {
  imei: string
  planNumber: string
  storeCode: string
  enrolledOn: string
}

/**
 * Active plans sharing an IMEI (docs/program-rules.md#imei-and-one-active-plan-per-imei): what
 * the duplicate-IMEI conflicts leave open until a manager cancels one of the plans.
 */
export async function duplicateImeiReport(ds: DataSource): Promise<DuplicateImeiLine[]> {
  const found = await withDb(ds, duplicateImeiPlans)
  return found.map((r) => ({
    imei: r.imei,
    planNumber: r.plan_number,
    storeCode: r.store_code,
    enrolledOn: r.enrolled_on,
  }))
}

/** CSV (RFC 4180) of report lines, columns in the order of the first line's keys. */
export function toCsv(lines: ReadonlyArray<object>, columns?: string[]): string {
  const first = lines[0]
  const cols = columns ?? (first ? Object.keys(first) : [])
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v)
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  const body = lines.map((l) => cols.map((c) => cell((l as Record<string, unknown>)[c])).join(','))
  return [cols.join(','), ...body].join('\r\n') + '\r\n'
}
