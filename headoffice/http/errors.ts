import type { ErrorCode } from '../../shared/errors'

/** A failure head office reports as `{ ok:false, error:{ code, message } }` with an HTTP status. */
export class HeadOfficeError extends Error {
  readonly code: ErrorCode
  readonly status: number
  constructor(code: ErrorCode, message: string, status = 400) {
    super(message)
    this.name = 'HeadOfficeError'
    this.code = code
    this.status = status
  }
}

/** The uniform failure body. */
export function errorBody(code: ErrorCode, message: string) {
  return { ok: false as const, error: { code, message } }
}
