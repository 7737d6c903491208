import Database from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEMO_STAFF, type KioskCoreConfig } from '../../../electron/core'
import { createKioskCoreForTests, type KioskInternals } from '../../../electron/core/test-support'
import { createMemoryLogger } from '../../../electron/core/logger'
import type { RequestOf } from '../../../shared/ipc'
import { luhnCheckDigit, verhoeffCheckDigit } from '../../../shared/domain/checksums'

export const CATALOG_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../resources/catalog/demo-catalog.json',
)
export const KYC_KEY = Buffer.alloc(32, 7)

/** 2020-11-10 11:30 in Kolkata. */
export const T0 = Date.parse('2020-11-10T06:00:00Z')
export const DAY = 86_400_000

/** A clock tests move by hand. */
export function fixedClock(start = T0) {
  let now = start
  const clock = () => now
  clock.set = (t: number) => (now = t)
  clock.advanceDays = (d: number) => (now += d * DAY)
  return clock
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'kiosk-core-'))
}

/** The core under test, with its internals (test-support.ts), not only what the shells see. */
type KioskCore = KioskInternals

export interface TestCore {
  core: KioskCore
  dir: string
  clock: ReturnType<typeof fixedClock>
  config: KioskCoreConfig
  call: <C extends Parameters<KioskCore['dispatch']>[0]>(
    channel: C,
    request: unknown,
    session?: string,
  ) => ReturnType<KioskCore['dispatch']>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke at any response
  ok: (channel: string, request: unknown, session?: string) => Promise<any>
  signIn: (code: 'C1' | 'T1' | 'M1', session?: string) => Promise<void>
  reopen: (extra?: Partial<KioskCoreConfig>) => Promise<void>
  /** Closes the core, reads its database file with `read` (read-only), and opens the core again. */
  readDatabase: <T>(read: (db: Database.Database) => T) => Promise<T>
  cleanup: () => Promise<void>
}

/** A core on a fresh temp data directory with the demo catalog and demo staff. */
export async function makeCore(extra: Partial<KioskCoreConfig> = {}): Promise<TestCore> {
  const dir = extra.dataDir ?? tempDir()
  const clock = fixedClock()
  const config: KioskCoreConfig = {
    dataDir: dir,
    clock,
    bundledCatalogPath: CATALOG_PATH,
    storeCode: 'MH01',
    kioskCode: 'K1',
    appVersion: 'test',
    logger: createMemoryLogger(),
    kycKey: KYC_KEY,
    seedStaff: DEMO_STAFF,
    pinCostLog2: 10,
    ...extra,
  }
  const t = {
    core: await createKioskCoreForTests(config),
    dir,
    clock,
    config,
  } as TestCore
  t.call = (channel, request, session = 'S1') =>
    t.core.dispatch(channel, request, { sessionId: session, transport: 'ipc' })
  t.ok = async (channel, request, session = 'S1') => {
    const res = await t.core.dispatch(channel, request, { sessionId: session, transport: 'ipc' })
    if (!res.ok) throw new Error(`${channel} failed: ${JSON.stringify(res.error)}`)
    return res.data
  }
  t.signIn = async (code, session = 'S1') => {
    const pin = DEMO_STAFF.find((s) => s.code === code)!.pin
    await t.ok('staff.signIn', { staffCode: code, pin }, session)
  }
  t.reopen = async (more = {}) => {
    await t.core.close()
    Object.assign(config, more)
    t.core = await createKioskCoreForTests(config)
  }
  t.readDatabase = async (read) => {
    await t.core.close()
    const db = new Database(t.core.databasePath, { readonly: true })
    try {
      return read(db)
    } finally {
      db.close()
      t.core = await createKioskCoreForTests(config)
    }
  }
  t.cleanup = async () => {
    await t.core.close().catch(() => {})
    rmSync(dir, { recursive: true, force: true })
  }
  return t
}

