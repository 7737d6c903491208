import type { Role } from '../../shared/contract/channel'

/**
 * What each role may do at the kiosk (docs/program-rules.md#staff-roles-and-the-idle-lock),
 * mirroring the `access` lists of the contract: a screen or button for something the core would
 * refuse is never offered.
 */
export const CAPABILITIES = {
  quote: ['clerk', 'technician', 'manager'],
  find: ['clerk', 'technician', 'manager'],
  enroll: ['clerk', 'manager'],
  inspect: ['technician', 'manager'],
  redeem: ['clerk', 'manager'],
  reprint: ['clerk', 'manager'],
  cancel: ['manager'],
  endOfDay: ['manager'],
  sync: ['manager'],
  devices: ['manager'],
  audit: ['manager'],
  privacy: ['manager'],
  settings: ['manager'],
  // Trade-in (issue 22, shared/contract/tradein.ts): the screen for all; the technician (or the
  // manager) opens it and runs the checklist, the clerk (or the manager) closes it with the customer.
  tradeIn: ['clerk', 'technician', 'manager'],
  tradeInInspect: ['technician', 'manager'],
  tradeInAccept: ['clerk', 'manager'],
} as const satisfies Record<string, readonly Role[]>

export type Capability = keyof typeof CAPABILITIES

/** True when the role may use the capability. */
export function roleCan(role: Role | null | undefined, capability: Capability): boolean {
  return role != null && (CAPABILITIES[capability] as readonly Role[]).includes(role)
}
