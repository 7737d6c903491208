import { KioskError, type ErrorCode, type ErrorIssue, type ErrorParams } from '../../shared/errors'

/** Collects every failed rule of a request, then throws them together. */
export class Reasons {
  readonly issues: ErrorIssue[] = []

  add(code: ErrorCode, path: string, message: string, params?: ErrorParams): void {
    this.issues.push(params ? { code, path, message, params } : { code, path, message })
  }

  /** Adds a shared/domain validator's failure; returns the normalised value or null. */
  check<T>(
    path: string,
    result: { ok: true; value: T } | { ok: false; code: ErrorCode; message: string },
  ): T | null {
    if (result.ok) return result.value
    this.add(result.code, path, result.message)
    return null
  }

  /**
   * Throws when anything failed: the one specific code when there is a single reason (the UI can
   * act on it), VALIDATION_FAILED with all of them otherwise; `issues` always lists every one.
   */
  throwIfAny(summary = 'The request cannot be accepted.'): void {
    if (this.issues.length === 0) return
    if (this.issues.length === 1) {
      const only = this.issues[0]!
      throw new KioskError(only.code, only.message, this.issues, only.params)
    }
    throw new KioskError('VALIDATION_FAILED', summary, this.issues)
  }
}
