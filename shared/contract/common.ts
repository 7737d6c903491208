import { z } from 'zod'

/** Schemas reused by several domains of the contract. */
export const LocalDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
export const PaiseSchema = z.number().int().nonnegative().max(10_000_000_00)
export const VariantIdSchema = z.string().min(1).max(64)
export const EmptySchema = z.object({}).strict()
/** Client-generated id that makes a business request idempotent (a UUID). */
export const RequestIdSchema = z.string().uuid()
