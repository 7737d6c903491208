import { z } from 'zod'

/** Schemas reused by several domains of the contract (dates and money are shared/domain's). */
export { LocalDateSchema } from '../domain/vocabulary'
export { PaiseSchema } from '../domain/vocabulary'
export const VariantIdSchema = z.string().min(1).max(64)
export const EmptySchema = z.object({}).strict()
/** Client-generated id that makes a business request idempotent (a UUID). */
export const RequestIdSchema = z.string().uuid()
