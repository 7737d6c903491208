import { z } from 'zod'
import { CatalogSchema } from '../catalog'
import { channel } from './channel'
import { EmptySchema } from './common'

export const CatalogApplyResponseSchema = z.object({
  version: z.string(),
  previousVersion: z.string().nullable(),
})

export const catalogChannels = {
  /** The catalog version in force at this kiosk. */
  'catalog.list': channel(EmptySchema, CatalogSchema, 'public'),
  /** Installs a newer catalog version (validated); plans keep their frozen SRP and fee. */
  'catalog.apply': channel(z.object({ catalog: CatalogSchema }), CatalogApplyResponseSchema, [
    'manager',
  ]),
}
