import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  decideUpdate,
  rolloutBucket,
  targets,
  type Release,
} from '../../headoffice/services/update-rollout'
import { TARGETS, runAdminCli, startHeadOffice, type TestHeadOffice } from './harness'
import { artifactName, feedDir, releaseKeys, writeRelease } from './update-feed-fixture'

const release = (version: string, over: Partial<Release> = {}): Release => ({
  version,
  status: 'active',
  percent: 100,
  stores: [],
  ...over,
})
const kiosks = Array.from({ length: 1000 }, (_, i) => ({
  id: `S${String(i).padStart(4, '0')}/K1`,
  storeCode: `S${String(i).padStart(4, '0')}`,
  version: '1.1.0',
}))

describe('staged rollout: which release a kiosk is offered', () => {
  it('a percentage reaches about that share of kiosks, the same ones every time, and raising it only adds kiosks', () => {
    const at = (percent: number) =>
      kiosks.filter((k) => targets(release('1.2.0', { percent }), k)).map((k) => k.id)
    const ten = at(10)
    expect(ten.length).toBeGreaterThan(60)
    expect(ten.length).toBeLessThan(140)
    expect(at(10)).toEqual(ten)
    const fifty = at(50)
    expect(ten.every((id) => fifty.includes(id))).toBe(true)
    expect(at(0)).toEqual([])
    expect(at(100)).toHaveLength(1000)
    // Another release picks other early kiosks (not always the same stores take the risk).
    const otherTen = kiosks.filter((k) => rolloutBucket(k.id, '1.3.0') < 10).map((k) => k.id)
    expect(otherTen).not.toEqual(ten)
  })

  it('chosen stores get a release first, whatever the percentage', () => {
    const pilot = release('1.2.0', { percent: 0, stores: ['S0007'] })
    const offers = kiosks.filter((k) => decideUpdate([release('1.1.0'), pilot], k) !== null)
    expect(offers.map((k) => k.storeCode)).toEqual(['S0007'])
  })

  it('offers the newest release for the kiosk, never an older one, nothing when up to date', () => {
    const k = kiosks[0]!
    const all = [release('1.1.0'), release('1.2.0'), release('1.3.0', { percent: 0 })]
    expect(decideUpdate(all, k)).toEqual({ version: '1.2.0', downgrade: false })
    expect(decideUpdate(all, { ...k, version: '1.2.0' })).toBeNull()
    expect(decideUpdate([release('1.1.0')], { ...k, version: '1.2.0' })).toBeNull()
  })

  it('a held release reaches no more kiosks and leaves those on it where they are', () => {
    const all = [release('1.1.0'), release('1.2.0', { status: 'held' })]
    expect(decideUpdate(all, kiosks[0]!)).toBeNull()
    expect(decideUpdate(all, { ...kiosks[0]!, version: '1.2.0' })).toBeNull()
  })

  it('a rolled-back release sends the kiosks on it back to the newest active release for them', () => {
    const all = [release('1.1.0'), release('1.2.0', { status: 'rolled-back' })]
    expect(decideUpdate(all, { ...kiosks[0]!, version: '1.2.0' })).toEqual({
      version: '1.1.0',
      downgrade: true,
    })
    expect(decideUpdate(all, kiosks[0]!)).toBeNull()
  })
})

/** `tsx headoffice/admin.ts …` on the test head office's database and feed, as an operator runs it. */
function adminCli(ho: TestHeadOffice, feed: string, keyFile: string, args: string[]) {
  return runAdminCli(ho, args, {
    HEADOFFICE_UPDATES_DIR: feed,
    HEADOFFICE_UPDATE_PUBLIC_KEY_FILE: keyFile,
  }).then(({ code, out, err }) => ({ code, out: out + err }))
}

