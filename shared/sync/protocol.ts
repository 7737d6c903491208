import { z } from 'zod'
import { PaiseSchema } from '../domain/vocabulary'
import { CatalogSchema, ValueBandSchema } from '../domain/catalog'
import { QuoteSchema } from '../domain/vocabulary'
import { ConflictSchema } from '../domain/conflict'
import { ERROR_CODES } from '../domain/errors'
import { StoredPlanStatusSchema } from '../domain/vocabulary'
import { PRIVACY_REQUEST_KINDS, PRIVACY_REQUEST_STATUSES } from '../domain/retention-policy'

// A conflict's shape is the program's vocabulary (shared/domain) and part of this wire format all
// the same: additive changes only.
export { ConflictKindSchema, ConflictSchema } from '../domain/conflict'
export type { Conflict, ConflictKind } from '../domain/conflict'

/**
 * The kiosk ↔ head office HTTP protocol (push, pull, plan lookup, reservation). Like
 * `events.ts`, a wire format between independently deployed programs: additive changes only.
 * Every response is the uniform envelope `{ ok: true, data }` or `{ ok: false, error }`.
 */

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
/** Bounded by MAX_MONEY_PAISE (shared/domain/money.ts), like every money field. */
const paise = PaiseSchema
const planNumber = z.string().min(8).max(40)
const imei = z.string().regex(/^\d{15}$/, '15 digits')

/** Most events one push may carry; the client sends bounded batches of at most this. */
export const PUSH_MAX_EVENTS = 500
/** Largest request body head office accepts (500 enrollment events are ~0.8 MB). */
export const PUSH_MAX_BYTES = 2 * 1024 * 1024
/** Most changes one pull returns. */
export const PULL_MAX_CHANGES = 1000

export const ErrorBodySchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
})

/** `{ ok: true, data }` | `{ ok: false, error: { code, message } }` for a data schema. */
export function envelopeOf<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: ErrorBodySchema }),
  ])
}

// ---------- push ----------

/**
 * The push body. Events are checked only for an id and a seq here; head office validates each
 * against `OutboxEventSchema` on its own so one malformed event is rejected alone instead of
 * failing (and forever blocking) the whole batch.
 */
export const PushRequestSchema = z.object({
  events: z
    .array(z.looseObject({ id: z.uuid(), seq: z.number().int().min(1) }))
    .min(1)
    .max(PUSH_MAX_EVENTS),
})

const resultBase = { id: z.uuid(), seq: z.number().int() }

/** Head office's answer for one pushed event. */
export const PushEventResultSchema = z.discriminatedUnion('status', [
  z.object({ ...resultBase, status: z.literal('applied') }),
  /** Seen before (same id): nothing was done again; `original` is what happened the first time. */
  z.object({
    ...resultBase,
    status: z.literal('duplicate'),
    original: z.enum(['applied', 'rejected', 'conflict']),
  }),
  /** Permanently refused (the kiosk keeps it for a manager; resending will not help). */
  z.object({
    ...resultBase,
    status: z.literal('rejected'),
    reason: z.enum(ERROR_CODES),
    message: z.string(),
  }),
  /** Recorded, but not given effect: see the conflict. */
  z.object({ ...resultBase, status: z.literal('conflict'), conflict: ConflictSchema }),
  /**
   * Not applied because an earlier seq of this kiosk is missing (events apply in kiosk order):
   * resend from `expectedSeq`. Not final; the event stays pending.
   */
  z.object({
    ...resultBase,
    status: z.literal('deferred'),
    expectedSeq: z.number().int(),
  }),
])

export const PushResponseDataSchema = z.object({
  results: z.array(PushEventResultSchema),
  /** Highest seq of this kiosk head office holds with no gap below it. */
  lastSeq: z.number().int().nonnegative(),
})
export const PushResponseSchema = envelopeOf(PushResponseDataSchema)

// ---------- pull ----------

export const PullQuerySchema = z.object({
  since: z.coerce.number().int().nonnegative(),
  limit: z.coerce.number().int().min(1).max(PULL_MAX_CHANGES).default(PULL_MAX_CHANGES),
  /**
   * The newest key version this kiosk holds (docs/fleet.md#keys-head-office-hands-kiosks): head
   * office adds the newer ones to the answer. Absent: the kiosk takes no keys.
   */
  keys: z.coerce.number().int().nonnegative().optional(),
})

