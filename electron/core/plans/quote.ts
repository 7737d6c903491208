import type { Catalog } from '../../../shared/catalog'
import { findVariant } from '../../../shared/catalog'
import { assuredValue, valueTimeline } from '../../../shared/domain'
import { KioskError } from '../../../shared/errors'
import type { PlanQuoteRequest, PlanQuoteResponse } from '../../../shared/contract/plans'
import { parseLocalDate } from '../../../shared/domain/calendar'
import { feeGst } from '../enrollment/fee-gst'

/** A live quote at the catalog's current SRP for a variant bought on a date. */
export function quoteVariant(
  catalog: Catalog,
  request: PlanQuoteRequest,
  businessDate: string,
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
    feeGst: feeGst(catalog, found.model),
    onDate,
    quote: assuredValue({ srpPaise, purchaseDate, onDate, schedule: catalog.schedule }),
    timeline: valueTimeline(srpPaise, purchaseDate, catalog.schedule),
  }
}
