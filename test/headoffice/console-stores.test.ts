import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyPin } from '../../electron/core/staff/pin'
import { headOfficePinHashToKiosk } from '../../electron/core/sync/staff-pin'
import { createConsoleUser } from '../../headoffice/services/console-users'
import { gstinCheckChar } from '../../shared/domain/checksums'
import { todayInKolkata } from '../../shared/domain'
import type { Change } from '../../shared/sync/protocol'
import { unlockCode } from '../../shared/sync/unlock-code'
import { consoleClient } from './console-client'
import { count, startHeadOffice, TARGETS, type TestHeadOffice } from './harness'

// Issue 21 (docs/console.md#stores-and-kiosks, #staff): the console's store desk and the staff of
// each store, through the console API with signed-in sessions, on SQLite and PostgreSQL.

const withCheck = (first14: string) => `${first14}${gstinCheckChar(first14)}`
/** A Maharashtra GSTIN of the demo's company (entity 2), valid check character. */
const GSTIN_27 = withCheck('27AABCM1234A2Z')
/** The same with its last character changed: mistyped. */
const GSTIN_27_TYPO = `${GSTIN_27.slice(0, 14)}${GSTIN_27.endsWith('A') ? 'B' : 'A'}`

const NEW_STORE = {
  code: 'MH05',
  name: 'Mi Home Phoenix Mills',
  kind: 'mi-home',
  legalName: 'Xiaomi Technology India Private Limited',
  address: 'Phoenix Mills, Lower Parel, Mumbai, Maharashtra 400013',
  stateCode: '27',
  gstin: GSTIN_27,
}

type Client = ReturnType<typeof consoleClient>
interface AuditLine {
  action: string
  actor: string
  subject: string
  before: unknown
  after: unknown
}

