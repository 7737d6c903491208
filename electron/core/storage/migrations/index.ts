import type { Migration } from './migration'
import { m0001Initial } from './0001-initial'
import { m0002SettingsAndRetention } from './0002-settings-and-retention'

export type { Migration } from './migration'

/** Every migration, in order. Explicit (no glob): the main process is bundled. Append only. */
export const MIGRATIONS: readonly Migration[] = [m0001Initial, m0002SettingsAndRetention]
