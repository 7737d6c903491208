import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  createFileSecretStore,
  createSafeStorageSecretStore,
} from '../../../../electron/core/sync/secret-store'

describe('kiosk secret stores', () => {
  it('browser mode keeps the secret in a 0600 file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'secret-')), 'sub', 'headoffice.secret')
    const store = createFileSecretStore(file)
    expect(await store.get()).toBeNull()
    await store.set('abc123')
    expect(await store.get()).toBe('abc123')
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })
  it('Electron mode stores only safeStorage ciphertext and refuses when encryption is unavailable', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'secret-')), 'headoffice.secret.enc')
    const fake = {
      available: true,
      isEncryptionAvailable() {
        return this.available
      },
      encryptString: (s: string) => Buffer.from(`enc:${Buffer.from(s).toString('base64')}`),
      decryptString: (b: Buffer) => Buffer.from(b.toString().slice(4), 'base64').toString(),
    }
    const store = createSafeStorageSecretStore(file, fake)
    await store.set('abc123')
    expect(readFileSync(file, 'utf8')).not.toContain('abc123')
    expect(await store.get()).toBe('abc123')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    fake.available = false
    await expect(store.set('other')).rejects.toThrow(/unavailable/)
  })
})
