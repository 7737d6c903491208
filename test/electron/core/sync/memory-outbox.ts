import type { OutboxPort } from '../../../../electron/core/sync/outbox-port'
import type { OutboxEvent } from '../../../../shared/sync/events'
import type { Change, PushEventResult } from '../../../../shared/sync/protocol'

/**
 * An OutboxPort over plain arrays for the sync client's own tests (the kiosk's SQLite port,
 * sync/sqlite-outbox.ts, is tested against the same behaviours). Its state can be copied to
 * simulate a kiosk restart after a crash.
 */
export function createMemoryOutbox(initial: OutboxEvent[] = []) {
  const events: Array<{ event: OutboxEvent; state: 'pending' | 'sent' | 'rejected' }> = initial.map(
    (event) => ({ event, state: 'pending' }),
  )
  const applied: Change[] = []
  const conflicts = new Map<string, string>()
  let cursor = 0
  const calls = { pending: 0, markResults: 0, applyPull: 0 }

  const port: OutboxPort = {
    async pending(limit) {
      calls.pending += 1
      const out: OutboxEvent[] = []
      for (const e of events) {
        if (e.state === 'pending') out.push(e.event)
        if (out.length >= limit) break
      }
      return out
    },
    async markResults(results: PushEventResult[]) {
      calls.markResults += 1
      const byId = new Map(events.map((e) => [e.event.id, e]))
      for (const r of results) {
        const e = byId.get(r.id)
        if (!e) continue
        if (r.status === 'rejected') e.state = 'rejected'
        else if (r.status !== 'deferred') e.state = 'sent'
        if (r.status === 'conflict') conflicts.set(r.conflict.conflictId, r.conflict.status)
      }
    },
    async pendingCount() {
      return events.filter((e) => e.state === 'pending').length
    },
    async oldestPendingAt() {
      const first = events.find((e) => e.state === 'pending')
      return first ? Date.parse(first.event.occurredAt) : null
    },
    async pullCursor() {
      return cursor
    },
    async applyPull(changes: Change[], nextSince: number) {
      calls.applyPull += 1
      applied.push(...changes)
      for (const c of changes)
        if (c.kind === 'conflict') conflicts.set(c.conflict.conflictId, c.conflict.status)
      cursor = nextSince
    },
    async openConflictCount() {
      return [...conflicts.values()].filter((s) => s === 'open').length
    },
  }
  return {
    port,
    events,
    applied,
    calls,
    add(...more: OutboxEvent[]) {
      for (const event of more) events.push({ event, state: 'pending' })
    },
    get cursor() {
      return cursor
    },
  }
}