describe.each(TARGETS)('head-office console: stores, kiosks and staff (%s)', (kind) => {
  let ho: TestHeadOffice
  let ops: Client
  let admin: Client
  let care: Client
  let finance: Client

  async function person(email: string, role: string): Promise<Client> {
    const password = `${role}-password-0123`
    await createConsoleUser(ho.ds, { email, role, actor: 'cli', password }, ho.now.value)
    const c = consoleClient(ho.url)
    expect((await c.signIn(email, password)).status).toBe(200)
    return c
  }

  const audit = async (): Promise<AuditLine[]> =>
    (await admin.call('GET', '/audit?pageSize=100')).json.data

  /** The staff changes a kiosk of `store` receives on a pull from the start of its feed. */
  async function pulledStaff(store: string, kioskCode: string, secret: string) {
    const http = ho.client(store, kioskCode, secret)
    const changes: Change[] = []
    let since = 0
    for (;;) {
      const page = await http.pull(since)
      changes.push(...page.changes)
      if (page.changes.length === 0 || page.nextSince === since) break
      since = page.nextSince
    }
    return changes.filter((c) => c.kind === 'staff')
  }

  const pinWorks = async (pinHash: string, pin: string) => {
    const kioskForm = headOfficePinHashToKiosk(pinHash)
    expect(kioskForm).not.toBeNull()
    return verifyPin(pin, kioskForm as { hash: string; salt: string })
  }

  beforeAll(async () => {
    ho = await startHeadOffice(kind)
    ops = await person('ops@brand.example', 'operations')
    admin = await person('admin@brand.example', 'admin')
    care = await person('care@brand.example', 'customer-care')
    finance = await person('fin@brand.example', 'finance')
  }, 60_000)
  afterAll(async () => ho.close())

  it('refuses roles without the permission (403) and changes without the CSRF token', async () => {
    for (const c of [care, finance]) {
      expect((await c.call('GET', '/stores')).status).toBe(403)
      expect((await c.call('POST', '/stores', NEW_STORE)).status).toBe(403)
      expect((await c.call('GET', '/stores/MH01/staff')).status).toBe(403)
      const add = await c.call('POST', '/stores/MH01/staff', {
        staffCode: 'X1',
        name: 'X',
        role: 'clerk',
      })
      expect(add.status).toBe(403)
      expect(add.json.error.code).toBe('ROLE_FORBIDDEN')
      expect((await c.call('POST', '/stores/MH01/staff/X1/reset-pin')).status).toBe(403)
      const code = await c.call('POST', '/stores/MH01/provisioning-codes', { kioskCode: 'K8' })
      expect(code.status).toBe(403)
    }
    const noToken = consoleClient(ho.url)
    await noToken.signIn('ops@brand.example', 'operations-password-0123')
    noToken.dropCsrf()
    expect((await noToken.call('POST', '/stores', NEW_STORE)).status).toBe(403)
    expect(await count(ho.ds, 'ho_store', 'code = ?', ['MH05'])).toBe(0)
    expect((await ops.call('GET', '/stores')).status).toBe(200)
  })

  it('adds a store only with a valid GSTIN of its state, as a new catalog version kiosks pull', async () => {
    const versions = await count(ho.ds, 'ho_catalog')
    const typo = await ops.call('POST', '/stores', { ...NEW_STORE, gstin: GSTIN_27_TYPO })
    expect(typo.status).toBe(400)
    expect(typo.json.error).toMatchObject({ code: 'GSTIN_INVALID' })
    expect(typo.json.error.message).toContain('check character')
    const otherState = await ops.call('POST', '/stores', { ...NEW_STORE, stateCode: '29' })
    expect(otherState.status).toBe(400)
    expect(otherState.json.error.message).toContain('not in the store')
    const noName = await ops.call('POST', '/stores', { ...NEW_STORE, legalName: '' })
    expect(noName.json.error.code).toBe('BUSINESS_NAME_INVALID')
    // Nothing half-written: no store, no catalog version, no audit line.
    expect(await count(ho.ds, 'ho_store', 'code = ?', ['MH05'])).toBe(0)
    expect(await count(ho.ds, 'ho_catalog')).toBe(versions)
    expect((await audit()).filter((a) => a.action.startsWith('store.'))).toEqual([])

    const added = await ops.call('POST', '/stores', NEW_STORE)
    expect(added.status, JSON.stringify(added.json)).toBe(200)
    expect(added.json.data.catalogVersion).toBe('2026.11.2')
    const again = await ops.call('POST', '/stores', NEW_STORE)
    expect(again.status).toBe(409)

    const stores = (await ops.call('GET', '/stores')).json.data.stores
    expect(stores.find((s: { code: string }) => s.code === 'MH05')).toMatchObject({
      legalName: NEW_STORE.legalName,
      gstin: GSTIN_27,
      stateCode: '27',
      status: 'open',
      kiosks: 0,
    })
    // A kiosk anywhere receives the version naming the store on its next pull.
    const http = ho.client('MH01', 'K1', await ho.register('MH01', 'K1'))
    const pulled = (await http.pull(0)).changes.filter((c) => c.kind === 'catalog')
    const newest = pulled.at(-1) as Extract<Change, { kind: 'catalog' }>
    expect(newest.catalog.version).toBe('2026.11.2')
    expect(newest.catalog.stores.find((s) => s.code === 'MH05')?.gstin).toBe(GSTIN_27)
  })

  it('edits a store (bad GSTIN refused), audited before and after', async () => {
    const bad = await ops.call('PUT', '/stores/MH05', { ...NEW_STORE, gstin: GSTIN_27_TYPO })
    expect(bad.status).toBe(400)
    expect(bad.json.error.code).toBe('GSTIN_INVALID')
    const moved = { ...NEW_STORE, address: 'Kamala Mills, Lower Parel, Mumbai 400013' }
    const ok = await ops.call('PUT', '/stores/MH05', moved)
    expect(ok.status, JSON.stringify(ok.json)).toBe(200)
    expect(ok.json.data.catalogVersion).toBe('2026.11.3')
    const unknown = await ops.call('PUT', '/stores/ZZ99', moved)
    expect(unknown.status).toBe(404)
    const online = await ops.call('PUT', '/stores/ONLINE', moved)
    expect(online.json.error.code).toBe('STORE_NOT_IN_PROGRAM')
    const line = (await audit()).find((a) => a.action === 'store.edit')
    expect(line).toMatchObject({
      actor: 'ops@brand.example',
      subject: 'MH05',
      before: { address: NEW_STORE.address, gstin: GSTIN_27 },
      after: { address: moved.address, gstin: GSTIN_27, catalogVersion: '2026.11.3' },
    })
  })

  it('issues a provisioning code once (never in the audit); it provisions a kiosk once', async () => {
    const issued = await ops.call('POST', '/stores/MH05/provisioning-codes', { kioskCode: 'K1' })
    expect(issued.status, JSON.stringify(issued.json)).toBe(200)
    const { code, expiresAt } = issued.json.data
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/)
    expect(Date.parse(expiresAt)).toBe(ho.now.value + 24 * 3_600_000)
    const provision = () =>
      fetch(`${ho.url}/provision`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      })
    const first = await provision()
    expect(first.status).toBe(200)
    const body = (await first.json()) as { data: { kioskId: string; secret: string } }
    expect(body.data.kioskId).toBe('MH05/K1')
    expect((await provision()).status).toBe(409)

    const stores = (await ops.call('GET', '/stores')).json.data.stores
    expect(stores.find((s: { code: string }) => s.code === 'MH05').kiosks).toBe(1)
    const line = (await audit()).find((a) => a.action === 'kiosk.provisioning-code')
    expect(line).toMatchObject({ subject: 'MH05/K1', after: { expiresAt } })
    expect(JSON.stringify(line)).not.toContain(code)
    expect(JSON.stringify(await audit())).not.toContain(code.replace(/-/g, ''))
  })

  it('refuses to close a store with a kiosk in service; revokes and retires with a reason', async () => {
    const closing = await ops.call('POST', '/stores/MH05/close', { reason: 'Lease ended' })
    expect(closing.status).toBe(409)
    expect(closing.json.error.message).toContain('revoke or retire')

    const secret = await ho.register('MH05', 'K2')
    const http = ho.client('MH05', 'K2', secret)
    expect((await http.pull(0)).changes.length).toBeGreaterThan(0)
    const noReason = await ops.call('POST', '/kiosks/MH05/K2/end', { action: 'revoke', reason: '' })
    expect(noReason.status).toBe(400)
    const revoked = await ops.call('POST', '/kiosks/MH05/K2/end', {
      action: 'revoke',
      reason: 'Stolen from the counter',
    })
    expect(revoked.status).toBe(200)
    await expect(http.pull(0)).rejects.toThrow()
    expect(
      (await ops.call('POST', '/kiosks/MH05/K9/end', { action: 'retire', reason: 'gone' })).status,
    ).toBe(404)

    const retired = await ops.call('POST', '/kiosks/MH05/K1/end', {
      action: 'retire',
      reason: 'Replaced by K2',
    })
    expect(retired.status).toBe(200)
    const twice = await ops.call('POST', '/kiosks/MH05/K1/end', {
      action: 'retire',
      reason: 'again',
    })
    expect(twice.status).toBe(409)
    const closed = await ops.call('POST', '/stores/MH05/close', { reason: 'Lease ended' })
    expect(closed.status, JSON.stringify(closed.json)).toBe(200)
    const stores = (await ops.call('GET', '/stores')).json.data.stores
    expect(stores.find((s: { code: string }) => s.code === 'MH05')).toMatchObject({
      status: 'closed',
      kiosks: 1, // K2 revoked, not retired: still the store's
    })
    // A closed store takes no new kiosk.
    const code = await ops.call('POST', '/stores/MH05/provisioning-codes', { kioskCode: 'K3' })
    expect(code.json.error.code).toBe('STORE_NOT_IN_PROGRAM')
    const reopened = await ops.call('POST', '/stores/MH05/reopen', { reason: 'New lease signed' })
    expect(reopened.status).toBe(200)
    expect((await ops.call('POST', '/stores/MH05/reopen', { reason: 'again' })).status).toBe(409)
    const open = (await ops.call('GET', '/stores')).json.data.stores
    expect(open.find((s: { code: string }) => s.code === 'MH05').status).toBe('open')
    const lines = await audit()
    expect(lines.find((a) => a.action === 'kiosk.revoke')).toMatchObject({
      subject: 'MH05/K2',
      before: { status: 'active' },
      after: { status: 'revoked', reason: 'Stolen from the counter' },
    })
    expect(lines.find((a) => a.action === 'kiosk.retire')).toMatchObject({
      subject: 'MH05/K1',
      after: { status: 'retired', reason: 'Replaced by K2' },
    })
    expect(lines.find((a) => a.action === 'store.close')).toMatchObject({
      subject: 'MH05',
      after: { active: false, reason: 'Lease ended' },
    })
  })

  it('adds staff with a PIN shown once; role, deactivation and PIN resets reach the kiosk', async () => {
    const secret = await ho.register('MH01', 'K4')
    const added = await ops.call('POST', '/stores/MH01/staff', {
      staffCode: 'c7',
      name: 'Kavya Rao',
      role: 'clerk',
    })
    expect(added.status, JSON.stringify(added.json)).toBe(200)
    expect(added.json.data.staff).toMatchObject({ staffCode: 'C7', role: 'clerk', active: true })
    const firstPin: string = added.json.data.pin
    expect(firstPin).toMatch(/^\d{6}$/)
    const dup = await ops.call('POST', '/stores/MH01/staff', {
      staffCode: 'C7',
      name: 'Someone',
      role: 'clerk',
    })
    expect(dup.status).toBe(409)
    const badRole = await ops.call('POST', '/stores/MH01/staff', {
      staffCode: 'C8',
      name: 'Someone',
      role: 'owner',
    })
    expect(badRole.status).toBe(400)
    expect(badRole.json.error.code).toBe('VALIDATION_FAILED')

    let staff = (await pulledStaff('MH01', 'K4', secret)).filter((c) => c.staff.staffCode === 'C7')
    expect(await pinWorks(staff.at(-1)!.staff.pinHash, firstPin)).toBe(true)

    const role = await ops.call('PATCH', '/stores/MH01/staff/C7', { role: 'technician' })
    expect(role.json.data.staff.role).toBe('technician')

    const reset = await ops.call('POST', '/stores/MH01/staff/C7/reset-pin')
    expect(reset.status).toBe(200)
    const newPin: string = reset.json.data.pin
    expect(newPin).toMatch(/^\d{6}$/)
    staff = (await pulledStaff('MH01', 'K4', secret)).filter((c) => c.staff.staffCode === 'C7')
    const latest = staff.at(-1)!.staff
    expect(latest.role).toBe('technician')
    expect(await pinWorks(latest.pinHash, newPin)).toBe(true)
    if (newPin !== firstPin) expect(await pinWorks(latest.pinHash, firstPin)).toBe(false)

    const off = await ops.call('PATCH', '/stores/MH01/staff/C7', { active: false })
    expect(off.json.data.staff.active).toBe(false)
    staff = (await pulledStaff('MH01', 'K4', secret)).filter((c) => c.staff.staffCode === 'C7')
    expect(staff.at(-1)!.staff.active).toBe(false)
    const resetOff = await ops.call('POST', '/stores/MH01/staff/C7/reset-pin')
    expect(resetOff.status).toBe(409)
    expect((await ops.call('POST', '/stores/MH01/staff/ZZ/reset-pin')).status).toBe(404)
    const noChange = await ops.call('PATCH', '/stores/MH01/staff/C7', {})
    expect(noChange.status).toBe(400)
    const back = await ops.call('PATCH', '/stores/MH01/staff/C7', { active: true })
    expect(back.json.data.staff.active).toBe(true)
    staff = (await pulledStaff('MH01', 'K4', secret)).filter((c) => c.staff.staffCode === 'C7')
    expect(staff.at(-1)!.staff.active).toBe(true)
    await ops.call('PATCH', '/stores/MH01/staff/C7', { active: false })

    const list = (await ops.call('GET', '/stores/MH01/staff')).json.data.staff
    expect(list).toEqual([
      expect.objectContaining({
        staffCode: 'C7',
        name: 'Kavya Rao',
        role: 'technician',
        active: false,
      }),
    ])
    expect(JSON.stringify(list)).not.toContain('scrypt')

    // The audit says who changed what, never a PIN or its hash.
    const lines = (await audit()).filter((a) => a.subject === 'MH01/C7')
    expect(lines.map((a) => a.action).sort()).toEqual(
      [
        'staff.add',
        'staff.pin-reset',
        'staff.update',
        'staff.update',
        'staff.update',
        'staff.update',
      ].sort(),
    )
    expect(lines.find((a) => a.action === 'staff.pin-reset')).toMatchObject({
      actor: 'ops@brand.example',
      after: { pin: 'reset' },
    })
    for (const line of lines) {
      const text = JSON.stringify([line.before, line.after])
      expect(text).not.toContain('scrypt')
      expect(text).not.toContain(firstPin)
      expect(text).not.toContain(newPin)
    }
  })

  it('issues today’s unlock code for a locked-out person at one kiosk, audited without it', async () => {
    const secret = await ho.register('MS01', 'K1')
    const added = await ops.call('POST', '/stores/MS01/staff', {
      staffCode: 'M2',
      name: 'Imran Sheikh',
      role: 'manager',
    })
    expect(added.status).toBe(200)
    // The kiosk's heartbeat says M2 is locked out there (and someone else's lock has ended).
    const soon = new Date(ho.now.value + 3_600_000).toISOString()
    await ho.client('MS01', 'K1', secret).heartbeat({
      appVersion: '1.4.0',
      os: 'Windows 11',
      freeDiskBytes: null,
      databaseBytes: null,
      backlog: 0,
      oldestUnsentAgeSeconds: null,
      printer: 'ok',
      lastError: null,
      sentAt: new Date(ho.now.value).toISOString(),
      lockedStaff: [
        { staffCode: 'M2', until: soon },
        { staffCode: 'R9', until: new Date(ho.now.value - 1000).toISOString() },
      ],
    })
    const listed = (await ops.call('GET', '/stores/MS01/staff')).json.data.staff
    expect(listed.find((s: { staffCode: string }) => s.staffCode === 'M2').lockedAt).toEqual([
      { kioskCode: 'K1', until: soon },
    ])
    const r = await ops.call('POST', '/stores/MS01/staff/M2/unlock-code', { kioskCode: 'K1' })
    expect(r.status, JSON.stringify(r.json)).toBe(200)
    const day = todayInKolkata(() => ho.now.value)
    const hmac = (key: string, message: string) =>
      createHmac('sha256', key).update(message, 'utf8').digest('hex')
    const expected = await unlockCode(hmac, secret, {
      storeCode: 'MS01',
      kioskCode: 'K1',
      staffCode: 'M2',
      day,
    })
    expect(r.json.data).toMatchObject({ code: expected, day, kioskId: 'MS01/K1' })
    const elsewhere = await ops.call('POST', '/stores/MS01/staff/M2/unlock-code', {
      kioskCode: 'K9',
    })
    expect(elsewhere.status).toBe(404)
    const line = (await audit()).find((a) => a.action === 'staff.unlock-code')
    expect(line).toMatchObject({ subject: 'MS01/M2', after: { kioskId: 'MS01/K1', day } })
    expect(JSON.stringify(line)).not.toContain(expected)
  })
})
