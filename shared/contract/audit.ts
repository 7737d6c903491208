import { z } from 'zod'
import { channel } from './channel'
import { EmptySchema, LocalDateSchema } from './common'

export const AuditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  businessDate: LocalDateSchema,
  staffCode: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
})

export const AuditListRequestSchema = z.object({
  /** Entries before this seq (newest first); omitted: from the newest. */
  beforeSeq: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
  businessDate: LocalDateSchema.optional(),
  action: z.string().max(64).optional(),
})

export const AuditVerifyResponseSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  /** The first entry whose hash or link to its predecessor does not hold. */
  firstBrokenSeq: z.number().int().nullable(),
  /** Why, as a code the screen translates: an entry missing, a broken link, an edited entry. */
  reasonCode: z.enum(['ENTRY_MISSING', 'LINK_BROKEN', 'ENTRY_EDITED']).nullable(),
  /** The same in English, for logs. */
  reason: z.string().nullable(),
})

export type AuditEntry = z.infer<typeof AuditEntrySchema>
export type AuditListRequest = z.infer<typeof AuditListRequestSchema>
export type AuditVerifyResponse = z.infer<typeof AuditVerifyResponseSchema>

export const auditChannels = {
  'audit.list': channel(
    AuditListRequestSchema,
    z.object({ entries: z.array(AuditEntrySchema), nextBeforeSeq: z.number().int().nullable() }),
    ['manager'],
  ),
  /** Walks the hash chain from the first entry. */
  'audit.verify': channel(EmptySchema, AuditVerifyResponseSchema, ['manager']),
}
