import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// Packaging cannot run here (electron-builder downloads Electron), so its configuration is checked
// the way electron-builder itself checks it before a build: loaded and validated against its schema.
const require = createRequire(import.meta.url)
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(dir: string, path: string | null, extra: null): Promise<Record<string, unknown>>
  validateConfiguration(config: unknown, log: unknown): Promise<void>
}
const { DebugLogger } = require('builder-util/out/DebugLogger') as {
  DebugLogger: new (enabled: boolean) => unknown
}
const root = resolve(__dirname, '../..')

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    const config = await getConfig(root, resolve(root, 'electron-builder.yml'), null)
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('does not rebuild the Node-API SQLite binding and keeps its prebuilt binaries outside the asar', async () => {
    const config = await getConfig(root, resolve(root, 'electron-builder.yml'), null)
    expect(config.npmRebuild).toBe(false)
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/prebuilds/**')
  })

  it('a misspelt option is refused (the validation is real)', async () => {
    const config = await getConfig(root, resolve(root, 'electron-builder.yml'), null)
    await expect(
      validateConfiguration({ ...config, asarUnpak: ['x'] }, new DebugLogger(false)),
    ).rejects.toThrow(/asarUnpak/)
  })
})

describe('Electron fuses in the packaged kiosk', () => {
  it('turn off every way to run the binary as Node or debug it, and pin the code to the checked asar', async () => {
    const config = await getConfig(root, resolve(root, 'electron-builder.yml'), null)
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    })
    // Asar integrity needs the app packed into an asar in the first place.
    expect(config.asar).not.toBe(false)
  })
})

describe('the update feed in the packaged kiosk', () => {
  it('publishes to a generic feed at head office (docs/updates.md)', async () => {
    const config = await getConfig(root, resolve(root, 'electron-builder.yml'), null)
    expect(config.publish).toMatchObject({ provider: 'generic' })
    expect((config.publish as { url: string }).url).toMatch(
      /^https:\/\/.+\/updates\/\$\{version\}\/$/,
    )
  })
})
