import { z } from 'zod'
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
])

const conflictParty = z.object({
  storeCode: z.string(),
  kioskCode: z.string(),
  eventId: z.uuid(),
  /** The redemption or cancellation id carried by the event. */
  referenceId: z.string(),
  onDate: LocalDateSchema,
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
