import { z } from 'zod'
import { channel } from './channel'
import { EmptySchema, LocalDateSchema } from './common'
import { IdentityModeSchema } from './setup'

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  storeCode: z.string(),
  kioskCode: z.string(),
  databasePath: z.string(),
  schemaVersion: z.number().int(),
  catalogVersion: z.string().nullable(),
  businessDate: LocalDateSchema,
  training: z.boolean(),
  transport: z.enum(['ipc', 'http']),
  /** Where the store and kiosk code come from (docs/fleet.md#provisioning). */
  identity: IdentityModeSchema,
  /** The store's name, as the catalog or head office gives it. */
  storeName: z.string().nullable(),
})
export type AppInfo = z.infer<typeof AppInfoSchema>

export const appChannels = {
  'app.info': channel(EmptySchema, AppInfoSchema, 'public'),
}
