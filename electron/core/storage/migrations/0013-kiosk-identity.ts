import type { Migration } from './migration'

/**
 * The identity a kiosk received from head office with a one-time provisioning code (issue 20,
 * docs/fleet.md#provisioning): its store as head office described it and its kiosk code — or the
 * choice to run as the demo store. One row at most; the kiosk secret is not here (OS keychain or
 * a 0600 file). Beside it, the keys head office hands the kiosk in its pull, kept as they came:
 * sealed under the kiosk secret, opened only when used.
 */
export const m0013KioskIdentity: Migration = {
  id: 13,
  name: 'kiosk-identity',
  up: [
    `CREATE TABLE kiosk_identity (
       id INTEGER PRIMARY KEY CHECK (id = 1),
       mode TEXT NOT NULL CHECK (mode IN ('provisioned', 'demo')),
       store_code TEXT NOT NULL,
       kiosk_code TEXT NOT NULL,
       store TEXT NOT NULL,
       head_office_url TEXT NOT NULL,
       provisioned_at TEXT NOT NULL)`,
    `CREATE TABLE kiosk_key (
       name TEXT NOT NULL,
       version INTEGER NOT NULL,
       sealed TEXT NOT NULL,
       received_at TEXT NOT NULL,
       PRIMARY KEY (name, version))`,
  ],
  down: [`DROP TABLE kiosk_key`, `DROP TABLE kiosk_identity`],
}
