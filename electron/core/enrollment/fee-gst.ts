import { feeSacCode, type Catalog, type Model } from '../../../shared/catalog'
import { feePlaceOfSupply, gstSplit, type GstSplit } from '../../../shared/domain'

/** The plan fee's GST as the tax invoice records it: the rate, the supply type, the split, the SAC. */
export interface FeeGst extends GstSplit {
  ratePercent: number
  intraState: boolean
  sacCode: string
}

/**
 * The GST split of a plan fee under the catalog in force — the one rule both the enrollment's tax
 * invoice (enrollment/create.ts) and the pre-enrollment quote (plans/quote.ts) use. A consumer's
 * fee is supplied in the store's state; a registered recipient's in the state of its GSTIN
 * (`feePlaceOfSupply`, docs/tax-documents.md#b2b-tax-invoice), IGST when that is another state.
 */
export function feeGst(
  catalog: Catalog,
  model: Pick<Model, 'id' | 'feePaise'>,
  supply: { storeStateCode: string; recipientGstin: string | null } | null = null,
): FeeGst {
  const intraState = supply
    ? feePlaceOfSupply(supply.storeStateCode, supply.recipientGstin).intraState
    : true
  return {
    ratePercent: catalog.gstRatePercent,
    intraState,
    ...gstSplit(model.feePaise, catalog.gstRatePercent, intraState),
    sacCode: feeSacCode(catalog, model.id),
  }
}
