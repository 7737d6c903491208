import type { Catalog } from '../../../shared/domain/catalog'
import { KioskError } from '../../../shared/errors'
import { conditionGrade, gridPrice, type ChecklistAnswer } from '../../../shared/domain/trade-in'
import type { TradeInPartner } from './partner'

/** A trade-in price for the counter: the partner's quote online, the catalog's grid offline. */
export type TradeInOffer =
  | {
      source: 'partner'
      partnerId: string
      grade: string
      quoteId: string
      amountPaise: number
      validUntil: string
      provisional: false
    }
  | {
      source: 'grid'
      partnerId: string
      grade: string
      amountPaise: number
      /** The grid's last valid day. */
      validTo: string
      /** Until the partner confirms it on sync. */
      provisional: true
    }

/**
 * Grades the phone from its checklist answers and prices it (docs/program-rules.md#trade-in):
 * the partner first; when it is unreachable (TRADE_IN_PARTNER_UNAVAILABLE) or absent, the
 * catalog's grid, marked provisional. A grade that is not acceptable is TRADE_IN_NOT_ACCEPTABLE
 * before any partner is asked; other partner refusals pass through.
 */
export async function quoteTradeIn(
  catalog: Catalog,
  partner: TradeInPartner | null,
  phone: { modelId: string; variantId: string; imei: string; answers: ChecklistAnswer[] },
  onDate: string,
): Promise<TradeInOffer> {
  const section = catalog.tradeIn
  if (!section) throw new KioskError('TRADE_IN_NO_PRICE', 'This catalog offers no trade-in.')
  const graded = conditionGrade(section, phone.answers)
  if (!graded.acceptable) {
    throw new KioskError(
      'TRADE_IN_NOT_ACCEPTABLE',
      `Not acceptable for trade-in: ${graded.reasons.join(', ')}.`,
      undefined,
      { reasons: graded.reasons.join(', ') },
    )
  }
  const model = catalog.models.find((m) => m.id === phone.modelId)
  const variant = model?.variants.find((v) => v.id === phone.variantId)
  if (!model || !variant) {
    throw new KioskError(
      'TRADE_IN_NO_PRICE',
      `No ${phone.variantId} of ${phone.modelId} in the catalog.`,
    )
  }
  if (partner) {
    try {
      const q = await partner.quote({
        modelId: model.id,
        modelName: model.name,
        variantId: variant.id,
        variantName: variant.name,
        imei: phone.imei,
        grade: graded.grade,
        answers: phone.answers,
      })
      return { source: 'partner', grade: graded.grade, provisional: false, ...q }
    } catch (error) {
      if (!(error instanceof KioskError) || error.code !== 'TRADE_IN_PARTNER_UNAVAILABLE')
        throw error
    }
  }
  const price = gridPrice(section, {
    modelId: model.id,
    variantId: variant.id,
    grade: graded.grade,
    onDate,
  })
  if (!price.ok) throw new KioskError(price.code, price.message)
  return {
    source: 'grid',
    partnerId: section.partner.id,
    grade: graded.grade,
    amountPaise: price.amountPaise,
    validTo: price.validTo,
    provisional: true,
  }
}
