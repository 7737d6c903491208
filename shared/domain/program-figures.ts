import { daysBetween } from './calendar'
import type { Catalog } from './catalog'
import type { ErrorCode } from './errors'

/**
 * The figures of a plan's life that follow from the catalog and the plan alone: the SRP and fee
 * of an enrollment, the refund of a cancellation, the dearest price a new phone may have, and the
 * inspection a redemption must rest on. The kiosk computes them with these functions and head
 * office re-derives them with the same ones, trusting no kiosk's figures
 * (docs/program-rules.md#head-office-re-derives-every-figure).
 */

/** A rule that does not hold: a stable code and a message for the log and the conflict desk. */
export interface FigureRefusal {
  code: ErrorCode
  message: string
}

/** What an enrollment of a variant costs under a catalog version. */
export interface EnrollmentFigures {
  modelName: string
  variantName: string
  /** The variant's SRP, frozen on the plan (docs/program-rules.md#srp-frozen-at-enrollment). */
  srpPaise: number
  /** The model's plan fee, GST-inclusive (docs/program-rules.md#plan-fee). */
  feePaise: number
}

/**
 * The SRP and fee of a model's variant in a catalog, or why there are none: the variant is not in
 * it, or belongs to another model.
 */
export function enrollmentFigures(
  catalog: Catalog,
  modelId: string,
  variantId: string,
): EnrollmentFigures | FigureRefusal {
  const model = catalog.models.find((m) => m.id === modelId)
  if (!model) {
    return {
      code: 'MODEL_NOT_FOUND',
      message: `Model ${modelId} is not in catalog ${catalog.version}.`,
    }
  }
  const variant = model.variants.find((v) => v.id === variantId)
  if (!variant) {
    return {
      code: 'VARIANT_NOT_FOUND',
      message: `Variant ${variantId} is not a variant of ${modelId} in catalog ${catalog.version}.`,
    }
  }
  return {
    modelName: model.name,
    variantName: variant.name,
    srpPaise: variant.srpPaise,
    feePaise: model.feePaise,
  }
}

/** True when {@link enrollmentFigures} (or another rule here) refused. */
export function isRefusal(value: object): value is FigureRefusal {
  return 'code' in value
}

/** The cooling-off window when a plan's catalog version is not known (the catalog's default). */
export const DEFAULT_CANCELLATION_WINDOW_DAYS = 7

/**
 * The refund of a cancellation (docs/program-rules.md#cancellation-and-refunds): the fee as
 * invoiced when cancelled within `windowDays` of the enrollment (inclusive; the plan's catalog
 * version's `cancellationWindowDays`), nothing after.
 */
export function cancellationRefund(input: {
  feePaise: number
  enrolledOn: string
  cancelledOn: string
  windowDays: number
}): { withinWindow: boolean; refundPaise: number } {
  const withinWindow = daysBetween(input.enrolledOn, input.cancelledOn) <= input.windowDays
  return { withinWindow, refundPaise: withinWindow ? input.feePaise : 0 }
}

/**
 * The dearest price a new phone may be credited against (docs/program-rules.md#the-new-phone):
 * the SRP of the catalog variant when one is named, else the dearest SRP of the model's variants.
 * A phone that is not a model of the catalog (by its id, never by its name) is refused.
 */
export function newPhonePriceLimit(
  catalog: Catalog,
  modelId: string | undefined,
  variantId?: string,
): { modelId: string; modelName: string; maxPricePaise: number } | FigureRefusal {
  const model =
    modelId !== undefined
      ? catalog.models.find((m) => m.id === modelId)
      : catalog.models.find((m) => m.variants.some((v) => v.id === variantId))
  if (!model || (modelId === undefined && variantId === undefined)) {
    return {
      code: 'NEW_DEVICE_NOT_IN_CATALOG',
      message: `The new phone (${modelId ?? variantId ?? 'no catalog id'}) is not a model of catalog ${catalog.version}.`,
    }
  }
  const variants =
    variantId === undefined ? model.variants : model.variants.filter((v) => v.id === variantId)
  if (variants.length === 0) {
    return {
      code: 'NEW_DEVICE_NOT_IN_CATALOG',
      message: `Variant ${variantId} is not a variant of ${model.id} in catalog ${catalog.version}.`,
    }
  }
  return {
    modelId: model.id,
    modelName: model.name,
    maxPricePaise: Math.max(...variants.map((v) => v.srpPaise)),
  }
}

/** An inspection of a plan's phone as the redemption rule looks at it. */
export interface InspectionOfPhone {
  id: string
  verdict: 'eligible' | 'ineligible' | string
  /** When it was submitted (ISO instant with offset): orders the inspections. */
  submittedAt: string
  /** The business day it was submitted on (store-local `YYYY-MM-DD`). */
  onDate: string
}

/**
 * Why a redemption may not rest on the inspection it names, or null when it may
 * (docs/program-rules.md#inspection): the inspection must be the **latest** of the plan's phone,
 * passed, and submitted on the redemption's business day (Asia/Kolkata) — so no later failed
 * inspection can exist. `inspections` are every known inspection of the plan.
 */
export function redemptionInspectionRefusal(
  inspections: readonly InspectionOfPhone[],
  named: string,
  onDate: string,
): FigureRefusal | null {
  const chosen = inspections.find((i) => i.id === named)
  if (!chosen) {
    return { code: 'INSPECTION_NOT_FOUND', message: `Inspection ${named} of this plan is unknown.` }
  }
  const latest = inspections.reduce((a, b) =>
    Date.parse(b.submittedAt) > Date.parse(a.submittedAt) ? b : a,
  )
  if (latest.id !== chosen.id && Date.parse(latest.submittedAt) > Date.parse(chosen.submittedAt)) {
    return latest.verdict === 'eligible'
      ? {
          code: 'INSPECTION_SUPERSEDED',
          message: `Inspection ${named} is not the latest of this phone (${latest.id} is).`,
        }
      : {
          code: 'INSPECTION_FAILED',
          message: `A later inspection (${latest.id}) of this phone failed.`,
        }
  }
  if (chosen.verdict !== 'eligible') {
    return { code: 'INSPECTION_FAILED', message: `Inspection ${named} did not pass.` }
  }
  if (chosen.onDate !== onDate) {
    return {
      code: 'INSPECTION_STALE',
      message: `Inspection ${named} was done on ${chosen.onDate}, not on the redemption's day ${onDate}.`,
    }
  }
  return null
}
