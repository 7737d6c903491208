import {
  assuredValue,
  isRefusal,
  newPhonePriceLimit,
  redemptionInspectionRefusal,
  todayInKolkata,
  upgradeCredit,
} from '../../shared/domain'
import type { OutboxEventOf } from '../../shared/sync/events'
import type { ConflictKind } from '../../shared/sync/protocol'
import type { PlanRow } from '../db/repos/plan-row'
import { letterheadOf, redemptionMessages } from '../notifications/compose'
import type { BatchState } from './batch-state'
import { recordConflict } from './conflicts'
import { applied, rejected, type KioskRef, type Outcome } from './outcome'

type RedeemedEvent = OutboxEventOf<'plan.redeemed'>
type Redemption = RedeemedEvent['payload']

/**
 * plan.redeemed. Head office re-verifies what the kiosk computed — the SRP is the plan's frozen
 * one, the age band, percent and value follow from the plan's dates and schedule
 * (shared/domain), credit = min(value, new phone price) — and rejects any mismatch. The first
 * redemption applied wins; a later one for the same plan is recorded as a conflict with no
 * credit counted.
 */
export function applyRedeemed(state: BatchState, kiosk: KioskRef, event: RedeemedEvent): Outcome {
  const r = event.payload
  const plan = state.plans.get(r.planNumber)
  if (!plan) return rejected('PLAN_NOT_FOUND', `Plan ${r.planNumber} is not registered.`)
  const refusal =
    valueRefusal(plan, r) ??
    newPhoneRefusal(state, r) ??
    inspectionRefusal(state, plan, r) ??
    customerCheckRefusal(state, plan, r)
  if (refusal) return refusal

  const conflictKind = closingConflict(plan)
  if (conflictKind) {
    // Kept for the managers, never counted as a credit (reports read status = 'credited').
    state.redemptionRows.push(redemptionRow(state, kiosk, event, plan, 'conflict'))
    return recordConflict(
      state,
      kiosk,
      plan,
      conflictKind,
      { eventId: event.id, referenceId: r.redemptionId, onDate: r.onDate },
      plan.closedRef ?? '',
    )
  }
  redeemPlan(state, kiosk, event, plan)
  return applied
}

/**
 * A redemption that says the customer gave a one-time code is accepted only when head office
 * itself verified that code for this plan (docs/security.md#one-time-codes-at-redemption); an
 * `id-check` is the clerk's word, recorded as such.
 */
function customerCheckRefusal(state: BatchState, plan: PlanRow, r: Redemption): Outcome | null {
  if (r.customerCheck?.method !== 'otp') return null
  if (state.verifiedOtps.get(r.customerCheck.otpId) === plan.planNumber) return null
  return rejected(
    'OTP_NOT_VERIFIED',
    `Head office verified no code ${r.customerCheck.otpId} for plan ${plan.planNumber}.`,
  )
}

/**
 * Why the kiosk's figures are refused, or null when they are head office's own: the plan's
 * frozen SRP, the quote on the redemption date (not too early, not expired), and the month,
 * percent, value, credit and amount paid that follow from it.
 */
function valueRefusal(plan: PlanRow, r: Redemption): Outcome | null {
  if (r.srpPaise !== plan.srpPaise) {
    return rejected(
      'VALUE_MISMATCH',
      `SRP ${r.srpPaise} differs from the plan's frozen SRP ${plan.srpPaise}.`,
    )
  }
  const quote = assuredValue({
    srpPaise: plan.srpPaise,
    purchaseDate: plan.purchaseDate,
    onDate: r.onDate,
    schedule: plan.schedule ?? undefined,
  })
  if (quote.status === 'too-early') return rejected('TOO_EARLY', `Not redeemable on ${r.onDate}.`)
  if (quote.status === 'expired')
    return rejected('PLAN_EXPIRED', `Plan expired before ${r.onDate}.`)
  const { creditPaise: credit, duePaise } = upgradeCredit(quote.valuePaise, r.newDevice.pricePaise)
  if (
    r.ageMonth !== quote.ageMonth ||
    r.percent !== quote.percent ||
    r.assuredValuePaise !== quote.valuePaise ||
    r.creditPaise !== credit ||
    r.amountPaidPaise !== duePaise
  ) {
    return rejected(
      'VALUE_MISMATCH',
      `Expected month ${quote.ageMonth}, ${quote.percent}%, value ${quote.valuePaise}, credit ` +
        `${credit}; the kiosk sent month ${r.ageMonth}, ${r.percent}%, value ` +
        `${r.assuredValuePaise}, credit ${r.creditPaise}.`,
    )
  }
  return null
}

/**
 * A refusal unless the new phone is a model of the newest published catalog (by its catalog id,
 * never its name) priced at most its SRP (docs/program-rules.md#the-new-phone).
 */
