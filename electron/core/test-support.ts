// For tests and benchmarks only (no shell imports it): the core with its internals — the
// database path, the outbox, receipt data, retention — beside the dispatcher the shells get.
export { openKiosk as createKioskCoreForTests, type KioskInternals } from './kiosk'