/**
 * A key head office hands a kiosk, sealed under that kiosk's secret: AES-256-GCM with a key
 * derived by HKDF-SHA256 (docs/fleet.md#keys-head-office-hands-kiosks). `sealed` is
 * `<iv>.<tag>.<ciphertext>` in base64url. Versions are global and only grow.
 */
export const SealedKeySchema = z.object({
  name: z.string().regex(/^[a-z0-9.-]{1,40}$/),
  version: z.number().int().min(1),
  sealed: z.string().max(400),
})

export const StaffRoleSchema = z.enum(['clerk', 'technician', 'manager'])

export const StaffRecordSchema = z.object({
  staffCode: z.string().min(1).max(32),
  name: z.string().min(1).max(120),
  role: StaffRoleSchema,
  /** The PIN hash as the kiosk verifies it (scrypt/PBKDF2 string); never the PIN. */
  pinHash: z.string().min(1).max(512),
  active: z.boolean(),
})

// ---------- data-principal requests ----------

/** A data principal's request as head office tracks it (no personal data: plan numbers only). */
export const PrivacyRequestStateSchema = z.object({
  requestId: z.uuid(),
  kind: z.enum(PRIVACY_REQUEST_KINDS),
  status: z.enum(PRIVACY_REQUEST_STATUSES),
  source: z.enum(['kiosk', 'headoffice']),
  receivedOn: localDate,
  dueOn: localDate,
  completedOn: localDate.nullable(),
  /** Why it was refused, or what was done (a short note, never the person's details). */
  outcome: z.string().max(500).nullable(),
  /** The plans of the person the request concerns (for an erasure: whose customer to erase). */
  planNumbers: z.array(planNumber).min(1).max(100),
})
export type PrivacyRequestState = z.infer<typeof PrivacyRequestStateSchema>

const change = { seq: z.number().int().min(1) }

/** One entry of the change feed, ordered by head office's sequence. */
export const ChangeSchema = z.discriminatedUnion('kind', [
  z.object({ ...change, kind: z.literal('catalog'), version: z.string(), catalog: CatalogSchema }),
  z.object({
    ...change,
    kind: z.literal('store'),
    store: z.object({ code: z.string(), name: z.string(), active: z.boolean() }),
  }),
  z.object({
    ...change,
    kind: z.literal('staff'),
    storeCode: z.string(),
    staff: StaffRecordSchema,
  }),
  z.object({
    ...change,
    kind: z.literal('plan.status'),
    planNumber,
    status: StoredPlanStatusSchema,
    storeCode: z.string(),
    /** Where and when it was redeemed or cancelled; null while active. */
    closedBy: z
      .object({ storeCode: z.string(), kioskCode: z.string(), onDate: localDate })
      .nullable(),
  }),
  z.object({ ...change, kind: z.literal('conflict'), conflict: ConflictSchema }),
  /**
   * A data principal's request as head office tracks it (issue 18), to the stores holding the
   * person's plans: its status and due date for the manager's screen and, once an erasure is
   * decided, the plans whose customer every kiosk holding them anonymises. No personal data.
   */
  z.object({ ...change, kind: z.literal('privacy.request'), request: PrivacyRequestStateSchema }),
])

export const PullResponseDataSchema = z.object({
  changes: z.array(ChangeSchema),
  /** Pass as `since` next time (the highest seq returned, or `since` when none). */
  nextSince: z.number().int().nonnegative(),
  hasMore: z.boolean(),
  /** Head office asks this kiosk to send its logs (docs/fleet.md#logs); absent from older ones. */
  logsRequested: z.boolean().optional(),
  /** Keys newer than the query's `keys` version, sealed under the kiosk secret. */
  keys: z.array(SealedKeySchema).optional(),
})
export const PullResponseSchema = envelopeOf(PullResponseDataSchema)

// ---------- plan lookup and reservation ----------

export const PlanLookupQuerySchema = z.object({
  /** The kiosk's business date, for the quote. */
  onDate: localDate.optional(),
})

