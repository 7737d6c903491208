/**
 * The program's rules and vocabulary (docs/program-rules.md): pure functions and the schemas of the
 * words every part shares, used by the kiosk and head office. The contract (shared/contract) and
 * the sync protocol (shared/sync) both take their vocabulary from here, never from each other.
 */
export * from './assured-value'
export * from './calendar'
export * from './conflict'
export * from './eligibility'
export * from './inspection'
export * from './money'
export * from './payment'
export * from './place-of-supply'
export * from './plan-status'
export * from './upgrade-credit'
export * from './validators'
export * from './value-schedule'
export * from './vocabulary'
export * from './plan-number'
export * from './program-figures'
export * from './day-totals'
export * from './kiosk-code'
export * from './business-recipient'
export * from './day-gst'
export * from './retention-policy'