let imeiCounter = 100_000
/** A fresh Luhn-valid IMEI. */
export function newImei(): string {
  const body = `35${String(imeiCounter++).padStart(12, '0')}`
  return body + luhnCheckDigit(body)
}

/** A Verhoeff-valid Aadhaar number ending in the given digits' check. */
export function aadhaar(seed = 23456789012): string {
  const body = String(seed).padStart(11, '2')
  return body + verhoeffCheckDigit(body)
}

/** A valid enrollment request for a dual-SIM Redmi Note 9 bought at MH01 on 2020-11-05. */
export function enrollmentRequest(
  over: Partial<RequestOf<'enrollment.create'>> = {},
): RequestOf<'enrollment.create'> {
  return {
    requestId: randomUUID(),
    variantId: 'redmi-note-9-4-64',
    imeis: [newImei(), newImei()],
    purchase: {
      invoiceNumber: 'INV-2020-0001',
      invoiceDate: '2020-11-05',
      storeCode: 'MH01',
      pricePaidPaise: 11_999_00,
    },
    customer: {
      name: 'Priya Sharma',
      mobile: '9876543210',
      email: 'priya@example.com',
      idType: 'aadhaar',
      idNumber: aadhaar(),
    },
    consent: {
      dataProcessing: true,
      notifications: true,
      marketing: false,
      version: 'dpdp-2026.11',
      givenBy: 'adult',
    },
    payment: { method: 'upi', reference: 'UPI123456', amountPaise: 499_00 },
    ...over,
  }
}

/** A tiny PNG (its magic number is what the core checks). */
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).toString(
  'base64',
)

/** Signs the clerk in and enrolls a plan. */
export async function enrolled(tc: TestCore) {
  await tc.signIn('C1')
  const req = enrollmentRequest()
  const res = await tc.ok('enrollment.create', req)
  return { req, planNumber: res.plan.planNumber as string }
}

/** The technician inspects the phone: every item passes but `failId`. */
export async function inspect(tc: TestCore, planNumber: string, imei: string, failId?: string) {
  await tc.signIn('T1', 'TECH')
  const start = await tc.ok('inspection.start', { planNumber, imei }, 'TECH')
  const answers = start.checklist.map((item: { id: string; photo: boolean }) => ({
    itemId: item.id,
    result: item.id === failId ? 'fail' : 'pass',
    note: item.id === failId ? 'cracked' : null,
    photo: item.photo ? { mime: 'image/png', base64: PNG } : null,
  }))
  return tc.ok('inspection.submit', { inspectionId: start.inspectionId, answers }, 'TECH')
}

/** A real 1×1 PNG, as a signature pad's image (base64). */
export const SIGNATURE_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

/**
 * The customer's signed hand-over declaration and, offline, the clerk's ID check: what every
 * redemption.complete carries since issue 17.
 */
export const SIGNED = {
  handover: {
    ownership: true,
    accountsRemoved: true,
    dataWiped: true,
    transfer: true,
    signaturePng: SIGNATURE_PNG,
  },
  customerCheck: { method: 'id-check' as const },
}

/** A plan enrolled, inspected and redeemed in month 4 (the old phone is then in the store). */
export async function redeemed(tc: TestCore) {
  const { req, planNumber } = await enrolled(tc)
  tc.clock.set(Date.parse('2021-03-01T06:00:00Z'))
  const insp = await inspect(tc, planNumber, req.imeis[0]!)
  await tc.signIn('C1')
  await tc.ok('redemption.complete', {
    requestId: randomUUID(),
    planNumber,
    inspectionId: insp.inspectionId,
    customer: { mobile: '9876543210' },
    newDevice: {
      brand: 'Xiaomi',
      modelName: 'Mi 10T',
      imei: newImei(),
      pricePaise: 35_999_00,
      salesInvoiceNumber: 'MH01-POS/90412',
    },
    payment: { method: 'cash', amountPaise: 27_600_00 },
    ...SIGNED,
  })
  return { req, planNumber }
}
