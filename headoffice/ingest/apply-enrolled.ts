import {
  enrollmentFigures,
  feePlaceOfSupply,
  gstSplit,
  isRefusal,
  validateRecipientGstin,
} from '../../shared/domain'
import type { Catalog } from '../../shared/domain/catalog'
import { feeSacCode } from '../../shared/domain/catalog'
import { planKey } from '../../shared/domain/plan-number'
import type { OutboxEventOf } from '../../shared/sync/events'
import { letterheadOf, planEnrolledMessages } from '../notifications/compose'
import type { BatchState } from './batch-state'
import { recordDuplicateImei } from './conflicts'
import { applied, rejected, type KioskRef, type Outcome } from './outcome'
import type { PlanRow } from '../db/repos/plan-row'

type EnrolledEvent = OutboxEventOf<'plan.enrolled'>

/**
 * plan.enrolled: adds the plan to the registry with its frozen SRP, fee and schedule — head
 * office's own, from the catalog version the kiosk names, never the kiosk's figures
 * (docs/program-rules.md#head-office-re-derives-every-figure). A second active plan for an IMEI
 * is registered (the sale happened) and recorded as a duplicate-IMEI conflict for both stores.
 */
export function applyEnrolled(state: BatchState, kiosk: KioskRef, event: EnrolledEvent): Outcome {
  const p = event.payload
  if (state.plans.has(p.planNumber)) {
    return rejected('PLAN_EXISTS', `Plan ${p.planNumber} is already registered.`)
  }
  // Plans are found by key (planKey), so two numbers with one key would be one plan.
  const sameKey = state.planNumberOfKey(planKey(p.planNumber))
  if (sameKey) {
    return rejected('PLAN_EXISTS', `Plan ${p.planNumber} is already registered as ${sameKey}.`)
  }
  const refusal = figuresRefusal(state, kiosk, p)
  if (refusal) return refusal
  const holder = p.imeis.map((imei) => state.activePlanWithImei(imei)).find((x) => x)
  const plan = enrolledPlan(state, kiosk, event)
  state.addPlan(plan)
  const letterhead = letterheadOf(state.catalogs.get(plan.catalogVersion), plan.storeCode)
  state.notifications.push(...planEnrolledMessages(plan, letterhead, state.now))
  state.changes.push({
    audience: [kiosk.storeCode],
    change: {
      kind: 'plan.status',
      planNumber: plan.planNumber,
      status: 'active',
      storeCode: plan.storeCode,
      closedBy: null,
    },
  })
  if (holder) recordDuplicateImei(state, kiosk, event, holder)
  return applied
}

/**
 * Why head office refuses the kiosk's figures, or null when they are its own: the catalog
 * version must be published and in force by the enrollment's date, the model and variant in it, the SRP and fee the catalog's, the fee
 * paid in full and its GST split the one shared/domain computes.
 */
function figuresRefusal(
  state: BatchState,
  kiosk: KioskRef,
  p: EnrolledEvent['payload'],
): Outcome | null {
  const catalog = state.catalogs.get(p.catalogVersion)
  if (!catalog) {
    return rejected(
      'CATALOG_VERSION_UNKNOWN',
      `Catalog version ${p.catalogVersion} was never published by head office.`,
    )
  }
  // A version published for a later date sells nothing before that date
  // (docs/program-rules.md#configurable-through-the-catalog).
  if (catalog.effectiveFrom > p.enrolledOn) {
    return rejected(
      'CATALOG_NOT_YET_IN_FORCE',
      `Catalog ${catalog.version} is in force from ${catalog.effectiveFrom}, ` +
        `after the enrollment on ${p.enrolledOn}.`,
    )
  }
  const figures = enrollmentFigures(catalog, p.modelId, p.variantId)
  if (isRefusal(figures)) return rejected(figures.code, figures.message)
  if (p.srpPaise !== figures.srpPaise) {
    return rejected(
      'SRP_MISMATCH',
      `SRP ${p.srpPaise} differs from ${figures.srpPaise}, the SRP of ${p.variantId} in catalog ${catalog.version}.`,
    )
  }
  const supply = feeSupply(catalog, kiosk, p)
  if ('refusal' in supply) return supply.refusal
  const gst = gstSplit(figures.feePaise, catalog.gstRatePercent, supply.intraState)
  if (
    p.feePaise !== figures.feePaise ||
    p.payment.amountPaise !== figures.feePaise ||
    p.gst.totalPaise !== gst.totalPaise ||
    p.gst.taxablePaise !== gst.taxablePaise ||
    p.gst.taxPaise !== gst.taxPaise
  ) {
    return rejected(
      'FEE_MISMATCH',
      `Fee ${p.feePaise} (paid ${p.payment.amountPaise}, taxable ${p.gst.taxablePaise}) differs ` +
        `from ${figures.feePaise} (taxable ${gst.taxablePaise}), the fee of ${p.modelId} in ` +
        `catalog ${catalog.version}.`,
    )
  }
  if (
    p.gst.intraState !== supply.intraState ||
    p.gst.cgstPaise !== gst.cgstPaise ||
    p.gst.sgstPaise !== gst.sgstPaise ||
    p.gst.igstPaise !== gst.igstPaise
  ) {
    return rejected(
      'GST_SPLIT_MISMATCH',
      `The fee was invoiced as ${p.gst.intraState ? 'CGST + SGST' : 'IGST'} (CGST ${p.gst.cgstPaise}, ` +
        `SGST ${p.gst.sgstPaise}, IGST ${p.gst.igstPaise}); supplied in state ${supply.stateCode} ` +
        `from store ${kiosk.storeCode} it is ${supply.intraState ? 'CGST + SGST' : 'IGST'} ` +
        `(CGST ${gst.cgstPaise}, SGST ${gst.sgstPaise}, IGST ${gst.igstPaise}).`,
    )
  }
  const sacCode = feeSacCode(catalog, p.modelId)
  if (p.gst.sacCode !== undefined && p.gst.sacCode !== sacCode) {
    return rejected(
      'FEE_MISMATCH',
      `The fee was invoiced under SAC ${p.gst.sacCode}; catalog ${catalog.version} gives ${sacCode}.`,
    )
  }
  return null
}

