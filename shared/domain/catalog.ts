import { z } from 'zod'
import { isLocalDate } from './calendar'
import { validateGstin } from './id-documents'
import { MAX_MONEY_PAISE } from './money'
import { validateEmail, validateHelplineNumber } from './validators'
import { TradeInSectionSchema } from './trade-in'
import { SacCodeSchema } from './vocabulary'

/**
 * The catalog head office publishes (docs/program-rules.md#configurable-through-the-catalog):
 * everything the rules treat as data. Kiosks install versions of it; plans freeze the SRP and fee
 * in force at enrollment.
 */

const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(isLocalDate, 'not a calendar date')
const paise = z.number().int().nonnegative().max(MAX_MONEY_PAISE)
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lowercase letters, digits and dashes')

/** Text in the two languages of the kiosk. */
export const LocalizedTextSchema = z.object({ en: z.string().min(1), hi: z.string().min(1) })

export const ValueBandSchema = z.object({
  fromMonth: z.number().int().min(1),
  toMonth: z.number().int().min(1),
  percent: z.number().int().min(0).max(100),
})

export const VariantSchema = z.object({
  id: slug,
  /** e.g. "4 GB + 64 GB" */
  name: z.string().min(1),
  srpPaise: paise,
  active: z.boolean().default(true),
})

export const ModelSchema = z.object({
  id: slug,
  name: z.string().min(1),
  feePaise: paise,
  /** The plan fee's SAC for this model, when it differs from the catalog's. */
  sacCode: SacCodeSchema.optional(),
  dualSim: z.boolean().default(true),
  active: z.boolean(),
  variants: z.array(VariantSchema).min(1),
})

/** Where a phone may be bought; only `offline` program stores make a phone eligible. */
export const StoreKindSchema = z.enum(['mi-home', 'mi-studio', 'preferred-partner', 'online'])

export const StoreSchema = z.object({
  code: z.string().regex(/^[A-Z0-9]{2,8}$/, 'store code: 2-8 capitals/digits'),
  name: z.string().min(1),
  kind: StoreKindSchema,
  address: z.string().min(1),
  /** GST state code, two digits, e.g. "29" for Karnataka. */
  stateCode: z.string().regex(/^\d{2}$/),
  gstin: z.string().length(15).nullable(),
  /** The legal name registered under the GSTIN, printed on tax documents (Rule 46(a)). */
  legalName: z.string().min(1).max(200).optional(),
  active: z.boolean(),
})

export const ChecklistItemSchema = z.object({
  id: slug,
  group: z.enum(['identity', 'power', 'display', 'body', 'parts', 'functions', 'locks']),
  label: LocalizedTextSchema,
  required: z.boolean(),
  /** The technician is asked for a photo of this item. */
  photo: z.boolean().default(false),
})

/**
 * The DPDP notice's configuration (issue 18, docs/privacy.md): the version of the notice the
 * customer reads — stored with every plan's consent — and the grievance officer the notice and the
 * plan certificate name. Head office publishes it; a new notice text or a new officer is a new
 * consent version.
 */
export const PrivacySchema = z.object({
  consentVersion: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{0,31}$/, 'consent version: lowercase letters, digits, . and -'),
  grievanceOfficer: z.object({
    name: z.string().min(1).max(80),
    email: z.string().refine((v) => validateEmail(v).ok, 'a valid e-mail address'),
    phone: z.string().refine((v) => {
      const phone = validateHelplineNumber(v)
      return phone.ok && phone.value === v
    }, 'a mobile or toll-free number, digits only'),
  }),
})

