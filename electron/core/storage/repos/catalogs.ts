import type { Sql } from '../store'

/** Every installed catalog version's JSON document. */
export function catalogDocuments(sql: Sql): string[] {
  return sql
    .all<{ document: string }>('SELECT document FROM catalog_versions')
    .map((r) => r.document)
}
