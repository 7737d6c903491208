import { createHash } from 'node:crypto'
import type {
  AuditEntry,
  AuditListRequest,
  AuditVerifyResponse,
} from '../../../shared/contract/audit'
import { AuditEntity, type AuditRow } from '../storage/entities'
import { allAuditEntries, auditPage, lastAuditLink } from '../storage/repos/audit'
import type { Sql, Tx } from '../storage/store'

const GENESIS = '0'.repeat(64)

/** What a service says about its action; the audit log adds time, chain and hash. */
export interface AuditInput {
  at: string
  businessDate: string
  staff: { staffId: string; code: string } | null
  action: string
  entity: string
  entityId: string | null
  details: Record<string, unknown>
}

function entryHash(prevHash: string, row: Omit<AuditRow, 'hash' | 'prevHash'>): string {
  // Fixed field order: the hash must not depend on object key order.
  const canonical = JSON.stringify([
    row.seq,
    row.at,
    row.businessDate,
    row.staffId,
    row.staffCode,
    row.action,
    row.entity,
    row.entityId,
    row.details,
  ])
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex')
}

/** Appends an entry chained to the previous one, inside the caller's transaction. */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<AuditRow> {
  const last = lastAuditLink(tx.sql)
  const base = {
    seq: (last?.seq ?? 0) + 1,
    at: input.at,
    businessDate: input.businessDate,
    staffId: input.staff?.staffId ?? null,
    staffCode: input.staff?.code ?? null,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId,
    details: JSON.stringify(input.details),
  }
  const prevHash = last?.hash ?? GENESIS
  const row: AuditRow = { ...base, prevHash, hash: entryHash(prevHash, base) }
  await tx.insert(AuditEntity, row)
  return row
}

/** Newest first, paged by seq. */
export function listAudit(
  sql: Sql,
  req: AuditListRequest,
): { entries: AuditEntry[]; nextBeforeSeq: number | null } {
  const filter = {
    ...(req.beforeSeq !== undefined ? { beforeSeq: req.beforeSeq } : {}),
    ...(req.businessDate ? { businessDate: req.businessDate } : {}),
    ...(req.action ? { action: req.action } : {}),
  }
  const rows = auditPage(sql, filter, req.limit + 1)
  const page = rows.slice(0, req.limit)
  return {
    entries: page.map((r) => ({
      seq: r.seq,
      at: r.at,
      businessDate: r.business_date,
      staffCode: r.staff_code,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      details: JSON.parse(r.details) as Record<string, unknown>,
      hash: r.hash,
    })),
    nextBeforeSeq: rows.length > req.limit ? page.at(-1)!.seq : null,
  }
}

/** Walks the chain from the first entry and reports the first broken link or hash. */
export function verifyAudit(sql: Sql): AuditVerifyResponse {
  let prevHash = GENESIS
  let expectedSeq = 1
  let entries = 0
  const rows = allAuditEntries(sql)
  for (const r of rows) {
    entries++
    const broken = (
      reasonCode: NonNullable<AuditVerifyResponse['reasonCode']>,
      reason: string,
    ): AuditVerifyResponse => ({
      ok: false,
      entries: rows.length,
      firstBrokenSeq: r.seq,
      reasonCode,
      reason,
    })
    if (r.seq !== expectedSeq) return broken('ENTRY_MISSING', `entry ${expectedSeq} is missing`)
    if (r.prev_hash !== prevHash)
      return broken('LINK_BROKEN', 'does not link to the previous entry')
    const hash = entryHash(prevHash, {
      seq: r.seq,
      at: r.at,
      businessDate: r.business_date,
      staffId: r.staff_id,
      staffCode: r.staff_code,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      details: r.details,
    })
    if (hash !== r.hash) return broken('ENTRY_EDITED', 'content does not match its hash (edited)')
    prevHash = r.hash
    expectedSeq++
  }
  return { ok: true, entries, firstBrokenSeq: null, reasonCode: null, reason: null }
}
