import type { Migration } from './migration'

/**
 * Data-principal requests (issue 18, DPDP Act 2023 ss.11–14): the requests a manager took here or
 * head office sent about this kiosk's plans, with head office's status and due date. No personal
 * data: the plan number names the person; a correction's new values live in the customer row.
 */
export const m0011PrivacyRequests: Migration = {
  id: 11,
  name: 'privacy-requests',
  up: [
    `CREATE TABLE privacy_requests (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('access', 'correction', 'erasure', 'withdrawal')),
      plan_number TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('open', 'completed', 'refused')),
      source TEXT NOT NULL CHECK (source IN ('kiosk', 'headoffice')),
      raised_on TEXT NOT NULL,
      due_on TEXT NOT NULL,
      completed_on TEXT,
      outcome TEXT,
      staff_code TEXT,
      synced INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX privacy_requests_raised ON privacy_requests (raised_on)`,
  ],
  down: ['DROP INDEX privacy_requests_raised', 'DROP TABLE privacy_requests'],
}
