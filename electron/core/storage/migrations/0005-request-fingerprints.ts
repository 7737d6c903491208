import type { Migration } from './migration'

/**
 * Issue #12: `requests.body_hash` was a plain SHA-256 of the whole request body, enrollment's
 * Aadhaar number included — reversible by brute force from what else the kiosk stores. From
 * here on the column holds a keyed fingerprint (idempotency.ts); the old values cannot be
 * re-keyed (the bodies are gone), so they are overwritten with a marker, and the runner then
 * rewrites the file (`compactAfter`) so no freed page or old WAL frame keeps them. The backups
 * taken before this migration are scrubbed the same way (storage/backup-scrub.ts).
 */
export const m0005RequestFingerprints: Migration = {
  id: 5,
  name: 'request-fingerprints',
  up: [
    `ALTER TABLE requests RENAME COLUMN body_hash TO fingerprint`,
    `UPDATE requests SET fingerprint = 'scrubbed-unkeyed'`,
    // Pruning past the idempotency window looks rows up by age.
    `CREATE INDEX requests_created_at ON requests (created_at)`,
  ],
  down: [
    'DROP INDEX requests_created_at',
    'ALTER TABLE requests RENAME COLUMN fingerprint TO body_hash',
  ],
  compactAfter: true,
}
