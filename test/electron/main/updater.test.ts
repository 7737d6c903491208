import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { load } from 'js-yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../../../electron/core/logger'
import { createKioskUpdates } from '../../../electron/core/updates'
import { createShellUpdater, type UpdaterLike } from '../../../electron/main/updater'
import { startHeadOffice, type TestHeadOffice } from '../../headoffice/harness'
import {
  artifactName,
  feedDir,
  releaseKeys,
  writeRelease,
} from '../../headoffice/update-feed-fixture'
import { enrollmentRequest, fixedClock, type TestCore } from '../core/helpers'
import { controlledFetch, followClock, syncedCore } from '../core/sync/support'

/**
 * The shell's updater against a real head office (its update feed on a temp directory) and a
 * real kiosk core syncing with it. The one stand-in is electron-updater's `autoUpdater`, which
 * needs Electron: this one does what its generic provider does — reads the metadata file from the
 * feed URL it was given and downloads the file it names — over real HTTP.
 */
function fakeAutoUpdater(downloads: string) {
  let feed = ''
  const calls = { quitAndInstall: 0, downloads: 0, feeds: [] as string[] }
  const updater = {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    allowDowngrade: false,
    setFeedURL(options: { url: string }) {
      feed = options.url
      calls.feeds.push(feed)
    },
    async checkForUpdates() {
      const doc = load(await (await fetch(`${feed}latest-linux.yml`)).text()) as {
        version: string
        files: Array<{ url: string }>
      }
      return { updateInfo: doc, isUpdateAvailable: true }
    },
    async downloadUpdate() {
      calls.downloads += 1
      const doc = load(await (await fetch(`${feed}latest-linux.yml`)).text()) as {
        files: Array<{ url: string }>
      }
      const name = doc.files[0]!.url
      const file = join(downloads, name)
      writeFileSync(file, Buffer.from(await (await fetch(`${feed}${name}`)).arrayBuffer()))
      return [file]
    },
    quitAndInstall() {
      calls.quitAndInstall += 1
    },
  }
  return { updater: updater as unknown as UpdaterLike & typeof updater, calls }
}

describe('the kiosk updater (shell wiring, electron-updater faked)', () => {
  const keys = releaseKeys()
  const clock = fixedClock()
  let ho: TestHeadOffice
  let dir: string
  let downloads: string
  const cores: TestCore[] = []
  beforeAll(async () => {
    dir = feedDir()
    downloads = mkdtempSync(join(tmpdir(), 'kiosk-dl-'))
    writeRelease(dir, '1.1.0', keys.privateKey)
    writeRelease(dir, '1.2.0', keys.privateKey)
    ho = await startHeadOffice('sqlite', {
      start: clock(),
      updates: { dir, publicKey: keys.publicKeyPem },
    })
    followClock(ho, clock)
    await ho.admin('POST', '/admin/updates', { version: '1.1.0', percent: 100 })
    await ho.admin('POST', '/admin/updates', { version: '1.2.0', percent: 0, stores: ['MH01'] })
  })
  afterAll(async () => {
    for (const c of cores) await c.cleanup()
    await ho?.close()
    rmSync(dir, { recursive: true, force: true })
    rmSync(downloads, { recursive: true, force: true })
  })

  async function shell(
    storeCode: string,
    kioskCode: string,
    screen: { idle: number; url: string | null; draft?: boolean },
    net = controlledFetch(),
  ) {
    const t = await syncedCore(ho, kioskCode, { storeCode, clock, net })
    cores.push(t)
    const fake = fakeAutoUpdater(downloads)
    const logger = createMemoryLogger()
    const updater = createShellUpdater({
      updater: fake.updater,
      updates: createKioskUpdates(t.core.sync, '1.1.0', keys.publicKeyPem),
      platform: 'linux',
      idleSeconds: () => screen.idle,
      currentUrl: () => screen.url,
      draftOpen: async () => screen.draft ?? false,
      logger,
    })
    return { t, fake, updater, logger, net }
  }

  it('downloads the signed release and installs it only when idle, no sale open, events pushed', async () => {
    const screen = { idle: 5, url: 'app://kiosk/index.html#/enroll', draft: true }
    const { t, fake, updater, net } = await shell('MH01', 'K1', screen)
    expect(fake.updater.autoDownload).toBe(false)
    expect(fake.updater.autoInstallOnAppQuit).toBe(false)
    expect(await updater.check()).toBe('ready')
    expect(fake.calls.feeds).toEqual([`${ho.url}/updates/1.2.0/`])
    expect(updater.pending()?.version).toBe('1.2.0')

    // A sale written while head office is unreachable: its events wait in the outbox.
    net.online = false
    await t.signIn('C1')
    await t.ok('enrollment.create', enrollmentRequest())
    await t.ok('sync.now', {})
    expect(await updater.installIfIdle()).toEqual({ install: false, reason: 'busy' })
    screen.idle = 3600
    expect(await updater.installIfIdle()).toEqual({ install: false, reason: 'sale-open' })
    screen.url = 'app://kiosk/index.html#/home'
    // The clerk went home but the wizard kept its draft: still a sale.
    expect(await updater.installIfIdle()).toEqual({ install: false, reason: 'sale-open' })
    screen.draft = false
    expect(await updater.installIfIdle()).toEqual({ install: false, reason: 'events-unsent' })
    expect(fake.calls.quitAndInstall).toBe(0)

    net.online = true
    expect((await t.ok('sync.now', {})).pendingEvents).toBe(0)
    expect(await updater.installIfIdle()).toEqual({ install: true })
    expect(fake.calls.quitAndInstall).toBe(1)
  })

  it('refuses a release whose file on the feed is not the signed one', async () => {
    writeFileSync(join(dir, '1.2.0', artifactName('1.2.0')), 'tampered build')
    const { fake, updater, logger } = await shell('MH01', 'K2', { idle: 3600, url: null })
    expect(await updater.check()).toBe('refused')
    expect(fake.calls.downloads).toBe(1)
    expect(updater.pending()).toBeNull()
    expect(await updater.installIfIdle()).toEqual({ install: false, reason: 'nothing' })
    expect(fake.calls.quitAndInstall).toBe(0)
    expect(JSON.stringify(logger.lines)).toContain('UPDATE_HASH_MISMATCH')
    writeRelease(dir, '1.2.0', keys.privateKey)
  })

  it('refuses an offer whose signature fails (a head office or network in the middle)', async () => {
    const net = controlledFetch()
    const honest = net.fetch
    net.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const response = await honest(input, init)
      if (!String(input).includes('/sync/update')) return response
      const body = (await response.json()) as { data: { offer: { metadata: string } } }
      body.data.offer.metadata = body.data.offer.metadata.replace(/sha512: \S+/g, 'sha512: AAAA')
      return new Response(JSON.stringify(body), { status: 200 })
    }) as typeof fetch
    const { fake, updater } = await shell('MH01', 'K3', { idle: 3600, url: null }, net)
    expect(await updater.check()).toBe('refused')
    expect(fake.calls.feeds).toEqual([])
    expect(fake.calls.downloads).toBe(0)
  })

  it('a kiosk outside the rollout is offered nothing and downloads nothing', async () => {
    const { fake, updater } = await shell('GJ01', 'K1', { idle: 3600, url: null })
    expect(await updater.check()).toBe('none')
    expect(fake.calls.feeds).toEqual([])
  })
})
