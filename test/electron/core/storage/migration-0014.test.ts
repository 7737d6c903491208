import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../../electron/core/storage/database'
import { MIGRATIONS } from '../../../../electron/core/storage/migrations'
import { T0, tempDir } from '../helpers'

/**
 * Migration 0014 (issue 22): inspections, payments, device intakes and receipts lose
 * `plan_id NOT NULL` by a table rebuild, on a database that already holds a redeemed plan; every
 * row keeps its values, references still hold, and a trade-in's rows without a plan fit.
 */
const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const TABLES = ['inspections', 'payments', 'redemptions', 'device_intakes', 'receipts'] as const

async function filledAt13(file: string) {
  const before = MIGRATIONS.findIndex((m) => m.id === 14)
  const old = await openDatabase({ file, now: () => T0, migrations: MIGRATIONS.slice(0, before) })
  const db = old.raw
  const run = (sql: string, ...p: unknown[]) => db.prepare(sql).run(...p)
  run(`INSERT INTO stores (code, name, kind, address, state_code, active)
       VALUES ('MH01', 'Store', 'own', 'Road 1', '27', 1)`)
  run(`INSERT INTO staff (id, code, name, role, pin_hash, pin_salt, created_at)
       VALUES ('s1', 'T1', 'Tech', 'technician', 'h', 's', 'x')`)
  run(`INSERT INTO catalog_versions (version, effective_from, document, source, installed_at)
       VALUES ('v1', '2020-01-01', '{}', 'bundled', 'x')`)
  run(`INSERT INTO customers (id, name, mobile, id_type, id_masked, id_last4,
         consent_data_processing, consent_notifications, consent_marketing, consent_version,
         consent_at, created_at)
       VALUES ('c1', 'N', '9876543210', 'pan', 'XXXXX1234X', '234X', 1, 1, 0, '1', 'x', 'x')`)
  run(`INSERT INTO plans (id, plan_number, plan_key, customer_id, model_id, model_name,
         variant_id, variant_name, srp_paise, fee_paise, catalog_version, purchase_date,
         invoice_number, invoice_date, purchase_store_code, price_paid_paise, enrolled_on,
         enrolled_at, expires_on, status)
       VALUES ('p1', 'MH01-K1-0000001-A', 'k1', 'c1', 'redmi-9', 'Redmi 9', 'redmi-9-4-64',
         '4/64', 1000000, 50000, 'v1', '2020-11-01', 'INV1', '2020-11-01', 'MH01', 1000000,
         '2020-11-10', 'x', '2022-02-10', 'redeemed')`)
  run(`INSERT INTO payments (id, plan_id, kind, method, reference, amount_paise, document_number,
         gst, business_date, taken_at, staff_id)
       VALUES ('pay1', 'p1', 'fee', 'cash', NULL, 50000, 'K1/2021/000001', '{}', '2020-11-10',
         'x', 's1')`)
  run(`INSERT INTO inspections (id, plan_id, imei, technician_id, catalog_version, checklist,
         answers, verdict, started_at, submitted_at, business_date, reference)
       VALUES ('i1', 'p1', '860000000000001', 's1', 'v1', '[]', '[]', 'eligible', 'x', 'y',
         '2021-03-01', 'K1/I2021/000001')`)
  run(`INSERT INTO redemptions (id, plan_id, inspection_id, on_date, age_month, percent,
         assured_value_paise, credit_paise, new_brand, new_model_name, new_imei, new_price_paise,
         amount_paid_paise, payment_id, exchange_voucher_number, staff_id, created_at)
       VALUES ('r1', 'p1', 'i1', '2021-03-01', 4, 80, 800000, 800000, 'Xiaomi', 'Mi 10T',
         '860000000000002', 3599900, 2799900, 'pay1', 'K1/X2021/000001', 's1', 'x')`)
  run(`INSERT INTO device_intakes (id, plan_id, redemption_id, imei, model_name, status,
         received_on)
       VALUES ('d1', 'p1', 'r1', '860000000000001', 'Redmi 9 4/64', 'received', '2021-03-01')`)
  run(`INSERT INTO receipts (id, kind, ref, plan_id, document_number, copies_printed,
         reprint_count, created_at)
       VALUES ('rc1', 'redemption', 'MH01-K1-0000001-A', 'p1', 'K1/X2021/000001', 2, 1, 'x')`)
  const rows = Object.fromEntries(
    TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY id`).all()]),
  )
  await old.dataSource.destroy()
  return rows
}

describe('migration 0014: trade-in', () => {
  it('keeps every row of the rebuilt tables and their references', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const file = join(dir, 'kiosk.sqlite')
    const before = await filledAt13(file)
    const db = await openDatabase({ file, now: () => T0 })
    expect(db.migration.schemaVersion).toBeGreaterThanOrEqual(14)
    for (const t of TABLES) {
      const after = db.raw.prepare(`SELECT * FROM ${t} ORDER BY id`).all() as object[]
      // device_intakes gains trade_in_id (null for an upgrade's phone); nothing else changes.
      const expected = (before[t] as object[]).map((r) =>
        t === 'device_intakes' ? { ...r, trade_in_id: null } : r,
      )
      expect(after, t).toEqual(expected)
    }
    expect(db.raw.pragma('foreign_key_check')).toEqual([])
    expect(db.raw.pragma('foreign_keys', { simple: true })).toBe(1)
    // The redemption still references its inspection (the rebuilt table, not a dropped one).
    expect(() =>
      db.raw.prepare("UPDATE redemptions SET inspection_id = 'nope' WHERE id = 'r1'").run(),
    ).toThrow(/FOREIGN KEY/)
    await db.dataSource.destroy()
  })

  it('takes a trade-in’s rows without a plan, and still refuses a plan row without one', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const file = join(dir, 'kiosk.sqlite')
    await filledAt13(file)
    const db = await openDatabase({ file, now: () => T0 })
    const run = (sql: string) => db.raw.prepare(sql).run()
    run(`INSERT INTO inspections (id, plan_id, imei, technician_id, catalog_version, checklist,
           started_at, business_date) VALUES ('i2', NULL, '860000000000003', 's1', 'v1', '[]',
           'x', '2021-03-02')`)
    run(`INSERT INTO trade_ins (id, imei, model_id, model_name, variant_id, variant_name,
           catalog_version, inspection_id, status, created_by, business_date, created_at)
         VALUES ('t1', '860000000000003', 'redmi-9', 'Redmi 9', 'redmi-9-4-64', '4/64', 'v1',
           'i2', 'graded', 's1', '2021-03-02', 'x')`)
    run(`INSERT INTO device_intakes (id, plan_id, redemption_id, trade_in_id, imei, model_name,
           status, received_on) VALUES ('d2', NULL, NULL, 't1', '860000000000003', 'Redmi 9',
           'received', '2021-03-02')`)
    run(`INSERT INTO receipts (id, kind, ref, plan_id, created_at)
         VALUES ('rc2', 'trade-in-voucher', 't1', NULL, 'x')`)
    run(`INSERT INTO payments (id, plan_id, kind, method, amount_paise, business_date, taken_at)
         VALUES ('pay2', NULL, 'trade-in', 'cash', 100, '2021-03-02', 'x')`)
    // An upgrade's phone, a plan's receipt or a fee without a plan stays impossible.
    expect(() =>
      run(`INSERT INTO device_intakes (id, plan_id, redemption_id, trade_in_id, imei, model_name,
             status, received_on) VALUES ('d3', NULL, 'r1', NULL, '1', 'x', 'received', 'x')`),
    ).toThrow(/CHECK/)
    expect(() =>
      run(`INSERT INTO receipts (id, kind, ref, plan_id, created_at)
           VALUES ('rc3', 'redemption', 'zz', NULL, 'x')`),
    ).toThrow(/CHECK/)
    expect(() =>
      run(`INSERT INTO payments (id, plan_id, kind, method, amount_paise, business_date, taken_at)
           VALUES ('pay3', NULL, 'fee', 'cash', 100, 'x', 'x')`),
    ).toThrow(/CHECK/)
    // One accepted trade-in per phone.
    const accepted = (id: string) =>
      run(`INSERT INTO trade_ins (id, imei, model_id, model_name, variant_id, variant_name,
             catalog_version, status, amount_paise, voucher_number, confirmation, created_by,
             business_date, created_at)
           VALUES ('${id}', '860000000000009', 'm', 'M', 'v', 'V', 'v1', 'accepted', 1,
             'K1/T2021/00000${id.length}${id}', 'pending', 's1', 'x', 'x')`)
    accepted('a')
    expect(() => accepted('bb')).toThrow(/UNIQUE/)
    await db.dataSource.destroy()
  })
})
