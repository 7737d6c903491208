import type { Migration } from './migration'

/**
 * Issue 16: a tax invoice names the supplier by its legal name as registered for GST (Rule 46(a)),
 * which the catalog now gives per store; the next catalog install fills it.
 */
export const m0007StoreLegalName: Migration = {
  id: 7,
  name: 'store-legal-name',
  up: [`ALTER TABLE stores ADD COLUMN legal_name TEXT`],
  down: ['ALTER TABLE stores DROP COLUMN legal_name'],
}
