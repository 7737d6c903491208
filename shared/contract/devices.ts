import { z } from 'zod'
import { channel } from './channel'
import { LocalDateSchema, PaiseSchema } from './common'

export const DeviceIntakeSchema = z.object({
  id: z.string(),
  /** Null for a phone taken in by a trade-in (no plan). */
  planNumber: z.string().nullable(),
  /** How the phone came in: an upgrade on a plan, or a trade-in (issue 22). */
  source: z.enum(['redemption', 'trade-in']),
  /** The trade-in partner's reference (`pending` until the partner confirms); null otherwise. */
  partnerReference: z.string().nullable(),
  imei: z.string(),
  modelName: z.string(),
  /** The credit the phone was taken in for: the assured value, or the trade-in amount. */
  assuredValuePaise: PaiseSchema,
  status: z.enum(['received', 'collected']),
  receivedOn: LocalDateSchema,
  collectedOn: LocalDateSchema.nullable(),
  reference: z.string().nullable(),
})

export type DeviceIntake = z.infer<typeof DeviceIntakeSchema>

export const deviceChannels = {
  /** Phones taken in on redemption (docs/program-rules.md#the-new-phone). */
  'devices.list': channel(
    z.object({
      status: z.enum(['received', 'collected']).optional(),
      /** At most this many: collected phones newest first, waiting ones oldest first. */
      limit: z.number().int().min(1).max(500).optional(),
    }),
    z.object({ devices: z.array(DeviceIntakeSchema) }),
    ['manager'],
  ),
  /** Hands phones to logistics: received → collected. */
  'devices.collect': channel(
    z.object({
      deviceIds: z.array(z.string().uuid()).min(1).max(200),
      reference: z.string().trim().max(64).nullish(),
    }),
    z.object({ devices: z.array(DeviceIntakeSchema) }),
    ['manager'],
  ),
}
