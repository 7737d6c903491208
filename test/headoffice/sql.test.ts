import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DataSource } from 'typeorm'
import { openDatabase } from '../../headoffice/db/data-source'
import { exec, one, statementText, withDb } from '../../headoffice/db/sql'
import { createTestDatabase } from './harness'

describe('raw SQL helpers on PostgreSQL: named prepared statements', () => {
  let ds: DataSource
  let drop: () => Promise<void>
  beforeAll(async () => {
    const db = await createTestDatabase('postgres')
    drop = db.drop
    ds = await openDatabase(db.target, 2)
  })
  afterAll(async () => {
    await ds?.destroy()
    await drop?.()
  })

  it('parses a statement once per connection and then only executes it', async () => {
    await withDb(ds, async (db) => {
      const sql = 'SELECT count(*)::int AS n FROM ho_store WHERE code = ?'
      for (let i = 0; i < 3; i++) expect(await one(db, sql, [`S${i}`])).toEqual({ n: 0 })
      // Asked as plain text (unnamed), so this query is not itself in the list.
      const prepared = (await db.runner.query(
        `SELECT statement FROM pg_prepared_statements WHERE statement LIKE '%FROM ho_store WHERE code%'`,
      )) as Array<{ statement: string }>
      expect(prepared.map((p) => p.statement)).toEqual([
        'SELECT count(*)::int AS n FROM ho_store WHERE code = $1',
      ])
    })
  })

  it('gives two texts two statements, and reports errors as before', async () => {
    await withDb(ds, async (db) => {
      expect(await one(db, 'SELECT ?::int + 1 AS n', [1])).toEqual({ n: 2 })
      expect(await one(db, 'SELECT ?::int + 2 AS n', [1])).toEqual({ n: 3 })
      await expect(exec(db, 'INSERT INTO no_such_table VALUES (?)', [1])).rejects.toThrow(
        /no_such_table/,
      )
    })
  })

  it('shows the SQL text of a named statement', () => {
    expect(statementText('SELECT 1')).toBe('SELECT 1')
    expect(statementText({ name: 'x', text: 'SELECT $1' })).toBe('SELECT $1')
  })
})
