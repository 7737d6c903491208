import { z } from 'zod'
import { ERROR_CODES, type KioskErrorShape } from '../errors'

/** What every call returns across a process or network boundary: never a thrown Error. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: KioskErrorShape }

const ErrorParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]))

export const ErrorShapeSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  issues: z
    .array(
      z.object({
        path: z.string(),
        code: z.enum(ERROR_CODES),
        message: z.string(),
        params: ErrorParamsSchema.optional(),
      }),
    )
    .optional(),
  params: ErrorParamsSchema.optional(),
})

export function ok<T>(data: T): Result<T> {
  return { ok: true, data }
}

export function fail(error: KioskErrorShape): Result<never> {
  return { ok: false, error }
}
