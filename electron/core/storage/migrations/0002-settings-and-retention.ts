import type { Migration } from './migration'

/**
 * Kiosk settings (training business date, idle lock) survive a restart; redemption search by the
 * new phone's IMEI (a second upgrade of the same phone is a fraud signal worth finding fast).
 */
export const m0002SettingsAndRetention: Migration = {
  id: 2,
  name: 'settings-and-retention',
  up: [
    `CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX redemptions_new_imei ON redemptions (new_imei)`,
    `CREATE INDEX customers_anonymised ON customers (anonymised_at)`,
  ],
  down: [
    'DROP INDEX customers_anonymised',
    'DROP INDEX redemptions_new_imei',
    'DROP TABLE settings',
  ],
}
