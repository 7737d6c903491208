import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { ensurePrivateDir } from '../util/private-files'

/** Where the kiosk keeps its head-office secret. */
export interface SecretStore {
  get(): Promise<string | null>
  set(secret: string): Promise<void>
}

/** Electron's `safeStorage`, passed in by the shell (the core never imports electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(encrypted: Buffer): string
}

function writePrivate(file: string, data: Buffer | string): void {
  ensurePrivateDir(dirname(file))
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, data, { mode: 0o600 })
  // The mode argument is filtered by the umask; make sure.
  chmodSync(tmp, 0o600)
  renameSync(tmp, file)
}

/** Browser mode: the secret in a file only the kiosk's OS user can read (0600). */
export function createFileSecretStore(file: string): SecretStore {
  return {
    async get() {
      if (!existsSync(file)) return null
      const text = readFileSync(file, 'utf8').trim()
      return text === '' ? null : text
    },
    async set(secret) {
      writePrivate(file, `${secret}\n`)
    },
  }
}

/**
 * Electron mode: the secret encrypted with the OS keychain through `safeStorage`, the
 * ciphertext in a 0600 file. Refuses to store it when encryption is unavailable rather than
 * silently writing it in clear.
 */
export function createSafeStorageSecretStore(
  file: string,
  safeStorage: SafeStorageLike,
): SecretStore {
  return {
    async get() {
      if (!existsSync(file)) return null
      return safeStorage.decryptString(readFileSync(file))
    },
    async set(secret) {
      if (!safeStorage.isEncryptionAvailable()) {
        throw new Error(
          'OS secret storage is unavailable; the kiosk secret cannot be stored safely.',
        )
      }
      writePrivate(file, safeStorage.encryptString(secret))
    },
  }
}
