/**
 * Where the renderer keeps a half-done sale across a reload of the page (sessionStorage of the
 * kiosk window): the enrollment wizard's draft, with the request id of a payment possibly already
 * sent. The shell's updater reads these before it restarts the app for an update — a draft there
 * means a sale is open, whatever screen is showing (docs/updates.md#when-a-kiosk-installs).
 */
export const ENROLLMENT_DRAFT_KEY = 'kiosk.enrollment.draft'

/** Every sessionStorage key that holds an open sale. */
export const SALE_DRAFT_KEYS = [ENROLLMENT_DRAFT_KEY] as const
