import { type Db, exec, one, rows } from '../sql'

/** A store as head office knows it, or null. */
export async function findStore(
  db: Db,
  code: string,
): Promise<{ name: string; active: boolean } | null> {
  const row = await one<{ name: string; active: number }>(
    db,
    `SELECT name, active FROM ho_store WHERE code = ?`,
    [code],
  )
  return row ? { name: row.name, active: Number(row.active) === 1 } : null
}

/** Whether a store is registered. */
export async function storeExists(db: Db, code: string): Promise<boolean> {
  return (await one(db, `SELECT code FROM ho_store WHERE code = ?`, [code])) !== null
}

export async function insertStore(
  db: Db,
  store: { code: string; name: string; active: boolean },
  now: number,
): Promise<void> {
  await exec(db, `INSERT INTO ho_store (code, name, active, created_at) VALUES (?, ?, ?, ?)`, [
    store.code,
    store.name,
    store.active ? 1 : 0,
    now,
  ])
}

export async function updateStore(
  db: Db,
  store: { code: string; name: string; active: boolean },
): Promise<void> {
  await exec(db, `UPDATE ho_store SET name = ?, active = ? WHERE code = ?`, [
    store.name,
    store.active ? 1 : 0,
    store.code,
  ])
}

/** The codes of every store (the audience `'*'` of the change feed). */
export async function storeCodes(db: Db): Promise<string[]> {
  return (await rows<{ code: string }>(db, `SELECT code FROM ho_store`)).map((r) => r.code)
}

/** The GSTIN a store bills under, from the published catalog (null when it has none). */
export async function setStoreGstin(db: Db, code: string, gstin: string | null): Promise<void> {
  await exec(db, `UPDATE ho_store SET gstin = ? WHERE code = ?`, [gstin, code])
}

/**
 * A kiosk other than `exceptId` with this kiosk code at a store of the same GSTIN as `storeCode`:
 * its id, or null. Document numbers are unique per GSTIN only if kiosk codes are.
 */
export async function kioskCodeTakenUnderGstin(
  db: Db,
  storeCode: string,
  kioskCode: string,
  exceptId: string,
): Promise<string | null> {
  const row = await one<{ id: string }>(
    db,
    `SELECT k.id FROM ho_kiosk k
       JOIN ho_store s ON s.code = k.store_code
       JOIN ho_store mine ON mine.code = ? AND mine.gstin IS NOT NULL AND s.gstin = mine.gstin
     WHERE k.kiosk_code = ? AND k.id <> ?`,
    [storeCode, kioskCode, exceptId],
  )
  return row ? row.id : null
}

/** Every store with how many kiosks it has in service (not retired), by code. */
export async function storeRowsWithKiosks(
  db: Db,
): Promise<Array<{ code: string; name: string; active: boolean; kiosks: number }>> {
  const found = await rows<{ code: string; name: string; active: number; kiosks: number | string }>(
    db,
    `SELECT s.code, s.name, s.active,
       (SELECT COUNT(*) FROM ho_kiosk k WHERE k.store_code = s.code AND k.retired_at IS NULL)
         AS kiosks
     FROM ho_store s ORDER BY s.code`,
  )
  return found.map((r) => ({
    code: r.code,
    name: r.name,
    active: Number(r.active) === 1,
    kiosks: Number(r.kiosks),
  }))
}

/** How many kiosks of a store can still sign requests (active, not revoked or retired). */
export async function activeKioskCount(db: Db, storeCode: string): Promise<number> {
  const row = await one<{ n: number | string }>(
    db,
    `SELECT COUNT(*) AS n FROM ho_kiosk WHERE store_code = ? AND status = 'active'`,
    [storeCode],
  )
  return Number(row?.n ?? 0)
}

/** The store's GST state (the console's region), from the published catalog. */
export async function setStoreState(db: Db, code: string, stateCode: string): Promise<void> {
  await exec(db, `UPDATE ho_store SET state_code = ? WHERE code = ?`, [stateCode, code])
}