export const CatalogSchema = z
  .object({
    version: z.string().regex(/^\d{4}\.\d{2}\.\d+$/, 'version like 2026.11.1'),
    effectiveFrom: localDate,
    brand: z.string().min(1),
    // GST slabs since Sept 2025 are 5, 18 and 40 (28 before); phones are 18.
    gstRatePercent: z.number().int().min(0).max(40),
    /** The plan fee's SAC, printed on every tax invoice (docs/tax-documents.md#the-plan-fees-sac). */
    sacCode: SacCodeSchema,
    schedule: z.array(ValueBandSchema).min(1),
    enrollmentWindowDays: z.number().int().min(0).max(90),
    cancellationWindowDays: z.number().int().min(0).max(90),
    /** Days after a plan closes before its KYC details are anonymised. */
    kycRetentionDays: z.number().int().min(0),
    /** Highest assured value a kiosk may credit for a plan it only knows offline (0 = no limit). */
    offlineRedemptionLimitPaise: paise,
    models: z.array(ModelSchema).min(1),
    stores: z.array(StoreSchema).min(1),
    checklist: z.array(ChecklistItemSchema).min(1),
    /**
     * The DPDP notice (issue 18). Optional only so that versions published before it still load
     * on kiosks; head office publishes no new version without it, and a kiosk enrolls nobody
     * while the catalogs it holds have none (CONSENT_VERSION_UNKNOWN).
     */
    privacy: PrivacySchema.optional(),
    /**
     * Trade-in of phones without a usable plan (issue 22): grades, the checklist failures that set
     * them, and the offline price grid. Absent: the kiosk offers no trade-in offline.
     */
    tradeIn: TradeInSectionSchema.optional(),
  })
  .superRefine((c, ctx) => {
    const unique = (ids: string[], path: string) => {
      const seen = new Set<string>()
      for (const id of ids) {
        if (seen.has(id))
          ctx.addIssue({ code: 'custom', path: [path], message: `duplicate id ${id}` })
        seen.add(id)
      }
    }
    unique(
      c.models.map((m) => m.id),
      'models',
    )
    unique(
      c.models.flatMap((m) => m.variants.map((v) => v.id)),
      'models',
    )
    unique(
      c.stores.map((s) => s.code),
      'stores',
    )
    unique(
      c.checklist.map((i) => i.id),
      'checklist',
    )
    // A store's GSTIN is printed on tax invoices (docs/program-rules.md#gst-on-the-plan-fee): it
    // must be a real one, registered in the store's state, and every offline store that sells plans
    // needs one.
    c.stores.forEach((store, i) => {
      const gstinIssue = (message: string) =>
        ctx.addIssue({ code: 'custom', path: ['stores', i, 'gstin'], message })
      if (store.gstin === null) {
        if (store.kind !== 'online') gstinIssue('an offline store needs a GSTIN')
        return
      }
      if (!store.legalName) {
        ctx.addIssue({
          code: 'custom',
          path: ['stores', i, 'legalName'],
          message: 'a store with a GSTIN needs its legal name as registered',
        })
      }
      const gstin = validateGstin(store.gstin)
      if (!gstin.ok) gstinIssue(gstin.message)
      else if (gstin.value !== store.gstin) gstinIssue('GSTIN must be in capitals without spaces')
      else if (!store.gstin.startsWith(store.stateCode)) gstinIssue('GSTIN is of another state')
    })
    const bands = [...c.schedule].sort((a, b) => a.fromMonth - b.fromMonth)
    bands.forEach((b, i) => {
      if (b.toMonth < b.fromMonth)
        ctx.addIssue({
          code: 'custom',
          path: ['schedule', i],
          message: 'band ends before it starts',
        })
      const prev = bands[i - 1]
      if (prev && b.fromMonth !== prev.toMonth + 1)
        ctx.addIssue({ code: 'custom', path: ['schedule', i], message: 'bands must be contiguous' })
      if (prev && b.percent > prev.percent)
        ctx.addIssue({
          code: 'custom',
          path: ['schedule', i],
          message: 'value may not rise with age',
        })
    })
  })

export type LocalizedText = z.infer<typeof LocalizedTextSchema>
export type ValueBand = z.infer<typeof ValueBandSchema>
export type Variant = z.infer<typeof VariantSchema>
export type Model = z.infer<typeof ModelSchema>
export type StoreKind = z.infer<typeof StoreKindSchema>
export type Store = z.infer<typeof StoreSchema>
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>
export type Catalog = z.infer<typeof CatalogSchema>
export type Privacy = z.infer<typeof PrivacySchema>

/** Finds a variant and its model by variant id. */
export function findVariant(
  catalog: Catalog,
  variantId: string,
): { model: Model; variant: Variant } | null {
  for (const model of catalog.models) {
    const variant = model.variants.find((v) => v.id === variantId)
    if (variant) return { model, variant }
  }
  return null
}

/** The SAC of a model's plan fee: the model's own, else the catalog's. */
export function feeSacCode(
  catalog: { sacCode: string; models: ReadonlyArray<{ id: string; sacCode?: string | undefined }> },
  modelId: string,
): string {
  return catalog.models.find((m) => m.id === modelId)?.sacCode ?? catalog.sacCode
}
