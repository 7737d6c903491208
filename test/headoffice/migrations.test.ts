import { afterEach, describe, expect, it } from 'vitest'
import { MIGRATIONS_TABLE, openDatabase } from '../../headoffice/db/data-source'
import { TARGETS, createTestDatabase } from './harness'

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
})
