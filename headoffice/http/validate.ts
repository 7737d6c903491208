import type { z } from 'zod'
import { HeadOfficeError } from '../errors'
import { INVALID_JSON, UNVERIFIED_BODY } from './raw-json'

/** Parses an HTTP input with its zod schema; 400 with the first issues otherwise. */
export function validate<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  if (input === UNVERIFIED_BODY) throw new Error('validate: the body was never authenticated')
  if (input === INVALID_JSON)
    throw new HeadOfficeError('BAD_REQUEST', 'The body is not valid JSON.')
  const result = schema.safeParse(input)
  if (!result.success) {
    const message = result.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ')
    throw new HeadOfficeError('VALIDATION_FAILED', message)
  }
  return result.data
}
