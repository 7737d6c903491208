import type { DataSource } from 'typeorm'
import {
  dayGst,
  feePlaceOfSupply,
  gstSplit,
  type DayGstLine,
  type GstSplit,
} from '../../shared/domain'
import type { Catalog } from '../../shared/catalog'
import { catalogsByVersion } from '../db/repos/catalogs'
import { creditedFees, invoicedFees, type InvoicedFeeRow } from '../db/repos/gst'
import { num, withDb } from '../db/sql'

/**
 * One line of head office's GST summary: one store, one business day — the plan fees' tax
 * invoices, the credit notes of the day's refunds, and the net, CGST, SGST and IGST apart
 * (docs/tax-documents.md#head-offices-gst-summary). The figures are head office's own: each
 * document's split is derived again from the fee, the GST rate of the plan's catalog version
 * and its place of supply, never taken from the kiosk.
 */
export interface GstSummaryLine {
  storeCode: string
  gstin: string | null
  day: string
  invoices: DayGstLine
  creditNotes: DayGstLine
  net: DayGstLine
}

type Terms = Pick<InvoicedFeeRow, 'store_code' | 'catalog_version' | 'recipient_gstin'>

/** The split of `amountPaise` under a plan's terms: its catalog's rate and place of supply. */
function splitOf(catalogs: Map<string, Catalog>, terms: Terms, amountPaise: number) {
  const catalog = catalogs.get(terms.catalog_version)
  if (!catalog) throw new Error(`catalog ${terms.catalog_version} of an applied plan is missing`)
  const store = catalog.stores.find((s) => s.code === terms.store_code)
  // As at ingest: a consumer's fee is supplied in the store's state; a business's in its GSTIN's.
  const intraState =
    !terms.recipient_gstin || !store
      ? true
      : feePlaceOfSupply(store.stateCode, terms.recipient_gstin).intraState
  return gstSplit(amountPaise, catalog.gstRatePercent, intraState)
}

/** Head office's GST summary for business days `from`..`to`, by store and day. */
export async function gstSummary(
  ds: DataSource,
  from: string,
  to: string,
): Promise<GstSummaryLine[]> {
  const { invoiced, credited, catalogs } = await withDb(ds, async (db) => {
    const invoiced = await invoicedFees(db, from, to)
    const credited = await creditedFees(db, from, to)
    const versions = [...new Set([...invoiced, ...credited].map((r) => r.catalog_version))]
    const bodies = versions.length === 0 ? [] : await catalogsByVersion(db, versions)
    return { invoiced, credited, catalogs: bodies }
  })
  const byVersion = new Map(catalogs.map((c) => [c.version, JSON.parse(c.body) as Catalog]))
  const days = new Map<string, { invoices: GstSplit[]; credits: GstSplit[] }>()
  const at = (store: string, day: string) => {
    const key = `${store}|${day}`
    const found = days.get(key) ?? { invoices: [], credits: [] }
    days.set(key, found)
    return found
  }
  for (const r of invoiced) {
    at(r.store_code, r.day).invoices.push(splitOf(byVersion, r, num(r.fee_paise)))
  }
  for (const r of credited) {
    at(r.store_code, r.day).credits.push(splitOf(byVersion, r, num(r.refund_paise)))
  }
  const gstinOf = (store: string) =>
    [...byVersion.values()].flatMap((c) => c.stores).find((s) => s.code === store)?.gstin ?? null
  return [...days.entries()]
    .map(([key, d]) => {
      const [storeCode, day] = key.split('|') as [string, string]
      return { storeCode, gstin: gstinOf(storeCode), day, ...dayGst(d.invoices, d.credits) }
    })
    .sort((a, b) => a.storeCode.localeCompare(b.storeCode) || a.day.localeCompare(b.day))
}

/** A summary line as one flat CSV row (paise). */
export function gstSummaryRow(l: GstSummaryLine): Record<string, string | number | null> {
  const flat = (prefix: string, g: DayGstLine) => ({
    [`${prefix}Count`]: g.count,
    [`${prefix}TaxablePaise`]: g.taxablePaise,
    [`${prefix}CgstPaise`]: g.cgstPaise,
    [`${prefix}SgstPaise`]: g.sgstPaise,
    [`${prefix}IgstPaise`]: g.igstPaise,
    [`${prefix}TotalPaise`]: g.totalPaise,
  })
  return {
    storeCode: l.storeCode,
    gstin: l.gstin,
    day: l.day,
    ...flat('invoice', l.invoices),
    ...flat('creditNote', l.creditNotes),
    ...flat('net', l.net),
  }
}
