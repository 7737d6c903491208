import type { MigrationInterface, QueryRunner } from 'typeorm'
import { columnTypes } from './column-types'

/** Head office's first schema: kiosks, the sync ledger, the plan registry, feed, notifications. */
export class Initial1764300000001 implements MigrationInterface {
  name = 'Initial1764300000001'

  async up(q: QueryRunner): Promise<void> {
    const { big, int, text } = columnTypes(q)
    const statements = [
      `CREATE TABLE ho_store (
        code ${text} PRIMARY KEY, name ${text} NOT NULL, active ${int} NOT NULL DEFAULT 1,
        created_at ${big} NOT NULL)`,
      `CREATE TABLE ho_kiosk (
        id ${text} PRIMARY KEY, store_code ${text} NOT NULL REFERENCES ho_store(code),
        kiosk_code ${text} NOT NULL, secret_enc ${text} NOT NULL, secret_fingerprint ${text} NOT NULL,
        status ${text} NOT NULL, last_seq ${big} NOT NULL DEFAULT 0, created_at ${big} NOT NULL,
        revoked_at ${big}, last_seen_at ${big})`,
      `CREATE TABLE ho_nonce (
        kiosk_id ${text} NOT NULL, nonce ${text} NOT NULL, seen_at ${big} NOT NULL,
        PRIMARY KEY (kiosk_id, nonce))`,
      `CREATE INDEX ho_nonce_seen ON ho_nonce (seen_at)`,
      // The idempotency ledger: one row per event ever received, written in the same transaction
      // as the event's effect. (kiosk_id, seq) unique: a kiosk's sequence has no duplicates.
      `CREATE TABLE ho_sync_event (
        id ${text} PRIMARY KEY, kiosk_id ${text} NOT NULL, seq ${big} NOT NULL, type ${text} NOT NULL,
        store_code ${text} NOT NULL, business_date ${text}, occurred_at ${text},
        status ${text} NOT NULL, result ${text} NOT NULL, payload ${text} NOT NULL,
        received_at ${big} NOT NULL, UNIQUE (kiosk_id, seq))`,
      `CREATE TABLE ho_plan (
        plan_number ${text} PRIMARY KEY, status ${text} NOT NULL,
        store_code ${text} NOT NULL, kiosk_code ${text} NOT NULL,
        imei1 ${text} NOT NULL, imei2 ${text},
        model_id ${text} NOT NULL, model_name ${text} NOT NULL,
        variant_id ${text} NOT NULL, variant_name ${text} NOT NULL,
        srp_paise ${int} NOT NULL, fee_paise ${int} NOT NULL, catalog_version ${text} NOT NULL,
        schedule ${text} NOT NULL, purchase_date ${text} NOT NULL, enrolled_on ${text} NOT NULL,
        business_date ${text} NOT NULL,
        customer_name ${text} NOT NULL, mobile ${text} NOT NULL, email ${text},
        id_type ${text} NOT NULL, id_masked ${text} NOT NULL, id_last4 ${text} NOT NULL,
        notify ${int} NOT NULL, enrolled_event_id ${text} NOT NULL,
        closed_store ${text}, closed_kiosk ${text}, closed_on ${text}, closed_event_id ${text}, closed_ref ${text},
        reservation_id ${text}, reserved_by ${text}, reserved_until ${big},
        updated_at ${big} NOT NULL)`,
      `CREATE INDEX ho_plan_store ON ho_plan (store_code, enrolled_on)`,
      `CREATE INDEX ho_plan_imei1 ON ho_plan (imei1)`,
      `CREATE INDEX ho_plan_status ON ho_plan (status)`,
      `CREATE TABLE ho_redemption (
        redemption_id ${text} PRIMARY KEY, plan_number ${text} NOT NULL, event_id ${text} NOT NULL,
        store_code ${text} NOT NULL, kiosk_code ${text} NOT NULL, on_date ${text} NOT NULL,
        business_date ${text} NOT NULL, age_month ${int} NOT NULL, percent ${int} NOT NULL,
        srp_paise ${int} NOT NULL, assured_value_paise ${int} NOT NULL, credit_paise ${int} NOT NULL,
        new_price_paise ${int} NOT NULL, amount_paid_paise ${int} NOT NULL,
        device_intake_id ${text} NOT NULL, device_status ${text} NOT NULL, collected_on ${text},
        status ${text} NOT NULL, created_at ${big} NOT NULL)`,
      `CREATE INDEX ho_redemption_plan ON ho_redemption (plan_number)`,
      `CREATE INDEX ho_redemption_store ON ho_redemption (store_code, business_date)`,
      `CREATE INDEX ho_redemption_device ON ho_redemption (device_intake_id)`,
      `CREATE TABLE ho_cancellation (
        cancellation_id ${text} PRIMARY KEY, plan_number ${text} NOT NULL, event_id ${text} NOT NULL,
        store_code ${text} NOT NULL, kiosk_code ${text} NOT NULL, cancelled_on ${text} NOT NULL,
        refund_paise ${int} NOT NULL, within_window ${int} NOT NULL, status ${text} NOT NULL,
        created_at ${big} NOT NULL)`,
      `CREATE TABLE ho_inspection (
        inspection_id ${text} PRIMARY KEY, plan_number ${text} NOT NULL, event_id ${text} NOT NULL,
        store_code ${text} NOT NULL, kiosk_code ${text} NOT NULL, imei ${text} NOT NULL,
        verdict ${text} NOT NULL, submitted_at ${text} NOT NULL)`,
      `CREATE TABLE ho_conflict (
        conflict_id ${text} PRIMARY KEY, plan_number ${text} NOT NULL, kind ${text} NOT NULL,
        winner ${text} NOT NULL, loser ${text} NOT NULL, detected_at ${big} NOT NULL,
        status ${text} NOT NULL, resolution ${text}, resolved_at ${big})`,
      // The change feeds kiosks pull, one per store (`audience`): `seq` is assigned under that
      // store's ho_counter row lock, so a reader never sees N+1 committed while N is in flight.
      `CREATE TABLE ho_change (
        seq ${big} NOT NULL, audience ${text} NOT NULL, kind ${text} NOT NULL, data ${text} NOT NULL,
        created_at ${big} NOT NULL, PRIMARY KEY (audience, seq))`,
      `CREATE TABLE ho_counter (name ${text} PRIMARY KEY, value ${big} NOT NULL)`,
      `CREATE TABLE ho_catalog (
        version ${text} PRIMARY KEY, effective_from ${text} NOT NULL, body ${text} NOT NULL,
        published_at ${big} NOT NULL)`,
      `CREATE TABLE ho_staff (
        store_code ${text} NOT NULL, staff_code ${text} NOT NULL, name ${text} NOT NULL,
        role ${text} NOT NULL, pin_hash ${text} NOT NULL, active ${int} NOT NULL,
        updated_at ${big} NOT NULL, PRIMARY KEY (store_code, staff_code))`,
      `CREATE TABLE ho_notification (
        id ${text} PRIMARY KEY, dedupe_key ${text} NOT NULL UNIQUE, kind ${text} NOT NULL,
        channel ${text} NOT NULL, plan_number ${text} NOT NULL, recipient ${text} NOT NULL,
        template_id ${text}, variables ${text} NOT NULL, subject ${text}, body ${text} NOT NULL,
        html ${text}, status ${text} NOT NULL, attempts ${int} NOT NULL DEFAULT 0,
        next_attempt_at ${big} NOT NULL, last_error ${text}, provider_ref ${text},
        created_at ${big} NOT NULL, sent_at ${big})`,
      `CREATE INDEX ho_notification_due ON ho_notification (status, next_attempt_at)`,
      `CREATE INDEX ho_notification_plan ON ho_notification (plan_number)`,
    ]
    for (const sql of statements) await q.query(sql)
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'ho_notification',
      'ho_staff',
      'ho_catalog',
      'ho_counter',
      'ho_change',
      'ho_conflict',
      'ho_inspection',
      'ho_cancellation',
      'ho_redemption',
      'ho_plan',
      'ho_sync_event',
      'ho_nonce',
      'ho_kiosk',
      'ho_store',
    ])
      await q.query(`DROP TABLE ${table}`)
  }
}
