import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../../../../electron/core/logger'
import { createFileSecretStore } from '../../../../electron/core/sync/secret-store'
import { enrollmentRequest, makeCore, tempDir, type TestCore } from '../helpers'

let t: TestCore
afterEach(async () => t?.cleanup())

const SECRET = 'k1-secret-from-register-kiosk-0123456789abcdef'

describe('sync channels without head office', () => {
  it('says "not configured" and never errors when the shell gave no sync settings', async () => {
    t = await makeCore()
    await t.signIn('C1')
    await t.ok('enrollment.create', enrollmentRequest())
    for (const channel of ['sync.status', 'sync.now']) {
      expect(await t.ok(channel, {})).toMatchObject({
        configured: false,
        disabledReason: 'not-configured',
        headOfficeUrl: null,
        online: null,
        running: false,
        pendingEvents: 1,
        conflicts: 0,
        lastError: null,
      })
    }
  })

  it('a manager sets the URL and the secret once: stored 0600, never returned or logged', async () => {
    const dir = tempDir()
    const file = join(dir, 'headoffice-secret')
    const logger = createMemoryLogger()
    // Nothing listens on port 9: the first attempt fails fast and nothing else breaks.
    t = await makeCore({
      dataDir: dir,
      logger,
      sync: { secretStore: createFileSecretStore(file), intervalMs: 3_600_000 },
    })
    await t.signIn('C1')
    await t.signIn('M1', 'MGR')
    const clerk = await t.call('sync.configure', { headOfficeUrl: 'http://127.0.0.1:9' })
    expect(!clerk.ok && clerk.error.code).toBe('ROLE_FORBIDDEN')
    const bad = await t.call('sync.configure', { headOfficeUrl: 'ftp://x' }, 'MGR')
    expect(!bad.ok && bad.error.code).toBe('VALIDATION_FAILED')

    const urlOnly = await t.ok('sync.configure', { headOfficeUrl: 'http://127.0.0.1:9' }, 'MGR')
    expect(urlOnly).toMatchObject({ secretStored: false, status: { disabledReason: 'no-secret' } })
    const done = await t.ok(
      'sync.configure',
      { headOfficeUrl: 'http://127.0.0.1:9', secret: SECRET },
      'MGR',
    )
    expect(done).toMatchObject({
      headOfficeUrl: 'http://127.0.0.1:9',
      secretStored: true,
      status: { configured: true, disabledReason: null },
    })
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readFileSync(file, 'utf8').trim()).toBe(SECRET)
    const after = await t.ok('sync.now', {})
    expect(after).toMatchObject({ configured: true, online: false })
    const audit = await t.ok('audit.list', {}, 'MGR')
    const everything = JSON.stringify([done, after, audit, logger.lines])
    expect(everything).not.toContain(SECRET)
    expect(everything).toContain('sync.configure')

    // The URL a manager set survives a restart.
    await t.reopen()
    await t.signIn('C1')
    expect(await t.ok('sync.status', {})).toMatchObject({
      configured: true,
      headOfficeUrl: 'http://127.0.0.1:9',
    })
    // Switched off by a manager: stays off, whatever the launch default says.
    await t.signIn('M1', 'MGR')
    const off = await t.ok('sync.configure', { headOfficeUrl: null }, 'MGR')
    expect(off.status).toMatchObject({ configured: false, disabledReason: 'not-configured' })
  })

  it('training mode never syncs (training events never leave the kiosk)', async () => {
    const dir = tempDir()
    t = await makeCore({
      dataDir: dir,
      training: true,
      sync: {
        baseUrl: 'http://127.0.0.1:9',
        secretStore: createFileSecretStore(join(dir, 'headoffice-secret')),
      },
    })
    await t.signIn('C1')
    expect(await t.ok('sync.now', {})).toMatchObject({
      configured: false,
      disabledReason: 'training',
      online: null,
    })
  })
})
