/**
 * Who may do what in the head-office console (docs/console.md#roles): one map, enforced by the
 * server on every console route; the console app reads the same list to hide links.
 */
export const CONSOLE_ROLES = [
  'admin',
  'finance',
  'operations',
  'customer-care',
  'fraud-audit',
] as const
export type ConsoleRole = (typeof CONSOLE_ROLES)[number]

export const CONSOLE_PERMISSIONS = [
  'dashboard.read',
  'plans.read',
  'fleet.read',
  'audit.read',
  'conflicts.manage',
  'users.manage',
  'catalog.read',
  'catalog.publish',
  'stores.manage',
  'staff.manage',
  'plans.resend',
  'notifications.read',
  'notifications.retry',
  'privacy.manage',
  'reports.read',
  'fraud.read',
] as const
export type ConsolePermission = (typeof CONSOLE_PERMISSIONS)[number]

export const ROLE_PERMISSIONS: Record<ConsoleRole, readonly ConsolePermission[]> = {
  admin: CONSOLE_PERMISSIONS,
  finance: ['dashboard.read', 'plans.read', 'catalog.read', 'reports.read'],
  operations: [
    'dashboard.read',
    'fleet.read',
    'catalog.read',
    'stores.manage',
    'staff.manage',
    'notifications.read',
    'notifications.retry',
    'reports.read',
  ],
  'customer-care': ['plans.read', 'plans.resend', 'notifications.read', 'privacy.manage'],
  'fraud-audit': [
    'dashboard.read',
    'plans.read',
    'audit.read',
    'conflicts.manage',
    'reports.read',
    'fraud.read',
  ],
}

/** Whether `role` holds `permission`. */
export function roleMay(role: ConsoleRole, permission: ConsolePermission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission)
}

export function isConsoleRole(value: unknown): value is ConsoleRole {
  return typeof value === 'string' && (CONSOLE_ROLES as readonly string[]).includes(value)
}
