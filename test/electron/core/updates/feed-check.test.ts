import { sign } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { verifyDownloaded, verifyOffer } from '../../../../electron/core/updates/feed-check'
import {
  INSTALL_IDLE_SECONDS,
  installDecision,
  routeOf,
  type InstallConditions,
} from '../../../../electron/core/updates/install-gate'
import { UPDATE_FEED_PUBLIC_KEY, type UpdateOffer } from '../../../../shared/sync/updates'
import {
  artifactName,
  feedDir,
  releaseKeys,
  writeRelease,
} from '../../../headoffice/update-feed-fixture'

const keys = releaseKeys()
const dir = feedDir()
const { artifact, metadata } = writeRelease(dir, '1.2.0', keys.privateKey)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const offer = (over: Partial<UpdateOffer> = {}): UpdateOffer => ({
  version: '1.2.0',
  downgrade: false,
  feedPath: '/updates/1.2.0/',
  metadata,
  signature: sign(null, Buffer.from(metadata), keys.privateKey).toString('base64'),
  ...over,
})
const codeOf = (f: () => unknown) => {
  try {
    f()
    return 'accepted'
  } catch (e) {
    return (e as { code: string }).code
  }
}

describe('the kiosk checks an offered update against the pinned release key', () => {
  it('accepts metadata the release key signed, and points the updater at its folder', () => {
    const r = verifyOffer(offer(), 'https://ho.example.in', keys.publicKeyPem)
    expect(r.feedUrl).toBe('https://ho.example.in/updates/1.2.0/')
    expect(r.files).toEqual([
      expect.objectContaining({ url: artifactName('1.2.0'), size: artifact.length }),
    ])
  })

  it('refuses metadata changed by one byte, signed by another key, or naming another version', () => {
    const changed = metadata.replace('size: ', 'size: 1')
    expect(
      codeOf(() => verifyOffer(offer({ metadata: changed }), 'https://h', keys.publicKeyPem)),
    ).toBe('UPDATE_SIGNATURE_INVALID')
    const stranger = releaseKeys()
    const foreign = sign(null, Buffer.from(metadata), stranger.privateKey).toString('base64')
    expect(
      codeOf(() => verifyOffer(offer({ signature: foreign }), 'https://h', keys.publicKeyPem)),
    ).toBe('UPDATE_SIGNATURE_INVALID')
    expect(
      codeOf(() => verifyOffer(offer({ signature: 'AAAA' }), 'https://h', keys.publicKeyPem)),
    ).toBe('UPDATE_SIGNATURE_INVALID')
    // A genuine signed 1.2.0 metadata offered as 1.3.0 (replaying an old release as new).
    expect(
      codeOf(() => verifyOffer(offer({ version: '1.3.0' }), 'https://h', keys.publicKeyPem)),
    ).toBe('UPDATE_SIGNATURE_INVALID')
  })

  it('by default checks against the key pinned in the app, not one the feed brings', () => {
    expect(codeOf(() => verifyOffer(offer(), 'https://h'))).toBe('UPDATE_SIGNATURE_INVALID')
    expect(UPDATE_FEED_PUBLIC_KEY).toMatch(/^-----BEGIN PUBLIC KEY-----/)
  })

  it('installs only files whose SHA-512 is the signed one', async () => {
    const release = verifyOffer(offer(), 'https://h', keys.publicKeyPem)
    const downloads = mkdtempSync(join(tmpdir(), 'kiosk-dl-'))
    const good = join(downloads, artifactName('1.2.0'))
    writeFileSync(good, artifact)
    await expect(verifyDownloaded(release, [good])).resolves.toBeUndefined()
    writeFileSync(good, Buffer.concat([artifact, Buffer.from('#!/bin/sh evil')]))
    await expect(verifyDownloaded(release, [good])).rejects.toMatchObject({
      code: 'UPDATE_HASH_MISMATCH',
    })
    const stray = join(downloads, 'other.AppImage')
    writeFileSync(stray, artifact)
    await expect(verifyDownloaded(release, [stray])).rejects.toMatchObject({
      code: 'UPDATE_HASH_MISMATCH',
    })
    await expect(verifyDownloaded(release, [])).rejects.toMatchObject({
      code: 'UPDATE_HASH_MISMATCH',
    })
    rmSync(downloads, { recursive: true, force: true })
  })
})

describe('when a kiosk installs a downloaded update', () => {
  const quiet: InstallConditions = {
    idleSeconds: INSTALL_IDLE_SECONDS,
    route: '/home',
    draftOpen: false,
    pendingEvents: 0,
    syncConfigured: true,
    lastSyncError: null,
  }

  it('installs when idle on the home or sign-in screen with every event at head office', () => {
    expect(installDecision(quiet)).toEqual({ install: true })
    expect(installDecision({ ...quiet, route: '/signin' })).toEqual({ install: true })
    expect(installDecision({ ...quiet, route: null })).toEqual({ install: true })
  })

  it('never while someone is using the kiosk', () => {
    expect(installDecision({ ...quiet, idleSeconds: INSTALL_IDLE_SECONDS - 1 })).toEqual({
      install: false,
      reason: 'busy',
    })
  })

  it('never during a sale or a case left open on screen, however long idle', () => {
    for (const route of [
      '/quote',
      '/enroll',
      '/inspect/MH01-1',
      '/upgrade/X',
      '/cancel',
      '/end-of-day',
    ]) {
      expect(installDecision({ ...quiet, idleSeconds: 86_400, route }), route).toEqual({
        install: false,
        reason: 'sale-open',
      })
    }
  })

  it('never while a half-done sale is kept in the window, even on the home screen', () => {
    expect(installDecision({ ...quiet, idleSeconds: 86_400, draftOpen: true })).toEqual({
      install: false,
      reason: 'sale-open',
    })
  })

  it('never before the day’s events are pushed', () => {
    expect(installDecision({ ...quiet, pendingEvents: 1 })).toEqual({
      install: false,
      reason: 'events-unsent',
    })
    expect(installDecision({ ...quiet, lastSyncError: { code: 'SYNC_OFFLINE' } })).toEqual({
      install: false,
      reason: 'sync-failing',
    })
    // A kiosk without head office (demo) has nothing to push.
    expect(installDecision({ ...quiet, syncConfigured: false, pendingEvents: 3 })).toEqual({
      install: true,
    })
  })

  it('reads the route from the kiosk window’s URL', () => {
    expect(routeOf('app://kiosk/index.html#/enroll?step=2')).toBe('/enroll')
    expect(routeOf('app://kiosk/index.html#/home')).toBe('/home')
    expect(routeOf('app://kiosk/index.html')).toBe('/')
    expect(routeOf(null)).toBeNull()
  })
})
