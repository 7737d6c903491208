import type { ErrorCode } from './errors'

/** What every validator returns: the normalised value, or a stable error code and a message. */
export type Validation<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string }

/** A passed validation carrying the normalised value. */
export function valid<T>(value: T): Validation<T> {
  return { ok: true, value }
}

/** A failed validation. */
export function invalid<T>(code: ErrorCode, message: string): Validation<T> {
  return { ok: false, code, message }
}
