import type { Sql } from '../store'

/** A store as raw SQL returns it. */
export interface RawStore {
  code: string
  name: string
  address: string
  state_code: string
  gstin: string | null
  legal_name: string | null
}

/** A store of the catalog by code. */
export function storeByCode(sql: Sql, code: string): RawStore | undefined {
  return sql.get<RawStore>(
    'SELECT code, name, address, state_code, gstin, legal_name FROM stores WHERE code = ?',
    code,
  )
}

/** What head office's feed changes of a store: its name and status. */
export function updateStoreNameAndStatus(
  sql: Sql,
  code: string,
  name: string,
  active: boolean,
): void {
  sql.run('UPDATE stores SET name = ?, active = ? WHERE code = ?', name, active ? 1 : 0, code)
}
