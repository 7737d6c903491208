import { randomUUID } from 'node:crypto'
import type { DataSource } from 'typeorm'
import { auditPage, insertAudit } from '../db/repos/console'
import { type Db, num, withDb } from '../db/sql'

/** One change made through the console: who, what, on what, and the state before and after. */
export interface ConsoleAuditEntry {
  actor: string
  action: string
  subject: string
  before?: unknown
  after?: unknown
}

/** Writes one audit line in the caller's transaction, so a change and its record commit together. */
export async function recordAudit(db: Db, entry: ConsoleAuditEntry, now: number): Promise<void> {
  await insertAudit(db, {
    audit_id: randomUUID(),
    at: now,
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
    after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
  })
}

/** A page of the audit log, newest first. */
export async function consoleAudit(ds: DataSource, limit: number, offset: number) {
  const page = await withDb(ds, (db) => auditPage(db, limit, offset))
  return page.map((r) => ({
    at: num(r.at),
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    before: r.before_json === null ? null : (JSON.parse(r.before_json) as unknown),
    after: r.after_json === null ? null : (JSON.parse(r.after_json) as unknown),
  }))
}
