import { recheckTradeInAmount } from '../../shared/domain/trade-in'
import { upgradeCredit } from '../../shared/domain/upgrade-credit'
import type { OutboxEventOf } from '../../shared/sync/events'
import type { BatchState } from './batch-state'
import { applied, rejected, type KioskRef, type Outcome } from './outcome'

/**
 * tradein.accepted (issue 22, docs/program-rules.md#trade-in): head office records the trade-in
 * and re-checks its money itself — it never takes the kiosk's figure. A grid price is checked
 * against head office's own copy of the catalog version the kiosk names (model × variant × grade
 * on the day); a partner price waits for head office's own question to the partner
 * (services/tradein-check.ts). A disagreement is recorded and flagged (TRADE_IN_AMOUNT_MISMATCH)
 * — the customer holds a printed voucher, so the fact is kept — and the reports count only what
 * head office recognises.
 */
export function applyTradeInAccepted(
  state: BatchState,
  kiosk: KioskRef,
  event: OutboxEventOf<'tradein.accepted'>,
): Outcome {
  const t = event.payload
  if (state.tradeIns.has(t.tradeInId)) {
    return rejected('IDEMPOTENCY_CONFLICT', `Trade-in ${t.tradeInId} was already recorded.`)
  }
  const catalog = state.catalogs.get(t.catalogVersion)
  if (!catalog) {
    return rejected('CATALOG_VERSION_UNKNOWN', `Catalog ${t.catalogVersion} is not published.`)
  }
  const section = catalog.tradeIn
  if (!section)
    return rejected('TRADE_IN_NOT_OFFERED', `Catalog ${t.catalogVersion} has no trade-in.`)
  let recognisedPaise: number | null = null
  let checkStatus: 'ok' | 'mismatch' | 'pending-partner' = 'pending-partner'
  let checkReason: string | null = null
  if (t.source === 'grid') {
    const check = recheckTradeInAmount(
      section,
      {
        source: 'grid',
        modelId: t.modelId,
        variantId: t.variantId,
        grade: t.grade,
        onDate: t.acceptedOn,
        amountPaise: t.amountPaise,
      },
      null,
    )
    recognisedPaise = check.expectedPaise
    checkStatus = check.ok ? 'ok' : 'mismatch'
    checkReason = check.ok ? null : `TRADE_IN_AMOUNT_MISMATCH: ${check.reason}`
  }
  state.addTradeIn({
    tradeInId: t.tradeInId,
    eventId: event.id,
    storeCode: kiosk.storeCode,
    kioskCode: kiosk.kioskCode,
    voucherNumber: t.voucherNumber,
    imei: t.imei,
    modelId: t.modelId,
    variantId: t.variantId,
    catalogVersion: t.catalogVersion,
    grade: t.grade,
    source: t.source,
    partnerId: t.partnerId,
    quoteId: t.quoteId,
    kioskPaise: t.amountPaise,
    recognisedPaise,
    checkStatus,
    checkReason,
    provisional: t.provisional,
    confirmation: t.confirmation,
    partnerReference: t.partnerReference,
    confirmedPaise: null,
    acceptedOn: t.acceptedOn,
    voucherValidTo: t.voucherValidTo,
    usedOn: null,
    usedStoreCode: null,
    creditPaise: null,
    paidPaise: null,
    newPricePaise: null,
    collectedOn: null,
    createdAt: state.now,
  })
  return applied
}

/** tradein.confirmed: the partner's confirmation of a pending trade-in, its amount recorded. */
export function applyTradeInConfirmed(
  state: BatchState,
  _kiosk: KioskRef,
  event: OutboxEventOf<'tradein.confirmed'>,
): Outcome {
  const c = event.payload
  const t = state.tradeIns.get(c.tradeInId)
  if (!t) return rejected('TRADE_IN_NOT_FOUND', `No trade-in ${c.tradeInId} at head office.`)
  state.changeTradeIn({
    ...t,
    confirmation: c.outcome,
    partnerReference: c.partnerReference,
    confirmedPaise: c.confirmedAmountPaise,
    quoteId: t.quoteId ?? c.quoteId,
    // A partner quote confirmed now can be checked with the partner (services/tradein-check.ts).
    ...(t.source === 'partner' && t.checkStatus !== 'mismatch'
      ? { checkStatus: 'pending-partner' as const }
      : {}),
  })
  return applied
}

/**
 * tradein.voucher-used: the voucher spent on a new phone, once. Head office re-derives the credit
 * from the amount it recognises: credit = min(recognised value, price); a kiosk crediting more is
 * refused.
 */
export function applyTradeInVoucherUsed(
  state: BatchState,
  kiosk: KioskRef,
  event: OutboxEventOf<'tradein.voucher-used'>,
): Outcome {
  const u = event.payload
  const t = state.tradeIns.get(u.tradeInId)
  if (!t) return rejected('TRADE_IN_NOT_FOUND', `No trade-in ${u.tradeInId} at head office.`)
  if (t.usedOn) {
    return rejected('TRADE_IN_VOUCHER_USED', `Voucher ${t.voucherNumber} was used on ${t.usedOn}.`)
  }
  if (u.usedOn > t.voucherValidTo) {
    return rejected(
      'TRADE_IN_VOUCHER_EXPIRED',
      `Voucher ${t.voucherNumber} ran out on ${t.voucherValidTo}.`,
    )
  }
  const value = t.recognisedPaise ?? t.kioskPaise
  // The voucher is spent like the assured-value credit (docs/program-rules.md#upgrade-credit).
  const credit = upgradeCredit(value, u.newDevice.pricePaise).creditPaise
  if (u.creditPaise > upgradeCredit(t.kioskPaise, u.newDevice.pricePaise).creditPaise) {
    return rejected(
      'TRADE_IN_AMOUNT_MISMATCH',
      `Voucher ${t.voucherNumber}: credit ${u.creditPaise} is more than min(value, price).`,
    )
  }
  state.changeTradeIn({
    ...t,
    usedOn: u.usedOn,
    usedStoreCode: kiosk.storeCode,
    creditPaise: credit,
    paidPaise: u.amountPaidPaise,
    newPricePaise: u.newDevice.pricePaise,
  })
  return applied
}

/** tradein.collected: the traded-in phone left the store with logistics. */
export function applyTradeInCollected(
  state: BatchState,
  _kiosk: KioskRef,
  event: OutboxEventOf<'tradein.collected'>,
): Outcome {
  const c = event.payload
  const t = state.tradeIns.get(c.tradeInId)
  if (!t) return rejected('TRADE_IN_NOT_FOUND', `No trade-in ${c.tradeInId} at head office.`)
  state.changeTradeIn({ ...t, collectedOn: c.collectedOn })
  return applied
}
