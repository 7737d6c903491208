import type { ErrorCode } from '../shared/errors'

/**
 * A refusal of head office's inner layers (services, ingest, notifications, the database): a
 * stable code from shared/errors and a message, nothing about HTTP. Only `http/errors.ts`, used
 * by `routes/`, decides which HTTP status a code is answered with.
 */
export class HeadOfficeError extends Error {
  readonly code: ErrorCode
  constructor(code: ErrorCode, message: string) {
    super(message)
    this.name = 'HeadOfficeError'
    this.code = code
  }
}
