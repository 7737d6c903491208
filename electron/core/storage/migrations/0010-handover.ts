import type { Migration } from './migration'

/**
 * Issue 17: the customer's hand-over declaration signed at redemption, kept beside its
 * redemption: the signature image (PNG) and its SHA-256 (what the event carries to head office
 * and the exchange voucher prints), how the customer proved the plan is theirs (`otp` with the
 * code's id at head office, or the clerk's `id-check` offline), and whether the lost/stolen
 * register could be asked (`clear` | `unavailable` | `offline`).
 */
export const m0010Handover: Migration = {
  id: 10,
  name: 'handover',
  up: [
    `CREATE TABLE handovers (
      redemption_id TEXT PRIMARY KEY REFERENCES redemptions(id),
      signature_png BLOB,
      signature_sha256 TEXT NOT NULL CHECK (length(signature_sha256) = 64),
      customer_check TEXT NOT NULL CHECK (customer_check IN ('otp', 'id-check')),
      otp_id TEXT,
      register_check TEXT NOT NULL CHECK (register_check IN ('clear', 'unavailable', 'offline')),
      declared_at TEXT NOT NULL
    )`,
  ],
  down: [`DROP TABLE handovers`],
}
