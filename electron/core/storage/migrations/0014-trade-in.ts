import type { Migration } from './migration'

/**
 * Trade-in of a phone without a usable plan (issue 22, docs/program-rules.md#trade-in).
 *
 * A trade-in's checklist is an inspection without a plan, its phone a device intake without a
 * plan or redemption, its voucher a printed document without a plan, and the balance paid on top
 * of a used voucher a payment without a plan: `plan_id` (and `redemption_id`) lose NOT NULL on
 * those four tables. SQLite cannot drop a NOT NULL, so each is rebuilt (create, copy every row,
 * drop, rename; foreign keys off around the migration and checked before it commits). Every
 * other column, check and index stays as it was; rows keep their values.
 *
 * Then the trade-ins themselves: one row from start to the voucher's use.
 */
export const m0014TradeIn: Migration = {
  id: 14,
  name: 'trade-in',
  rebuildsTables: true,
  up: [
    // inspections: plan_id nullable (a trade-in's checklist).
    `CREATE TABLE inspections_new (
      id TEXT PRIMARY KEY,
      plan_id TEXT REFERENCES plans (id),
      imei TEXT NOT NULL,
      technician_id TEXT NOT NULL REFERENCES staff (id),
      catalog_version TEXT NOT NULL REFERENCES catalog_versions (version),
      checklist TEXT NOT NULL,
      answers TEXT,
      notes TEXT,
      verdict TEXT CHECK (verdict IN ('eligible', 'ineligible')),
      failed_required TEXT,
      failed_optional TEXT,
      started_at TEXT NOT NULL,
      submitted_at TEXT,
      business_date TEXT NOT NULL,
      reference TEXT
    )`,
    `INSERT INTO inspections_new (id, plan_id, imei, technician_id, catalog_version, checklist,
       answers, notes, verdict, failed_required, failed_optional, started_at, submitted_at,
       business_date, reference)
     SELECT id, plan_id, imei, technician_id, catalog_version, checklist, answers, notes, verdict,
       failed_required, failed_optional, started_at, submitted_at, business_date, reference
     FROM inspections`,
    `DROP TABLE inspections`,
    `ALTER TABLE inspections_new RENAME TO inspections`,
    `CREATE INDEX inspections_plan ON inspections (plan_id)`,
    `CREATE INDEX inspections_date ON inspections (business_date)`,

    // payments: plan_id nullable, kind 'trade-in' (the balance paid on top of a voucher).
    `CREATE TABLE payments_new (
      id TEXT PRIMARY KEY,
      plan_id TEXT REFERENCES plans (id),
      kind TEXT NOT NULL CHECK (kind IN ('fee', 'upgrade', 'refund', 'trade-in')),
      method TEXT NOT NULL CHECK (method IN ('cash', 'upi', 'card')),
      reference TEXT,
      amount_paise INTEGER NOT NULL,
      document_number TEXT,
      gst TEXT,
      business_date TEXT NOT NULL,
      taken_at TEXT NOT NULL,
      staff_id TEXT REFERENCES staff (id),
      recipient_gstin TEXT,
      recipient_name TEXT,
      recipient_address TEXT,
      CHECK (plan_id IS NOT NULL OR kind = 'trade-in')
    )`,
    `INSERT INTO payments_new (id, plan_id, kind, method, reference, amount_paise, document_number,
       gst, business_date, taken_at, staff_id, recipient_gstin, recipient_name, recipient_address)
     SELECT id, plan_id, kind, method, reference, amount_paise, document_number, gst,
       business_date, taken_at, staff_id, recipient_gstin, recipient_name, recipient_address
     FROM payments`,
    `DROP TABLE payments`,
    `ALTER TABLE payments_new RENAME TO payments`,
    `CREATE INDEX payments_plan ON payments (plan_id)`,
    `CREATE INDEX payments_date ON payments (business_date, kind)`,

    `CREATE TABLE trade_ins (
      id TEXT PRIMARY KEY,
      imei TEXT NOT NULL,
      model_id TEXT NOT NULL,
      model_name TEXT NOT NULL,
      variant_id TEXT NOT NULL,
      variant_name TEXT NOT NULL,
      plan_id TEXT REFERENCES plans (id),
      catalog_version TEXT NOT NULL REFERENCES catalog_versions (version),
      inspection_id TEXT REFERENCES inspections (id),
      grade TEXT,
      not_acceptable TEXT,
      status TEXT NOT NULL CHECK (status IN ('open', 'graded', 'not-acceptable', 'quoted',
        'accepted', 'declined', 'used')),
      quote_source TEXT CHECK (quote_source IN ('partner', 'grid')),
      partner_id TEXT,
      quote_id TEXT,
      amount_paise INTEGER,
      quote_valid_until TEXT,
      provisional INTEGER NOT NULL DEFAULT 0,
      quoted_at TEXT,
      partner_error TEXT,
      price_changed_from_paise INTEGER,
      voucher_number TEXT UNIQUE,
      voucher_code TEXT,
      voucher_valid_to TEXT,
      accepted_at TEXT,
      accepted_on TEXT,
      accepted_by TEXT REFERENCES staff (id),
      signature_png BLOB,
      signature_sha256 TEXT,
      confirmation TEXT CHECK (confirmation IN ('confirmed', 'pending', 'price-changed')),
      partner_reference TEXT,
      confirmed_amount_paise INTEGER,
      confirmed_at TEXT,
      declined_at TEXT,
      used_at TEXT,
      used_on TEXT,
      used_by TEXT REFERENCES staff (id),
      new_brand TEXT,
      new_model_name TEXT,
      new_variant_name TEXT,
      new_imei TEXT,
      new_price_paise INTEGER,
      new_sales_invoice TEXT,
      credit_paise INTEGER,
      amount_paid_paise INTEGER,
      payment_id TEXT REFERENCES payments (id),
      created_by TEXT NOT NULL REFERENCES staff (id),
      business_date TEXT NOT NULL,
      created_at TEXT NOT NULL,
      CHECK (status NOT IN ('accepted', 'used') OR (voucher_number IS NOT NULL
        AND amount_paise IS NOT NULL AND confirmation IS NOT NULL))
    )`,
    `CREATE INDEX trade_ins_imei ON trade_ins (imei)`,
    `CREATE INDEX trade_ins_date ON trade_ins (business_date)`,
    `CREATE INDEX trade_ins_accepted_on ON trade_ins (accepted_on)`,
    `CREATE INDEX trade_ins_used_on ON trade_ins (used_on)`,
    // One accepted (or used) trade-in per phone.
    `CREATE UNIQUE INDEX trade_ins_one_per_imei ON trade_ins (imei)
       WHERE status IN ('accepted', 'used')`,

    // device_intakes: a trade-in's phone has no plan and no redemption.
    `CREATE TABLE device_intakes_new (
      id TEXT PRIMARY KEY,
      plan_id TEXT REFERENCES plans (id),
      redemption_id TEXT UNIQUE REFERENCES redemptions (id),
      trade_in_id TEXT UNIQUE REFERENCES trade_ins (id),
      imei TEXT NOT NULL,
      model_name TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('received', 'collected')),
      received_on TEXT NOT NULL,
      collected_on TEXT,
      reference TEXT,
      collected_by TEXT REFERENCES staff (id),
      CHECK ((redemption_id IS NULL) <> (trade_in_id IS NULL)),
      CHECK (redemption_id IS NULL OR plan_id IS NOT NULL)
    )`,
    `INSERT INTO device_intakes_new (id, plan_id, redemption_id, trade_in_id, imei, model_name,
       status, received_on, collected_on, reference, collected_by)
     SELECT id, plan_id, redemption_id, NULL, imei, model_name, status, received_on,
       collected_on, reference, collected_by
     FROM device_intakes`,
    `DROP TABLE device_intakes`,
    `ALTER TABLE device_intakes_new RENAME TO device_intakes`,
    `CREATE INDEX device_intakes_status ON device_intakes (status)`,

    // receipts: the trade-in voucher is a document without a plan.
    `CREATE TABLE receipts_new (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('enrollment', 'inspection', 'redemption', 'cancellation',
        'trade-in-voucher')),
      ref TEXT NOT NULL,
      plan_id TEXT REFERENCES plans (id),
      document_number TEXT,
      copies_printed INTEGER NOT NULL DEFAULT 0,
      reprint_count INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      last_printed_at TEXT,
      UNIQUE (kind, ref),
      CHECK (plan_id IS NOT NULL OR kind = 'trade-in-voucher')
    )`,
    `INSERT INTO receipts_new (id, kind, ref, plan_id, document_number, copies_printed,
       reprint_count, created_at, last_printed_at)
     SELECT id, kind, ref, plan_id, document_number, copies_printed, reprint_count, created_at,
       last_printed_at
     FROM receipts`,
    `DROP TABLE receipts`,
    `ALTER TABLE receipts_new RENAME TO receipts`,
    `CREATE INDEX receipts_plan ON receipts (plan_id)`,
    `CREATE UNIQUE INDEX receipts_document_number ON receipts (document_number)
      WHERE document_number IS NOT NULL`,
  ],
  // Down keeps the NOT NULL tables as they are (a rebuild back would have to drop trade-in rows).
  down: [`DROP TABLE trade_ins`],
}
