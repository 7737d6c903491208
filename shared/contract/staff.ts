import { z } from 'zod'
import { ROLES, channel } from './channel'
import { EmptySchema } from './common'

export const StaffCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{1,12}$/, 'staff code: letters and digits')
export const PinSchema = z.string().regex(/^\d{4,8}$/, 'PIN: 4 to 8 digits')

export const StaffTileSchema = z.object({
  code: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
})

export const StaffCurrentSchema = z.object({
  staff: StaffTileSchema.nullable(),
  /** Signed in but locked after inactivity: only `staff.unlock` (same staff's PIN) goes on. */
  locked: z.boolean(),
  idleLockMinutes: z.number(),
  training: z.boolean(),
})

/**
 * A sign-in tile: who, and whether too many wrong PINs locked them out — until when (the lock
 * expires on its own; a manager may unlock sooner).
 */
export const StaffListEntrySchema = StaffTileSchema.extend({
  lockedOut: z.boolean(),
  lockedUntil: z.string().nullable(),
})

export type StaffTile = z.infer<typeof StaffTileSchema>
export type StaffListEntry = z.infer<typeof StaffListEntrySchema>
export type StaffCurrent = z.infer<typeof StaffCurrentSchema>

export const staffChannels = {
  /** Active staff for the sign-in screen's tiles (no PINs, no ids). */
  'staff.list': channel(EmptySchema, z.object({ staff: z.array(StaffListEntrySchema) }), 'public'),
  /**
   * Sign in with staff code + PIN. A PIN alone would have to be unique per store and lets one
   * guess try every account at once; code + PIN also makes the lockout per person.
   */
  'staff.signIn': channel(
    z.object({ staffCode: StaffCodeSchema, pin: PinSchema }),
    StaffCurrentSchema,
    'public',
  ),
  'staff.signOut': channel(EmptySchema, StaffCurrentSchema, 'public'),
  'staff.current': channel(EmptySchema, StaffCurrentSchema, 'public'),
  /** Locks the session now (the staff member walks away). */
  'staff.lock': channel(EmptySchema, StaffCurrentSchema, 'public'),
  /** Re-enter the signed-in staff member's PIN after the idle lock. */
  'staff.unlock': channel(z.object({ pin: PinSchema }), StaffCurrentSchema, 'public'),
  /**
   * The way back when no manager can sign in: an unlock code head office issued for this staff
   * member, this kiosk and today, checked offline with the kiosk's secret; good once
   * (docs/security.md#pin-lockout).
   */
  'staff.unlockWithCode': channel(
    z.object({ staffCode: StaffCodeSchema, code: z.string().regex(/^\d{8}$/, 'code: 8 digits') }),
    z.object({ code: z.string(), failedAttempts: z.number().int() }),
    'public',
  ),
  /** A manager clears another staff member's wrong-PIN lockout. */
  'staff.clearLockout': channel(
    z.object({ staffCode: StaffCodeSchema }),
    z.object({ code: z.string(), failedAttempts: z.number().int() }),
    ['manager'],
  ),
}
