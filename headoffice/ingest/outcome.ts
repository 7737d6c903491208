import type { ErrorCode } from '../../shared/errors'
import type { Conflict } from '../../shared/sync/protocol'

/** What applying one event did (the push answer adds id and seq). */
export type Outcome =
  | { status: 'applied' }
  | { status: 'rejected'; reason: ErrorCode; message: string }
  | { status: 'conflict'; conflict: Conflict }

export const applied: Outcome = { status: 'applied' }

/** A permanent refusal with its reason code. */
export function rejected(reason: ErrorCode, message: string): Outcome {
  return { status: 'rejected', reason, message }
}

/** The authenticated kiosk a batch comes from. */
export interface KioskRef {
  id: string
  storeCode: string
  kioskCode: string
}
