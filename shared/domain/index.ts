/**
 * The program's rules (docs/program-rules.md): pure functions shared by the kiosk and head office.
 */
export * from './assured-value'
export * from './calendar'
export * from './eligibility'
export * from './inspection'
export * from './money'
export * from './validators'
export * from './value-schedule'
export * from './plan-number'
