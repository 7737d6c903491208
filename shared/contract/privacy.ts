import { z } from 'zod'
import { PRIVACY_REQUEST_KINDS, PRIVACY_REQUEST_STATUSES } from '../domain/retention-policy'
import { channel } from './channel'
import { EmptySchema, LocalDateSchema, RequestIdSchema } from './common'

/** A data principal's request as the kiosk shows it (issue 18; no personal data in it). */
export const PrivacyRequestViewSchema = z.object({
  requestId: z.uuid(),
  kind: z.enum(PRIVACY_REQUEST_KINDS),
  planNumber: z.string(),
  status: z.enum(PRIVACY_REQUEST_STATUSES),
  source: z.enum(['kiosk', 'headoffice']),
  raisedOn: LocalDateSchema,
  dueOn: LocalDateSchema,
  completedOn: LocalDateSchema.nullable(),
  outcome: z.string().nullable(),
  /** Head office has received it (its status comes back by sync). */
  synced: z.boolean(),
})

/** What the kiosk holds about the person (the access request's answer, DPDP Act s.11). */
export const AccessSummarySchema = z.object({
  customer: z.object({
    name: z.string(),
    mobile: z.string(),
    email: z.string().nullable(),
    idType: z.string(),
    idMasked: z.string(),
  }),
  consent: z.object({
    version: z.string(),
    at: z.string(),
    serviceMessages: z.boolean(),
    offers: z.boolean(),
    givenBy: z.string().nullable(),
  }),
  plans: z.array(
    z.object({
      planNumber: z.string(),
      status: z.string(),
      modelName: z.string(),
      enrolledOn: LocalDateSchema,
    }),
  ),
  /** Where the kiosk keeps it, and for how long (the retention policy's items). */
  places: z.array(z.object({ item: z.string(), what: z.string(), days: z.number().int() })),
  /** Who else holds it: head office (who answers for its own copy by the due date). */
  sharedWith: z.array(z.string()),
})

export const PrivacyRequestCreateSchema = z.object({
  requestId: RequestIdSchema,
  kind: z.enum(PRIVACY_REQUEST_KINDS),
  planNumber: z.string().trim().min(1).max(40),
  /** The manager checks the customer in person: the ID's last 4 characters as on the card. */
  idLast4: z.string().trim().min(1).max(4),
  correction: z
    .object({
      name: z.string().trim().max(120).optional(),
      mobile: z.string().trim().max(20).optional(),
      email: z.string().trim().max(254).optional(),
    })
    .optional(),
})

export const PrivacyRequestCreateResponseSchema = z.object({
  request: PrivacyRequestViewSchema,
  /** For an access request: what this kiosk holds about the person. */
  summary: AccessSummarySchema.nullable(),
})

export type PrivacyRequestView = z.infer<typeof PrivacyRequestViewSchema>
export type AccessSummary = z.infer<typeof AccessSummarySchema>
export type PrivacyRequestCreate = z.infer<typeof PrivacyRequestCreateSchema>

export const privacyChannels = {
  /**
   * Manager only: a customer's request for access, correction, erasure or withdrawal of consent
   * (DPDP Act 2023 ss.11–14), taken at the counter after checking the customer's ID; it syncs to
   * head office, which tracks it to its due date (docs/privacy.md#how-a-request-is-handled).
   */
  'privacy.request': channel(PrivacyRequestCreateSchema, PrivacyRequestCreateResponseSchema, [
    'manager',
  ]),
  /** Manager only: the requests taken here or concerning this kiosk's plans, newest first. */
  'privacy.list': channel(EmptySchema, z.object({ requests: z.array(PrivacyRequestViewSchema) }), [
    'manager',
  ]),
}
