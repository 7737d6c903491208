import { z } from 'zod'
import { ALL_STAFF, channel } from './channel'
import { EmptySchema, LocalDateSchema } from './common'

export const trainingChannels = {
  /** Training mode only: moves the business date (to practise redemptions months later). */
  'training.setDate': channel(
    z.object({ businessDate: LocalDateSchema.nullable() }),
    z.object({ businessDate: LocalDateSchema }),
    ALL_STAFF,
  ),
}

export const retentionChannels = {
  /** Anonymises KYC of plans closed longer than the catalog's kycRetentionDays (DPDP Act). */
  'retention.run': channel(
    EmptySchema,
    z.object({ anonymised: z.number().int(), cutoff: LocalDateSchema }),
    ['manager'],
  ),
}
