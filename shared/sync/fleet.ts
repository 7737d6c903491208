import { z } from 'zod'
import { envelopeOf } from './protocol'

/**
 * The fleet part of the kiosk ↔ head office protocol (issue 20, docs/fleet.md): provisioning a
 * kiosk from a one-time code, the heartbeat each sync carries, and the kiosk's logs. Like
 * `protocol.ts`, a wire format between independently deployed programs: additive changes only.
 */

/** A one-time provisioning code as printed: 4 groups of 4 Crockford base32 characters (80 bits). */
export const PROVISIONING_CODE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/

/** Normalises what a clerk typed: capitals, no spaces, I/L read as 1 and O as 0 (Crockford). */
export function normaliseProvisioningCode(typed: string): string {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0')
  return plain.length === 16 ? plain.match(/.{4}/g)!.join('-') : plain
}

export const ProvisionRequestSchema = z.object({
  code: z.string().regex(PROVISIONING_CODE, 'expected a code like ABCD-EFGH-JKMN-PQRS'),
})

/** The store a provisioned kiosk belongs to, as its tax documents print it. */
export const ProvisionedStoreSchema = z.object({
  code: z.string(),
  name: z.string(),
  legalName: z.string().nullable(),
  address: z.string().nullable(),
  stateCode: z.string().nullable(),
  gstin: z.string().nullable(),
})

export const ProvisionResponseDataSchema = z.object({
  store: ProvisionedStoreSchema,
  kioskCode: z.string(),
  kioskId: z.string(),
  /** The kiosk's HMAC secret: answered once, to this request only; never shown again. */
  secret: z.string().min(32).max(200),
})
export const ProvisionResponseSchema = envelopeOf(ProvisionResponseDataSchema)

/** What the kiosk's receipt printer last said about itself. */
export const PrinterHealthSchema = z.enum([
  'ok',
  'paper-near-end',
  'paper-out',
  'cover-open',
  'offline',
  'error',
  'not-configured',
  'unknown',
])

/**
 * The heartbeat each sync cycle sends (POST /sync/heartbeat). Head office keeps the latest per
 * kiosk. The clock offset is not the kiosk's word: head office derives it from `sentAt` and its
 * own clock on arrival.
 */
export const HeartbeatSchema = z.object({
  appVersion: z.string().max(40),
  os: z.string().max(120),
  freeDiskBytes: z.number().int().nonnegative().nullable(),
  databaseBytes: z.number().int().nonnegative().nullable(),
  /** Outbox events not yet acknowledged, and the age of the oldest of them. */
  backlog: z.number().int().nonnegative(),
  oldestUnsentAgeSeconds: z.number().int().nonnegative().nullable(),
  printer: PrinterHealthSchema,
  lastError: z.object({ code: z.string().max(60), message: z.string().max(500) }).nullable(),
  /** The kiosk's clock when it sent this (ISO 8601). */
  sentAt: z.iso.datetime(),
  /**
   * The catalog the kiosk quotes with (the version in force on its business date) and the newest
   * it holds, which may wait for its effective date (issue 21). Absent from kiosks before them.
   */
  catalogVersion: z.string().max(20).optional(),
  catalogLatest: z.string().max(20).optional(),
  /**
   * Its staff locked out by wrong PINs now, and until when (docs/console.md#staff): the console
   * shows them so the desk can issue an unlock code for this kiosk. Absent from older kiosks.
   */
  lockedStaff: z
    .array(z.object({ staffCode: z.string().min(1).max(32), until: z.iso.datetime() }))
    .max(100)
    .optional(),
})
export type Heartbeat = z.infer<typeof HeartbeatSchema>

export const HeartbeatResponseDataSchema = z.object({
  /** Head office's clock minus the kiosk's, as head office measured it. */
  clockOffsetMs: z.number().int(),
})
export const HeartbeatResponseSchema = envelopeOf(HeartbeatResponseDataSchema)

/** Largest log upload head office keeps (the kiosk sends the newest lines up to this). */
export const LOG_UPLOAD_MAX_BYTES = 512 * 1024

export const LogUploadSchema = z.object({
  /** Why: a manager pressed "send logs", or head office asked on a sync. */
  reason: z.enum(['manager', 'requested']),
  /** The kiosk's redacted log lines (JSON lines), newest last. */
  text: z.string().max(LOG_UPLOAD_MAX_BYTES),
})
export const LogUploadResponseDataSchema = z.object({
  logId: z.uuid(),
  bytes: z.number().int(),
})
export const LogUploadResponseSchema = envelopeOf(LogUploadResponseDataSchema)

export type ProvisionResponseData = z.infer<typeof ProvisionResponseDataSchema>
export type ProvisionedStore = z.infer<typeof ProvisionedStoreSchema>
export type PrinterHealth = z.infer<typeof PrinterHealthSchema>
