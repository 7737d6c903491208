import { z } from 'zod'
import { channel } from './channel'
import { LocalDateSchema, PaiseSchema } from './common'

export const DeviceIntakeSchema = z.object({
  id: z.string(),
  planNumber: z.string(),
  imei: z.string(),
  modelName: z.string(),
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
