import { afterEach, describe, expect, it } from 'vitest'
import { MIGRATIONS_TABLE, openDatabase } from '../../headoffice/db/data-source'
import { lookupPlan } from '../../headoffice/services/plan-registry'
import { formatPlanNumber } from '../../shared/domain/plan-number'
import { TARGETS, createTestDatabase } from './harness'
import { MIGRATIONS } from '../../headoffice/db/migrations'

describe.each(TARGETS)('migration history guard on %s', (kind) => {
  const drops: Array<() => Promise<void>> = []
  afterEach(async () => {
    for (const d of drops.splice(0)) await d()
  })

  it('migrates a fresh database, reopens it, and refuses a newer or foreign history', async () => {
    const db = await createTestDatabase(kind)
    drops.push(db.drop)
    const ds = await openDatabase(db.target)
    await ds.destroy()
    const again = await openDatabase(db.target)
    const p = kind === 'postgres'
    await again.query(
      `INSERT INTO ${MIGRATIONS_TABLE} (timestamp, name) VALUES (${p ? '$1, $2' : '?, ?'})`,
      [1999999999999, 'FromTheFuture1999999999999'],
    )
    await again.destroy()
    await expect(openDatabase(db.target)).rejects.toMatchObject({ code: 'DATABASE_NEWER_THAN_APP' })

    const other = await openDatabase(
      (await createTestDatabase(kind).then((d) => (drops.push(d.drop), d))).target,
    )
    await other.query(`UPDATE ${MIGRATIONS_TABLE} SET name = 'SomethingElse1764300000001'`)
    const target =
      other.options.type === 'postgres'
        ? { kind: 'postgres' as const, url: (other.options as { url: string }).url }
        : { kind: 'sqlite' as const, file: String(other.options.database) }
    await other.destroy()
    await expect(openDatabase(target)).rejects.toMatchObject({ code: 'DATABASE_HISTORY_MISMATCH' })
  })

  it('PlanKey backfills the key of plans registered before it, and keys are unique', async () => {
    const db = await createTestDatabase(kind)
    drops.push(db.drop)
    const ds = await openDatabase(db.target)
    const p = kind === 'postgres'
    const params = (n: number) =>
      Array.from({ length: n }, (_, i) => (p ? `$${i + 1}` : '?')).join(', ')
    // Back to the schema before the migration (undoing the later ones first), holding plans as
    // head office filed them then.
    // MIGRATIONS[1] is PlanKey: undo every migration after the first.
    for (let i = 1; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' })
    const numbers = [formatPlanNumber('MH01', 'K1', 123), formatPlanNumber('MS01', 'K2', 9)]
    for (const [i, number] of numbers.entries()) {
      const [storeCode, kioskCode] = number.split('-')
      const row: Record<string, unknown> = {
        plan_number: number,
        status: 'active',
        store_code: storeCode,
        kiosk_code: kioskCode,
        imei1: `35000000000000${i}`,
        model_id: 'redmi-note-9',
        model_name: 'Redmi Note 9',
        variant_id: 'redmi-note-9-4-64',
        variant_name: '4 GB + 64 GB',
        srp_paise: 1_199_900,
        fee_paise: 49_900,
        catalog_version: '2026.11.1',
        schedule: 'null',
        purchase_date: '2026-01-05',
        enrolled_on: '2026-01-05',
        business_date: '2026-01-05',
        customer_name: 'Asha Kulkarni',
        mobile: '9876543210',
        id_type: 'aadhaar',
        id_masked: 'XXXX-XXXX-1234',
        id_last4: '1234',
        notify: 1,
        enrolled_event_id: `event-${i}`,
        updated_at: 0,
      }
      const columns = Object.keys(row)
      await ds.query(
        `INSERT INTO ho_plan (${columns.join(', ')}) VALUES (${params(columns.length)})`,
        Object.values(row),
      )
    }
    await ds.destroy()

    const migrated = await openDatabase(db.target)
    drops.unshift(() => migrated.destroy())
    const keys = (await migrated.query(
      'SELECT plan_number, plan_key FROM ho_plan ORDER BY plan_number',
    )) as Array<{ plan_number: string; plan_key: string }>
    expect(keys).toEqual([
      { plan_number: numbers[0], plan_key: numbers[0]!.replace(/-/g, '') },
      { plan_number: numbers[1], plan_key: numbers[1]!.replace(/-/g, '') },
    ])
    const typed = numbers[0]!.replace(/-/g, '').toLowerCase()
    expect(await lookupPlan(migrated, typed, undefined, 0)).toMatchObject({
      planNumber: numbers[0],
      storeCode: 'MH01',
    })
    await expect(
      migrated.query(
        `UPDATE ho_plan SET plan_key = ${params(1)} WHERE plan_number = ${p ? '$2' : '?'}`,
        [keys[0]!.plan_key, numbers[1]],
      ),
    ).rejects.toThrow(/unique/i)
  })
})
