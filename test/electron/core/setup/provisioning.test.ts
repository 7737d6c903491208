import { statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createFileSecretStore } from '../../../../electron/core/sync/secret-store'
import { headOfficePinHash } from '../../../../electron/core/sync/staff-pin'
import { adminCli, count, startHeadOffice, type TestHeadOffice } from '../../../headoffice/harness'
import { fixedClock, makeCore, tempDir, type TestCore } from '../helpers'
import { demoCatalog, followClock } from '../sync/support'

/**
 * Issue 20 (docs/fleet.md#provisioning): a kiosk with no identity is set up from a one-time code
 * against a real head office (Fastify on SQLite over HTTP on 127.0.0.1), keeps its identity
 * across restarts, sends a heartbeat on every sync and its logs when asked.
 */
describe('a kiosk provisioned from a one-time code', () => {
  let ho: TestHeadOffice
  const clock = fixedClock()
  const cores: TestCore[] = []

  beforeAll(async () => {
    ho = await startHeadOffice('sqlite', { start: clock(), catalog: false })
    followClock(ho, clock)
    expect((await ho.admin('POST', '/admin/catalogs', demoCatalog())).status).toBe(200)
    const staff = await ho.admin('PUT', '/admin/stores/MS01/staff/R1', {
      name: 'Ravi Manager',
      role: 'manager',
      pinHash: headOfficePinHash('2468', 10),
      active: true,
    })
    expect(staff.status, staff.text).toBe(200)
  })
  afterEach(async () => {
    for (const c of cores.splice(0)) await c.cleanup()
  })
  afterAll(async () => {
    await ho?.close()
  })

  /** A core as the shells start it without KIOSK_STORE: identity from provisioning. */
  async function freshKiosk(): Promise<TestCore> {
    const dir = tempDir()
    const t = await makeCore({
      dataDir: dir,
      clock,
      identitySource: 'provisioned',
      idleLockMinutes: 100_000,
      sync: {
        secretStore: createFileSecretStore(join(dir, 'headoffice-secret')),
        intervalMs: 3_600_000,
      },
    })
    cores.push(t)
    return t
  }

  async function issue(storeCode: string, kioskCode: string): Promise<string> {
    const r = await ho.admin('POST', '/admin/provisioning-codes', { storeCode, kioskCode })
    expect(r.status, r.text).toBe(200)
    return r.json.data.code
  }

  it('starts unprovisioned, with no staff, until a setup', async () => {
    const t = await freshKiosk()
    expect(await t.ok('app.info', {})).toMatchObject({ identity: 'unprovisioned' })
    // The demo staff are not seeded on a kiosk waiting for its identity.
    const signIn = await t.call('staff.signIn', { staffCode: 'M1', pin: '3333' })
    expect(signIn).toMatchObject({ ok: false, error: { code: 'STAFF_NOT_FOUND' } })
  })

  it('takes its store, kiosk code and secret from the code, keeps them, and syncs', async () => {
    const t = await freshKiosk()
    const code = await issue('MS01', 'P5')
    const done = await t.ok('setup.provision', { headOfficeUrl: ho.url, code })
    expect(done).toMatchObject({ storeCode: 'MS01', kioskCode: 'P5', identity: 'provisioned' })
    expect(await t.ok('app.info', {})).toMatchObject({
      identity: 'provisioned',
      storeCode: 'MS01',
      kioskCode: 'P5',
    })
    // The secret: in the 0600 file, as browser mode keeps it.
    const secretFile = join(t.dir, 'headoffice-secret')
    expect(statSync(secretFile).mode & 0o777).toBe(0o600)
    // The first sync brought the store's staff: its manager signs in and sees the sync running.
    await t.ok('staff.signIn', { staffCode: 'R1', pin: '2468' })
    expect(await t.ok('sync.status', {})).toMatchObject({ configured: true, online: true })
    // Its heartbeat reached head office on that sync.
    const fleet = await ho.admin('GET', '/admin/fleet')
    const me = fleet.json.data.kiosks.find((k: { kioskId: string }) => k.kioskId === 'MS01/P5')
    expect(me.heartbeat).toMatchObject({
      appVersion: 'test',
      backlog: 0,
      printer: 'not-configured',
    })
    expect(me.heartbeat.databaseBytes).toBeGreaterThan(0)
    expect(me.flags).toEqual([])

    // A restart keeps the identity (no environment variable involved).
    await t.reopen()
    expect(await t.ok('app.info', {})).toMatchObject({
      identity: 'provisioned',
      storeCode: 'MS01',
      kioskCode: 'P5',
    })
    // A second code is refused: the kiosk already is someone.
    const again = await t.call('setup.provision', {
      headOfficeUrl: ho.url,
      code: await issue('MS01', 'P6'),
    })
    expect(again).toMatchObject({ ok: false, error: { code: 'KIOSK_ALREADY_PROVISIONED' } })
  })

  it('a wrong or spent code leaves nothing behind', async () => {
    const t = await freshKiosk()
    const wrong = await t.call('setup.provision', {
      headOfficeUrl: ho.url,
      code: 'ABCD-EFGH-JKMN-PQRS',
    })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'PROVISIONING_CODE_INVALID' } })
    const offline = await t.call('setup.provision', {
      headOfficeUrl: 'http://127.0.0.1:9',
      code: 'ABCD-EFGH-JKMN-PQRS',
    })
    expect(offline).toMatchObject({ ok: false, error: { code: 'SYNC_OFFLINE' } })
    expect(await createFileSecretStore(join(t.dir, 'headoffice-secret')).get()).toBeNull()
    expect(await t.ok('app.info', {})).toMatchObject({ identity: 'unprovisioned' })
  })

  it('the demo: the demo store with its staff, marked as demo, and no head office', async () => {
    const t = await freshKiosk()
    expect(await t.ok('setup.useDemo', {})).toMatchObject({ identity: 'demo', storeCode: 'MH01' })
    await t.signIn('M1')
    expect(await t.ok('app.info', {})).toMatchObject({ identity: 'demo', storeCode: 'MH01' })
    await t.reopen()
    expect((await t.ok('app.info', {})).identity).toBe('demo')
    const code = await issue('MS01', 'P7')
    const refused = await t.call('setup.provision', { headOfficeUrl: ho.url, code })
    expect(refused).toMatchObject({ ok: false, error: { code: 'KIOSK_ALREADY_PROVISIONED' } })
  })

  it('receives head office keys in its pull, keeps every version, opens them with its secret', async () => {
    const t = await freshKiosk()
    await t.ok('setup.provision', { headOfficeUrl: ho.url, code: await issue('MS01', 'P9') })
    expect(await t.core.sync.key('org')).toBeNull()
    const v1 = (await ho.admin('POST', '/admin/keys/org/rotate')).json.data.version
    await t.ok('staff.signIn', { staffCode: 'R1', pin: '2468' })
    await t.ok('sync.now', {})
    const first = await t.core.sync.key('org')
    expect(first?.version).toBe(v1)
    expect(first?.key).toHaveLength(32)
    const v2 = (await ho.admin('POST', '/admin/keys/org/rotate')).json.data.version
    await t.ok('sync.now', {})
    const second = await t.core.sync.key('org')
    expect(second?.version).toBe(v2)
    expect(second?.key.equals(first!.key)).toBe(false)
    // The previous version stays (what it sealed can still be opened).
    expect((await t.core.sync.key('org', v1))?.key.equals(first!.key)).toBe(true)
    // Kept sealed at rest: the database holds no key in clear.
    const rows = (await t.readDatabase((db) =>
      db.prepare('SELECT sealed FROM kiosk_key').all(),
    )) as Array<{ sealed: string }>
    expect(rows).toHaveLength(2)
    for (const r of rows) expect(r.sealed).not.toContain(first!.key.toString('base64'))
  })

  it('after head office re-keys it, takes its keys again sealed under the new secret', async () => {
    const t = await freshKiosk()
    await t.ok('setup.provision', { headOfficeUrl: ho.url, code: await issue('MS01', 'PK') })
    await ho.admin('POST', '/admin/keys/org/rotate')
    await t.ok('staff.signIn', { staffCode: 'R1', pin: '2468' })
    await t.ok('sync.now', {})
    const before = await t.core.sync.key('org')
    expect(before).not.toBeNull()
    // The operator re-keys the kiosk (a leaked secret); the manager enters the new one.
    const out = await adminCli(ho, [
      'register-kiosk',
      '--store',
      'MS01',
      '--kiosk',
      'PK',
      '--rotate',
    ])
    const secret = out.trim().split('\n').at(-1)!.trim()
    await t.ok('sync.configure', { headOfficeUrl: ho.url, secret })
    await t.ok('sync.now', {})
    // Sealed under the old secret, the keys it held could no longer be opened: it asked again.
    const after = await t.core.sync.key('org')
    expect(after?.version).toBe(before!.version)
    expect(after?.key.equals(before!.key)).toBe(true)
  })

  it('sends its redacted logs when head office asks in a pull, and when a manager does', async () => {
    const t = await freshKiosk()
    await t.ok('setup.provision', { headOfficeUrl: ho.url, code: await issue('MS01', 'P8') })
    await t.ok('staff.signIn', { staffCode: 'R1', pin: '2468' })
    // A line with a mobile number in it: it reaches head office shortened to its last 4 digits.
    t.config.logger.info('customer called from 9876543210')
    const logDir = join(t.dir, 'logs')
    const fileLogger = (await import('../../../../electron/core/logger')).createFileLogger({
      dir: logDir,
    })
    fileLogger.info('customer called from 9876543210', { mobile: '9876543210' })

    expect((await ho.admin('POST', '/admin/kiosks/MS01/P8/logs/request')).status).toBe(200)
    await t.ok('sync.now', {})
    const listed = await ho.admin('GET', '/admin/kiosks/MS01/P8/logs')
    expect(listed.json.data).toHaveLength(1)
    expect(listed.json.data[0].reason).toBe('requested')
    const text = await ho.admin('GET', `/admin/kiosks/MS01/P8/logs/${listed.json.data[0].logId}`)
    expect(text.text).toContain('customer called from …3210')
    expect(text.text).not.toContain('9876543210')

    const sent = await t.ok('sync.sendLogs', {})
    expect(sent.bytes).toBeGreaterThan(0)
    const audit = await t.readDatabase((db) =>
      db
        .prepare(`SELECT staff_code, entity_id FROM audit_log WHERE action = 'sync.sendLogs'`)
        .all(),
    )
    expect(audit).toEqual([{ staff_code: 'R1', entity_id: sent.logId }])
    expect(await count(ho.ds, 'ho_kiosk_log', 'kiosk_id = ?', ['MS01/P8'])).toBe(2)
  })
})