/** A plan as head office's registry knows it (for a kiosk redeeming a plan from another store). */
export const PlanSummarySchema = z.object({
  planNumber,
  status: StoredPlanStatusSchema,
  storeCode: z.string(),
  kioskCode: z.string(),
  imeis: z.array(z.string()),
  modelId: z.string(),
  modelName: z.string(),
  variantId: z.string(),
  variantName: z.string(),
  /** Frozen at enrollment. */
  srpPaise: paise,
  feePaise: paise,
  catalogVersion: z.string(),
  /** The value schedule frozen with the plan. */
  schedule: z.array(ValueBandSchema),
  purchaseDate: localDate,
  enrolledOn: localDate,
  customer: z.object({
    name: z.string(),
    mobileLast4: z.string(),
    idType: z.string(),
    idMasked: z.string(),
    idLast4: z.string(),
  }),
  /** Quote on `onDate` when it was given. */
  quote: QuoteSchema.nullable(),
  reservation: z.object({ kioskId: z.string(), expiresAt: z.iso.datetime() }).nullable(),
  closedBy: z
    .object({ storeCode: z.string(), kioskCode: z.string(), onDate: localDate })
    .nullable(),
})
export const PlanLookupResponseSchema = envelopeOf(PlanSummarySchema)

export const ReserveRequestSchema = z.object({
  /** How long the plan is held for this kiosk (default 15 minutes). */
  ttlSeconds: z.number().int().min(30).max(3600).default(900),
  onDate: localDate,
})

export const ReserveResponseDataSchema = z.object({
  reservationId: z.uuid(),
  expiresAt: z.iso.datetime(),
  plan: PlanSummarySchema,
})
export const ReserveResponseSchema = envelopeOf(ReserveResponseDataSchema)

export const ReleaseRequestSchema = z.object({ reservationId: z.uuid() })

/**
 * POST /imeis/check (issue 17): before an enrollment (or a redemption) takes money, an online
 * kiosk asks whether the phone's IMEIs are on a live plan anywhere and whether the lost/stolen
 * register lists them. The answer says only what the kiosk needs: yes/no and the store code.
 */
export const ImeiCheckRequestSchema = z.object({
  imeis: z.array(imei).min(1).max(2),
  purpose: z.enum(['enrollment', 'redemption']),
})

export const ImeiCheckDataSchema = z.object({
  imeis: z.array(
    z.object({
      imei,
      /** On an active plan registered at head office (any store). */
      enrolled: z.boolean(),
      /** That plan's store, when enrolled. */
      storeCode: z.string().max(8).nullable(),
      /** Listed as lost or stolen by the register. */
      listed: z.boolean(),
    }),
  ),
  /**
   * What the lost/stolen register said: `checked` (answered for every IMEI), `unavailable`
   * (unreachable, slow or garbled: the sale goes on, the flag is recorded), `not-configured`.
   */
  register: z.enum(['checked', 'unavailable', 'not-configured']),
})
export const ImeiCheckResponseSchema = envelopeOf(ImeiCheckDataSchema)

/** POST /plans/:planNumber/otp: head office texts the plan's mobile a one-time code. */
export const OtpSendDataSchema = z.object({
  otpId: z.uuid(),
  /** Epoch ms. */
  expiresAt: z.number().int(),
  /** The last four digits of the mobile it went to, for the clerk to say. */
  mobileLast4: z.string().regex(/^[0-9]{4}$/),
})
export const OtpSendResponseSchema = envelopeOf(OtpSendDataSchema)

/** POST /plans/:planNumber/otp/verify: the code the customer read out. */
export const OtpVerifyRequestSchema = z.object({
  otpId: z.uuid(),
  code: z.string().regex(/^[0-9]{6}$/),
})
export const OtpVerifyResponseSchema = envelopeOf(z.object({ verified: z.literal(true) }))

export type PushRequest = z.infer<typeof PushRequestSchema>
export type PushEventResult = z.infer<typeof PushEventResultSchema>
export type PushResponseData = z.infer<typeof PushResponseDataSchema>
export type PullQuery = z.infer<typeof PullQuerySchema>
export type SealedKey = z.infer<typeof SealedKeySchema>
export type StaffRecord = z.infer<typeof StaffRecordSchema>
export type Change = z.infer<typeof ChangeSchema>
export type PullResponseData = z.infer<typeof PullResponseDataSchema>
export type PlanSummary = z.infer<typeof PlanSummarySchema>
export type ReserveRequest = z.input<typeof ReserveRequestSchema>
export type ImeiCheckRequest = z.infer<typeof ImeiCheckRequestSchema>
export type ImeiCheckData = z.infer<typeof ImeiCheckDataSchema>
export type OtpSendData = z.infer<typeof OtpSendDataSchema>
export type OtpVerifyRequest = z.infer<typeof OtpVerifyRequestSchema>
export type ReserveResponseData = z.infer<typeof ReserveResponseDataSchema>
