import type { Migration } from './migration'

/**
 * Who gave the DPDP consent (issue 18): `adult` (the customer confirmed being 18 or older) or
 * `guardian`, with the guardian's name — anonymised with the rest of the customer by retention.
 * Customers enrolled before stay NULL: their screen asked neither.
 */
export const m0008ConsentGiver: Migration = {
  id: 8,
  name: 'consent-giver',
  up: [
    `ALTER TABLE customers ADD COLUMN consent_given_by TEXT
       CHECK (consent_given_by IN ('adult', 'guardian'))`,
    `ALTER TABLE customers ADD COLUMN guardian_name TEXT`,
  ],
  down: [
    `ALTER TABLE customers DROP COLUMN guardian_name`,
    `ALTER TABLE customers DROP COLUMN consent_given_by`,
  ],
}
