import { z } from 'zod'
import { ConflictSchema } from '../domain/conflict'
import { ALL_STAFF, channel } from './channel'
import { EmptySchema } from './common'

/**
 * The kiosk's view of its sync with head office (the header indicator polls `sync.status`).
 * Field names `pendingEvents`, `lastSyncAt`, `online` and `conflicts` are the ones the UI reads.
 */
export const SyncStatusViewSchema = z.object({
  /** A head-office URL and the kiosk secret are both set (and this is not training mode). */
  configured: z.boolean(),
  /** Why the sync is not running; null when it is. */
  disabledReason: z.enum(['not-configured', 'no-secret', 'training']).nullable(),
  headOfficeUrl: z.string().nullable(),
  /** null: not configured, or no attempt yet; false: head office unreachable on the last try. */
  online: z.boolean().nullable(),
  /** A sync cycle is running right now. */
  running: z.boolean(),
  lastAttemptAt: z.string().nullable(),
  /** The last time a full cycle (push and pull) succeeded. */
  lastSyncAt: z.string().nullable(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** Outbox events head office has not acknowledged yet. */
  pendingEvents: z.number().int(),
  /** Age of the oldest of them; null when none is pending. */
  oldestPendingAgeSeconds: z.number().int().nullable(),
  /** Events head office refused for good (parked for a manager, never resent). */
  rejectedEvents: z.number().int(),
  /** Conflicts still open at head office and not yet noted by a manager here. */
  conflicts: z.number().int(),
  consecutiveFailures: z.number().int(),
  nextAttemptAt: z.string().nullable(),
})

/** A conflict as this kiosk knows it: head office's verdict plus the local manager's note. */
export const LocalConflictSchema = ConflictSchema.extend({
  /** Which side this kiosk's own event is, if either. */
  ours: z.enum(['winner', 'loser']).nullable(),
  localNote: z.string().nullable(),
  localResolvedAt: z.string().nullable(),
  localResolvedBy: z.string().nullable(),
})

const httpUrl = z
  .string()
  .max(300)
  .refine((s) => {
    try {
      const u = new URL(s)
      return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password
    } catch {
      return false
    }
  }, 'expected an http(s) URL without credentials')

export const SyncConfigureRequestSchema = z.object({
  /** Head office's base URL; null stops syncing. */
  headOfficeUrl: httpUrl.nullable(),
  /**
   * The kiosk secret printed once by `tsx headoffice/admin.ts register-kiosk`. Stored in the OS
   * keychain (or a 0600 file in browser mode), never returned or logged. Omit to keep the stored one.
   */
  secret: z.string().min(16).max(200).optional(),
})

export const SyncConfigureResponseSchema = z.object({
  headOfficeUrl: z.string().nullable(),
  secretStored: z.boolean(),
  status: SyncStatusViewSchema,
})

export type SyncStatusView = z.infer<typeof SyncStatusViewSchema>
export type LocalConflict = z.infer<typeof LocalConflictSchema>

export const syncChannels = {
  /** Online?, last success, pending events and their age, conflicts, last error. */
  'sync.status': channel(EmptySchema, SyncStatusViewSchema, ALL_STAFF),
  /** Runs a sync attempt now (joining one in progress) and returns the status after it. */
  'sync.now': channel(EmptySchema, SyncStatusViewSchema, ALL_STAFF),
  /** Conflicts head office reported to this kiosk (newest first). */
  'sync.conflicts': channel(
    z.object({ status: z.enum(['open', 'resolved', 'all']).default('open') }),
    z.object({ conflicts: z.array(LocalConflictSchema) }),
    ['manager'],
  ),
  /**
   * A manager notes how a conflict was settled at this store. Local bookkeeping: head office
   * resolves conflicts at its desk (`POST /admin/conflicts/:id/resolve`), and that verdict
   * reaches the kiosk on the next pull; it has no kiosk-signed route or event for it.
   */
  'sync.resolveConflict': channel(
    z.object({ conflictId: z.uuid(), note: z.string().trim().min(1).max(1000) }),
    LocalConflictSchema,
    ['manager'],
  ),
  /**
   * Sends this kiosk's (already redacted) logs to head office (docs/fleet.md#logs): the newest
   * lines up to head office's limit.
   */
  'sync.sendLogs': channel(EmptySchema, z.object({ logId: z.string(), bytes: z.number().int() }), [
    'manager',
  ]),
  /** Sets the head-office URL and (once) the kiosk secret. */
  'sync.configure': channel(SyncConfigureRequestSchema, SyncConfigureResponseSchema, ['manager']),
}