/**
 * The fee's place of supply as head office derives it, never the kiosk's word
 * (docs/tax-documents.md#b2b-tax-invoice). A consumer's fee is supplied where the store is: always
 * intra-state (its state is recorded when the catalog knows the store). A registered recipient's
 * is supplied in the state of its GSTIN — checked again, check character and all — which is
 * compared with the store's state in the catalog the kiosk names.
 */
function feeSupply(
  catalog: Catalog,
  kiosk: KioskRef,
  p: EnrolledEvent['payload'],
): { stateCode: string | null; intraState: boolean } | { refusal: Outcome } {
  const store = catalog.stores.find((s) => s.code === kiosk.storeCode)
  if (!p.recipient) return { stateCode: store?.stateCode ?? null, intraState: true }
  if (!store) {
    const message = `Store ${kiosk.storeCode} is not in catalog ${catalog.version}: its state, and so the supply's, is unknown.`
    return { refusal: rejected('STORE_NOT_FOUND', message) }
  }
  const gstin = validateRecipientGstin(p.recipient.gstin)
  if (!gstin.ok) {
    const message = `Recipient GSTIN ${p.recipient.gstin}: ${gstin.message}`
    return { refusal: rejected('GSTIN_INVALID', message) }
  }
  return feePlaceOfSupply(store.stateCode, gstin.value)
}

/** The place of supply of an accepted plan's fee (figuresRefusal found it). */
function supplyOf(catalog: Catalog, kiosk: KioskRef, p: EnrolledEvent['payload']): string | null {
  const supply = feeSupply(catalog, kiosk, p)
  return 'refusal' in supply ? null : supply.stateCode
}

/** The registry's row of a new plan, its names and schedule from the catalog version. */
function enrolledPlan(state: BatchState, kiosk: KioskRef, event: EnrolledEvent): PlanRow {
  const p = event.payload
  const catalog = state.catalogs.get(p.catalogVersion)!
  return {
    planNumber: p.planNumber,
    status: 'active',
    storeCode: kiosk.storeCode,
    kioskCode: kiosk.kioskCode,
    imeis: p.imeis,
    modelId: p.modelId,
    modelName: p.modelName,
    variantId: p.variantId,
    variantName: p.variantName,
    srpPaise: p.srpPaise,
    feePaise: p.feePaise,
    sacCode: feeSacCode(catalog, p.modelId),
    recipientGstin: p.recipient?.gstin ?? null,
    recipientName: p.recipient?.legalName ?? null,
    recipientAddress: p.recipient?.address ?? null,
    placeOfSupply: supplyOf(catalog, kiosk, p),
    publicId: p.planId ?? null,
    catalogVersion: p.catalogVersion,
    schedule: state.scheduleFor(p.catalogVersion),
    purchaseDate: p.purchaseDate,
    enrolledOn: p.enrolledOn,
    businessDate: event.businessDate,
    customerName: p.customer.name,
    mobile: p.customer.mobile,
    email: p.customer.email,
    idType: p.customer.idType,
    idMasked: p.customer.idMasked,
    idLast4: p.customer.idLast4,
    notify: p.consent.notifications,
    enrolledEventId: event.id,
    closedStore: null,
    closedKiosk: null,
    closedOn: null,
    closedEventId: null,
    closedRef: null,
    reservationId: null,
    reservedBy: null,
    reservedUntil: null,
    updatedAt: state.now,
  }
}
