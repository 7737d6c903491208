import type { Catalog } from '../../../shared/catalog'
import { findVariant } from '../../../shared/catalog'
import { assuredValue, validateRecipientGstin, valueTimeline } from '../../../shared/domain'
import { KioskError } from '../../../shared/errors'
import type { PlanQuoteRequest, PlanQuoteResponse } from '../../../shared/contract/plans'
import { parseLocalDate } from '../../../shared/domain/calendar'
import { feeGst } from '../enrollment/fee-gst'

/**
 * The supply a quote's fee split is for: a valid recipient GSTIN's state against this kiosk's
 * store's (docs/tax-documents.md#b2b-tax-invoice), else the consumer's, within the store's state.
 */
function quoteSupply(catalog: Catalog, request: PlanQuoteRequest, storeCode: string | undefined) {
  const gstin = request.recipientGstin ? validateRecipientGstin(request.recipientGstin) : null
  const store = catalog.stores.find((s) => s.code === storeCode)
  if (!gstin?.ok || !store) return null
  return { storeStateCode: store.stateCode, recipientGstin: gstin.value }
}

/** A live quote at the catalog's current SRP for a variant bought on a date. */
export function quoteVariant(
  catalog: Catalog,
  request: PlanQuoteRequest,
  businessDate: string,
  storeCode?: string,
): PlanQuoteResponse {
  const found = findVariant(catalog, request.variantId)
  if (!found) throw new KioskError('VARIANT_NOT_FOUND', `No variant ${request.variantId}`)
  const purchaseDate = parseLocalDate(request.purchaseDate)
  const onDate = parseLocalDate(request.onDate ?? businessDate)
  if (purchaseDate > onDate) {
    throw new KioskError('PURCHASE_DATE_IN_FUTURE', 'The purchase date is after the quote date.', [
      { path: 'purchaseDate', code: 'PURCHASE_DATE_IN_FUTURE', message: 'after the quote date' },
    ])
  }
  const srpPaise = found.variant.srpPaise
  return {
    modelName: found.model.name,
    variantName: found.variant.name,
    srpPaise,
    feePaise: found.model.feePaise,
    feeGst: feeGst(catalog, found.model, quoteSupply(catalog, request, storeCode)),
    onDate,
    quote: assuredValue({ srpPaise, purchaseDate, onDate, schedule: catalog.schedule }),
    timeline: valueTimeline(srpPaise, purchaseDate, catalog.schedule),
  }
}
