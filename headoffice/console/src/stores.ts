import { ApiError } from './api'

/** A store as the console's store desk shows it (GET /console/api/stores). */
export interface StoreLine {
  code: string
  name: string
  kind: string | null
  legalName: string | null
  address: string | null
  stateCode: string | null
  gstin: string | null
  status: 'open' | 'closed'
  kiosks: number
  inCatalog: boolean
}

/** What the store form edits. */
export interface StoreForm {
  code: string
  name: string
  kind: string
  legalName: string
  address: string
  stateCode: string
  gstin: string
}

/** A kiosk of the fleet list (GET /console/api/fleet). */
export interface KioskLine {
  kioskId: string
  storeCode: string
  kioskCode: string
  status: string
  lastSeenAt: string | null
  heartbeat: {
    appVersion: string
    backlog: number
    oldestUnsentAgeSeconds: number | null
    printer: string
  } | null
  flags: string[]
}

export const STORE_KINDS = [
  { value: 'mi-home', label: 'Mi Home' },
  { value: 'mi-studio', label: 'Mi Studio' },
  { value: 'preferred-partner', label: 'Preferred partner' },
]

/** What went wrong, in words for the person at the desk (the server's message when it gave one). */
export function problem(error: unknown, fallback: string): string {
  if (error instanceof ApiError && error.status !== 500) return error.message
  return fallback
}

/** Seconds as "7 min" or "3 h". */
export const age = (s: number | null) =>
  s === null ? '' : s < 3600 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`
