import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Where the end-to-end tests write their screenshots. The committed set in
 * `test/e2e/__screenshots__` is the one a person looked at; a normal run writes to the ignored
 * `test/.tmp/screenshots` so `npm test` leaves the working tree clean, and
 * `UPDATE_SCREENSHOTS=1 npm run test:e2e` refreshes the committed set after a UI change.
 */
export const SHOTS =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? join(__dirname, '..', '__screenshots__')
    : join(__dirname, '..', '..', '.tmp', 'screenshots')

mkdirSync(SHOTS, { recursive: true })