describe.each(TARGETS)('the update feed head office serves (%s)', (kind) => {
  let ho: TestHeadOffice
  let dir: string
  const keys = releaseKeys()
  beforeAll(async () => {
    dir = feedDir()
    writeRelease(dir, '1.1.0', keys.privateKey)
    writeRelease(dir, '1.2.0', keys.privateKey)
    writeRelease(dir, '1.3.0', null)
    writeRelease(dir, '1.4.0', releaseKeys().privateKey)
    ho = await startHeadOffice(kind, { updates: { dir, publicKey: keys.publicKeyPem } })
  })
  afterAll(async () => {
    await ho?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('registers only releases signed with the release key', async () => {
    for (const version of ['1.3.0', '1.4.0', '9.9.9']) {
      const refused = await ho.admin('POST', '/admin/updates', { version, percent: 100 })
      expect(refused.status, version).toBe(422)
      expect(refused.json.error.code).toBe('UPDATE_RELEASE_INVALID')
    }
    expect(
      (await ho.admin('POST', '/admin/updates', { version: '1.1.0', percent: 100 })).status,
    ).toBe(200)
    const again = await ho.admin('POST', '/admin/updates', { version: '1.1.0' })
    expect(again.json.error.code).toBe('UPDATE_RELEASE_INVALID')
    expect(
      (await ho.admin('GET', '/admin/updates')).json.data.map((r: Release) => r.version),
    ).toEqual(['1.1.0'])
  })

  it('offers a kiosk its release with the signed metadata, and serves the files', async () => {
    const secret = await ho.register('MH01', 'K1')
    const http = ho.client('MH01', 'K1', secret)
    expect(await http.updateOffer('1.1.0', 'linux')).toBeNull()
    await ho.admin('POST', '/admin/updates', { version: '1.2.0', percent: 0, stores: ['MH01'] })
    const offer = await http.updateOffer('1.1.0', 'linux')
    expect(offer).toMatchObject({ version: '1.2.0', downgrade: false, feedPath: '/updates/1.2.0/' })
    expect(offer!.metadata).toContain(artifactName('1.2.0'))
    const yml = await fetch(`${ho.url}/updates/1.2.0/latest-linux.yml`)
    expect(await yml.text()).toBe(offer!.metadata)
    const file = await fetch(`${ho.url}/updates/1.2.0/${artifactName('1.2.0')}`)
    expect(file.status).toBe(200)
    expect((await fetch(`${ho.url}/updates/../1.2.0/latest-linux.yml`)).status).not.toBe(500)

    // Another store is not in the pilot and the percentage is 0: nothing for it.
    const other = ho.client('GJ01', 'K1', await ho.register('GJ01', 'K1'))
    expect(await other.updateOffer('1.1.0', 'linux')).toBeNull()
  })

  it('holds and rolls back a release from the admin desk', async () => {
    const http = ho.client('MH02', 'K1', await ho.register('MH02', 'K1'))
    await ho.admin('POST', '/admin/updates/1.2.0', { percent: 100 })
    expect((await http.updateOffer('1.1.0', 'linux'))?.version).toBe('1.2.0')
    const held = await ho.admin('POST', '/admin/updates/1.2.0', { status: 'held' })
    expect(held.json.data.status).toBe('held')
    expect(await http.updateOffer('1.1.0', 'linux')).toBeNull()
    expect(await http.updateOffer('1.2.0', 'linux')).toBeNull()
    await ho.admin('POST', '/admin/updates/1.2.0', { status: 'rolled-back' })
    expect(await http.updateOffer('1.2.0', 'linux')).toMatchObject({
      version: '1.1.0',
      downgrade: true,
    })
    expect((await ho.admin('POST', '/admin/updates/7.7.7', { status: 'held' })).status).toBe(404)
  })

  it('a metadata file changed after registration is not offered with a signature that fails', async () => {
    const http = ho.client('MH03', 'K1', await ho.register('MH03', 'K1'))
    await ho.admin('POST', '/admin/updates/1.2.0', { status: 'active' })
    writeFileSync(join(dir, '1.2.0', 'latest-linux.yml'), 'version: 1.2.0\nfiles: []\n')
    const answer = await http.updateOffer('1.1.0', 'linux').catch((e: { code: string }) => e.code)
    expect(answer).toBe('UPDATE_RELEASE_INVALID')
  })

  it('the admin command line adds, rolls out and rolls back a release', async () => {
    writeRelease(dir, '1.2.0', keys.privateKey) // signed again after the test above broke it
    writeRelease(dir, '1.5.0', keys.privateKey)
    const keyFile = join(dir, 'release-key.pub.pem')
    writeFileSync(keyFile, keys.publicKeyPem)
    const http = ho.client('MH04', 'K1', await ho.register('MH04', 'K1'))
    const added = await adminCli(ho, dir, keyFile, [
      'add-release',
      '--version',
      '1.5.0',
      '--stores',
      'MH04',
    ])
    expect(added).toMatchObject({ code: 0 })
    expect(added.out).toContain('1.5.0\tactive\t0%\tMH04')
    expect((await http.updateOffer('1.1.0', 'linux'))?.version).toBe('1.5.0')
    const back = await adminCli(ho, dir, keyFile, [
      'set-release',
      '--version',
      '1.5.0',
      '--status',
      'rolled-back',
    ])
    expect(back.code).toBe(0)
    expect(await http.updateOffer('1.5.0', 'linux')).toMatchObject({
      version: '1.2.0',
      downgrade: true,
    })
    const wrong = await adminCli(ho, dir, keyFile, [
      'set-release',
      '--version',
      '1.5.0',
      '--percent',
      '120',
    ])
    expect(wrong.code).toBe(1)
    expect((await adminCli(ho, dir, keyFile, ['list-releases'])).out).toContain(
      '1.5.0\trolled-back',
    )
  })

  it('a kiosk must sign its request for an offer', async () => {
    const r = await fetch(`${ho.url}/sync/update?version=1.1.0`)
    expect(r.status).toBe(401)
  })
})
