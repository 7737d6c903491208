import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../../electron/core/storage/database'
import { MIGRATIONS } from '../../../../electron/core/storage/migrations'
import { T0, tempDir } from '../helpers'

/**
 * Migration 0009 (issue 14): an account locked before the lock could expire (locked_at set, no
 * end) gets the ladder's first step, counted from when it locked; other accounts none.
 */
const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('migration 0009: PIN lock ladder', () => {
  it('gives an account locked before it a 5-minute lock from when it locked', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const file = join(dir, 'kiosk.sqlite')
    const before = MIGRATIONS.findIndex((m) => m.id === 9)
    const old = await openDatabase({ file, now: () => T0, migrations: MIGRATIONS.slice(0, before) })
    const insert = old.raw.prepare(
      `INSERT INTO staff (id, code, name, role, pin_hash, pin_salt, failed_attempts, locked_at,
         active, created_at) VALUES (?, ?, 'N', 'clerk', 'h', 's', ?, ?, 1, 'x')`,
    )
    insert.run('a', 'C1', 5, '2026-11-30T10:00:00.000Z')
    insert.run('b', 'C2', 2, null)
    await old.dataSource.destroy()
    const db = await openDatabase({ file, now: () => T0 })
    expect(
      db.raw.prepare('SELECT code, locked_until, lock_count FROM staff ORDER BY code').all(),
    ).toEqual([
      { code: 'C1', locked_until: '2026-11-30T10:05:00.000Z', lock_count: 1 },
      { code: 'C2', locked_until: null, lock_count: 0 },
    ])
    await db.dataSource.destroy()
  })
})
