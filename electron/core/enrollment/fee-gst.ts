import type { Catalog } from '../../../shared/catalog'
import { gstSplit, type GstSplit } from '../../../shared/domain'

/** The plan fee's GST as the tax invoice records it: the rate, the supply type and the split. */
export interface FeeGst extends GstSplit {
  ratePercent: number
  intraState: boolean
}

/**
 * Whether the plan fee is an intra-state supply. The plan fee is a service sold over the counter
 * to an unregistered customer: its place of supply is the store's location (IGST Act s.12(2)(b)),
 * so it is always within the kiosk store's state and the tax is CGST + SGST.
 */
export function feeIsIntraState(): boolean {
  return true
}

/**
 * The GST split of a plan fee under the catalog in force — the one rule both the enrollment's tax
 * invoice (enrollment/create.ts) and the pre-enrollment quote (plans/quote.ts) use.
 */
export function feeGst(catalog: Catalog, feePaise: number): FeeGst {
  const intraState = feeIsIntraState()
  return {
    ratePercent: catalog.gstRatePercent,
    intraState,
    ...gstSplit(feePaise, catalog.gstRatePercent, intraState),
  }
}
