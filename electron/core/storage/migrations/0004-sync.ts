import type { Migration } from './migration'

/**
 * What the kiosk learns from head office by sync (docs/architecture.md#sync-and-the-outbox):
 * conflicts for the manager (head office's verdict plus the kiosk manager's own note, kept apart so
 * a later pull never overwrites the note), and the plan registry — the status head office holds for
 * plans of this store and plans closed here, so a plan redeemed at another kiosk is not redeemed
 * again here, and a plan enrolled at a sibling kiosk can be fetched and redeemed offline later.
 */
export const m0004Sync: Migration = {
  id: 4,
  name: 'sync',
  up: [
    `CREATE TABLE sync_conflicts (
      conflict_id TEXT PRIMARY KEY,
      plan_number TEXT NOT NULL,
      kind TEXT NOT NULL,
      winner TEXT NOT NULL,
      loser TEXT NOT NULL,
      detected_at TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
      resolution TEXT,
      local_note TEXT,
      local_resolved_at TEXT,
      local_resolved_by TEXT,
      received_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX sync_conflicts_open ON sync_conflicts (status, local_resolved_at)`,
    `CREATE TABLE sync_plan_registry (
      plan_key TEXT PRIMARY KEY,
      plan_number TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('active', 'redeemed', 'cancelled')),
      store_code TEXT NOT NULL,
      closed_store_code TEXT,
      closed_kiosk_code TEXT,
      closed_on TEXT,
      feed_seq INTEGER NOT NULL,
      fetched_at TEXT,
      fetch_error TEXT,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX sync_plan_registry_fetch ON sync_plan_registry (status, fetched_at)`,
  ],
  down: [
    'DROP INDEX sync_plan_registry_fetch',
    'DROP TABLE sync_plan_registry',
    'DROP INDEX sync_conflicts_open',
    'DROP TABLE sync_conflicts',
  ],
}
