import { EntitySchema } from 'typeorm'
import { bool, int, json, text } from './columns'

export interface StoreRow {
  code: string
  name: string
  kind: string
  address: string
  stateCode: string
  gstin: string | null
  /** The legal name registered under the GSTIN (Rule 46(a)). */
  legalName: string | null
  active: boolean
}

export const StoreEntity = new EntitySchema<StoreRow>({
  name: 'Store',
  tableName: 'stores',
  columns: {
    code: text('code', { key: true }),
    name: text('name'),
    kind: text('kind'),
    address: text('address'),
    stateCode: text('state_code'),
    gstin: text('gstin', { nullable: true }),
    legalName: text('legal_name', { nullable: true }),
    active: bool('active'),
  },
})

export interface StaffRow {
  id: string
  code: string
  name: string
  role: 'clerk' | 'technician' | 'manager'
  pinHash: string
  pinSalt: string
  failedAttempts: number
  /** When the latest lock began (kept after it ends: the ladder's memory). */
  lockedAt: string | null
  /** When the current lock ends; null when not locked. */
  lockedUntil: string | null
  /** Locks in a row: the step on the lockout ladder (a manager's unlock resets it). */
  lockCount: number
  active: boolean
  createdAt: string
}

export const StaffEntity = new EntitySchema<StaffRow>({
  name: 'Staff',
  tableName: 'staff',
  columns: {
    id: text('id', { key: true }),
    code: text('code'),
    name: text('name'),
    role: text('role'),
    pinHash: text('pin_hash'),
    pinSalt: text('pin_salt'),
    failedAttempts: int('failed_attempts'),
    lockedAt: text('locked_at', { nullable: true }),
    lockedUntil: text('locked_until', { nullable: true }),
    lockCount: int('lock_count'),
    active: bool('active'),
    createdAt: text('created_at'),
  },
})

export interface CatalogVersionRow {
  version: string
  effectiveFrom: string
  document: unknown
  source: 'bundled' | 'headoffice' | 'manager'
  installedAt: string
}

export const CatalogVersionEntity = new EntitySchema<CatalogVersionRow>({
  name: 'CatalogVersion',
  tableName: 'catalog_versions',
  columns: {
    version: text('version', { key: true }),
    effectiveFrom: text('effective_from'),
    document: json('document'),
    source: text('source'),
    installedAt: text('installed_at'),
  },
})

export interface SettingRow {
  key: string
  value: string
  updatedAt: string
}

export const SettingEntity = new EntitySchema<SettingRow>({
  name: 'Setting',
  tableName: 'settings',
  columns: {
    key: text('key', { key: true }),
    value: text('value'),
    updatedAt: text('updated_at'),
  },
})

export interface SequenceRow {
  name: string
  value: number
}

export const SequenceEntity = new EntitySchema<SequenceRow>({
  name: 'Sequence',
  tableName: 'sequences',
  columns: { name: text('name', { key: true }), value: int('value') },
})
