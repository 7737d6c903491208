import { execFileSync } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { signatureValid } from '../../headoffice/services/update-feed'
import { feedDir, releaseKeys, writeRelease } from '../headoffice/update-feed-fixture'

describe('scripts/sign-update-feed.mjs (the release signing step, docs/updates.md#signing)', () => {
  const dir = feedDir()
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('writes a detached signature the pinned public key accepts', () => {
    const keys = releaseKeys()
    const keyFile = join(dir, 'release.pem')
    writeFileSync(keyFile, keys.privateKey.export({ type: 'pkcs8', format: 'pem' }), {
      mode: 0o600,
    })
    const { metadata } = writeRelease(dir, '2.0.0', null)
    const out = execFileSync(process.execPath, [
      'scripts/sign-update-feed.mjs',
      join(dir, '2.0.0'),
      keyFile,
    ]).toString()
    expect(out).toContain('latest-linux.yml')
    const signature = readFileSync(join(dir, '2.0.0', 'latest-linux.yml.sig'), 'utf8').trim()
    expect(signatureValid(metadata, signature, keys.publicKeyPem)).toBe(true)
    expect(signatureValid(metadata + ' ', signature, keys.publicKeyPem)).toBe(false)
  })

  it('refuses a folder without metadata', () => {
    const keys = releaseKeys()
    const keyFile = join(dir, 'release2.pem')
    writeFileSync(keyFile, keys.privateKey.export({ type: 'pkcs8', format: 'pem' }))
    expect(() =>
      execFileSync(process.execPath, ['scripts/sign-update-feed.mjs', dir, keyFile], {
        stdio: 'pipe',
      }),
    ).toThrow(/no latest-linux.yml/)
  })
})