function newPhoneRefusal(state: BatchState, r: Redemption): Outcome | null {
  const catalog = state.newestCatalog
  if (!catalog) return rejected('CATALOG_NOT_LOADED', 'Head office has no published catalog.')
  const { modelId, variantId, pricePaise } = r.newDevice
  const limit =
    modelId === undefined && variantId === undefined
      ? {
          code: 'NEW_DEVICE_NOT_IN_CATALOG' as const,
          message: `The new phone "${r.newDevice.modelName}" names no catalog model.`,
        }
      : newPhonePriceLimit(catalog, modelId, variantId)
  if (isRefusal(limit)) return rejected(limit.code, limit.message)
  if (pricePaise > limit.maxPricePaise) {
    return rejected(
      'NEW_DEVICE_PRICE_ABOVE_SRP',
      `New phone price ${pricePaise} is above ${limit.maxPricePaise}, the SRP of ${limit.modelId}.`,
    )
  }
  return null
}

/**
 * A refusal unless the redemption rests on the latest inspection of the plan's phone, passed, on
 * the redemption's business day (docs/program-rules.md#inspection), by the inspections head office
 * holds. Events of one kiosk arrive in order, so an inspection made at the redeeming kiosk is
 * always here; one made at another kiosk of the store may not be yet, and then every failed
 * inspection of the plan held from the redemption's day on refuses it.
 */
function inspectionRefusal(state: BatchState, plan: PlanRow, r: Redemption): Outcome | null {
  const named = state.inspections.get(r.inspectionId)
  if (named && named.planNumber !== plan.planNumber) {
    return rejected('INSPECTION_FAILED', `Inspection ${r.inspectionId} is of another plan.`)
  }
  const ofPlan = [...state.inspections]
    .filter(([, i]) => i.planNumber === plan.planNumber)
    .map(([id, i]) => ({
      id,
      verdict: i.verdict,
      submittedAt: i.submittedAt,
      // Training events never reach head office: the business day is the day in Kolkata.
      onDate: todayInKolkata(() => Date.parse(i.submittedAt)),
    }))
  if (!named) {
    const failed = ofPlan.find((i) => i.verdict !== 'eligible' && i.onDate >= r.onDate)
    return failed
      ? rejected('INSPECTION_FAILED', `Inspection ${failed.id} of this phone failed.`)
      : null
  }
  const refusal = redemptionInspectionRefusal(ofPlan, r.inspectionId, r.onDate)
  return refusal ? rejected(refusal.code, refusal.message) : null
}

/** The conflict a redemption of this plan would be: the plan is already closed. */
function closingConflict(plan: PlanRow): ConflictKind | null {
  return plan.status === 'redeemed'
    ? 'double-redemption'
    : plan.status === 'cancelled'
      ? 'redeemed-after-cancel'
      : null
}

/** The redemption as a `ho_redemption` row (REDEMPTION_COLUMNS in db/repos/push-batch.ts). */
function redemptionRow(
  state: BatchState,
  kiosk: KioskRef,
  event: RedeemedEvent,
  plan: PlanRow,
  status: 'credited' | 'conflict',
): unknown[] {
  const r = event.payload
  return [
    r.redemptionId,
    plan.planNumber,
    event.id,
    kiosk.storeCode,
    kiosk.kioskCode,
    r.onDate,
    event.businessDate,
    r.ageMonth,
    r.percent,
    r.srpPaise,
    r.assuredValuePaise,
    r.creditPaise,
    r.newDevice.pricePaise,
    r.newDevice.salesInvoiceNumber ?? null,
    r.exchangeVoucherNumber,
    r.amountPaidPaise,
    r.deviceIntakeId,
    'received',
    status,
    state.now,
    r.customerCheck?.method ?? null,
    r.handover?.signatureSha256 ?? null,
  ]
}

/**
 * The first redemption of an open plan: closes the plan (and clears its reservation), credits
 * the redemption, takes in the old device, tells the customer and both stores.
 */
function redeemPlan(state: BatchState, kiosk: KioskRef, event: RedeemedEvent, plan: PlanRow): void {
  const r = event.payload
  plan.status = 'redeemed'
  plan.closedStore = kiosk.storeCode
  plan.closedKiosk = kiosk.kioskCode
  plan.closedOn = r.onDate
  plan.closedEventId = event.id
  plan.closedRef = r.redemptionId
  plan.reservationId = null
  plan.reservedBy = null
  plan.reservedUntil = null
  state.touchPlan(plan)
  state.redemptionRows.push(redemptionRow(state, kiosk, event, plan, 'credited'))
  state.devices.set(r.deviceIntakeId, r.redemptionId)
  state.notifications.push(
    ...redemptionMessages(
      plan,
      letterheadOf(state.newestCatalog ?? state.catalogs.get(plan.catalogVersion), plan.storeCode),
      {
        redemptionId: r.redemptionId,
        onDate: r.onDate,
        storeCode: kiosk.storeCode,
        creditPaise: r.creditPaise,
        newModel: r.newDevice.modelName,
      },
      state.now,
    ),
  )
  state.changes.push({
    audience: [plan.storeCode, kiosk.storeCode],
    change: {
      kind: 'plan.status',
      planNumber: plan.planNumber,
      status: 'redeemed',
      storeCode: plan.storeCode,
      closedBy: { storeCode: kiosk.storeCode, kioskCode: kiosk.kioskCode, onDate: r.onDate },
    },
  })
}
