import { z } from 'zod'
import { ERROR_CODES } from './errors'
import { LocalDateSchema } from './vocabulary'

/**
 * A conflict between two kiosks over one plan (docs/program-rules.md#double-redemption-across-stores):
 * head office detects it and sends it down the sync protocol; the kiosk's managers see it through the
 * contract. Both wire formats take its shape from here.
 */

const planNumber = z.string().min(8).max(40)

export const ConflictKindSchema = z.enum([
  /** The plan was redeemed at two kiosks; the first one applied is credited. */
  'double-redemption',
  /** A redemption arrived for a plan already cancelled. */
  'redeemed-after-cancel',
  /** A cancellation arrived for a plan already redeemed. */
  'cancelled-after-redeem',
  /**
   * Head office refused the loser's event (`loser.reason` says why): nothing of it was applied.
   * The winner is what head office holds instead — the plan as registered, or the loser itself
   * when head office has no plan of that number (docs/program-rules.md#refused-events).
   */
  'event-rejected',
  /**
   * A second active plan for an IMEI: the loser's enrollment was registered (the sale happened
   * offline) and both stores must settle which plan stands
   * (docs/program-rules.md#imei-and-one-active-plan-per-imei).
   */
  'duplicate-imei',
])

/** Why head office refused an event: a stable code (translated on the kiosk) and its message. */
export const ConflictReasonSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string().max(500),
})

const conflictParty = z.object({
  storeCode: z.string(),
  kioskCode: z.string(),
  eventId: z.uuid(),
  /** The redemption or cancellation id carried by the event. */
  referenceId: z.string(),
  onDate: LocalDateSchema,
  /** Set on the loser of an `event-rejected` or `duplicate-imei` conflict (added in issue 17). */
  reason: ConflictReasonSchema.optional(),
})

/** A conflict head office detected; shown to the managers of every store involved. */
export const ConflictSchema = z.object({
  conflictId: z.uuid(),
  planNumber,
  kind: ConflictKindSchema,
  /** What head office kept (applied first). */
  winner: conflictParty,
  /** What was recorded but not given effect. */
  loser: conflictParty,
  detectedAt: z.iso.datetime(),
  status: z.enum(['open', 'resolved']),
  resolution: z.string().nullable(),
})

export type ConflictKind = z.infer<typeof ConflictKindSchema>
export type Conflict = z.infer<typeof ConflictSchema>
export type ConflictReason = z.infer<typeof ConflictReasonSchema>
