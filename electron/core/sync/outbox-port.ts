import type { OutboxEvent } from '../../../shared/sync/events'
import type { Change, PushEventResult } from '../../../shared/sync/protocol'

/**
 * What the sync client needs from the kiosk's storage. The storage layer implements it on its
 * SQLite database; every method is one short local transaction, so a sync never holds a lock a
 * sale would wait on, and a crash at any point resumes from what was committed.
 */
export interface OutboxPort {
  /** The oldest events not yet acknowledged by head office, in seq order, at most `limit`. */
  pending(limit: number): Promise<OutboxEvent[]>
  /**
   * Records head office's answers in one local transaction: `applied`, `duplicate` and
   * `conflict` are acknowledged (never sent again; a conflict is also kept for the manager),
   * `rejected` is parked for a manager (never resent), `deferred` stays pending.
   */
  markResults(results: PushEventResult[]): Promise<void>
  pendingCount(): Promise<number>
  /** `occurredAt` (epoch ms) of the oldest pending event, or null when none is pending. */
  oldestPendingAt(): Promise<number | null>
  /** The pull cursor stored by the last `applyPull` (0 at first). */
  pullCursor(): Promise<number>
  /** Applies pulled changes and stores `nextSince` in the same local transaction. */
  applyPull(changes: Change[], nextSince: number): Promise<void>
  /** Conflicts not yet resolved, for the status indicator. */
  openConflictCount(): Promise<number>
}

/** What `sync.status` reports (the UI indicator reads it). */
export interface SyncStatus {
  /** null before the first attempt. */
  online: boolean | null
  running: boolean
  lastAttemptAt: string | null
  lastSuccessAt: string | null
  lastError: { code: string; message: string } | null
  pendingCount: number
  oldestPendingAgeSeconds: number | null
  conflicts: number
  consecutiveFailures: number
  nextAttemptAt: string | null
}
