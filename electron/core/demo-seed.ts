import type { SeedStaff } from './config'

/**
 * Demo staff for the browser-mode/dev launcher and end-to-end tests. Never seeded unless the
 * shell passes them in `config.seedStaff`: a production kiosk gets its staff from head office.
 */
export const DEMO_STAFF: SeedStaff[] = [
  { code: 'C1', name: 'Asha Clerk', role: 'clerk', pin: '1111' },
  { code: 'T1', name: 'Ravi Technician', role: 'technician', pin: '2222' },
  { code: 'M1', name: 'Meera Manager', role: 'manager', pin: '3333' },
]
