import type { z } from 'zod'

/** Who is signed in at the kiosk (docs/program-rules.md#staff-roles-and-the-idle-lock). */
export const ROLES = ['clerk', 'technician', 'manager'] as const
export type Role = (typeof ROLES)[number]

/**
 * Who may call a channel: `public` needs no sign-in (app info, sign-in itself, quotes shown on
 * the idle screen); otherwise the signed-in staff member's role must be listed.
 */
export type Access = 'public' | readonly Role[]

export interface ChannelDef<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req
  response: Res
  access: Access
}

/** Declares a channel; keeps the literal types of the schemas. */
export function channel<Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res,
  access: Access,
): ChannelDef<Req, Res> {
  return { request, response, access }
}

export const ALL_STAFF: readonly Role[] = ROLES
