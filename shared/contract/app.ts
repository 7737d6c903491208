import { z } from 'zod'
import { channel } from './channel'
import { EmptySchema, LocalDateSchema } from './common'

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
})
export type AppInfo = z.infer<typeof AppInfoSchema>

export const appChannels = {
  'app.info': channel(EmptySchema, AppInfoSchema, 'public'),
}
