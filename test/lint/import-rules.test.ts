import path from 'node:path'
import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

// The architecture's import table (docs/architecture.md#imports) is enforced by lint: every
// forbidden import of the table fails with its own rule's message, and the allowed ones pass.
// The code is linted as if it lived at `file` inside the part, through the project's own config.

const ROOT = path.resolve(__dirname, '../..')

let eslint: ESLint

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT, overrideConfigFile: path.join(ROOT, 'eslint.config.js') })
})

interface Finding {
  ruleId: string | null
  message: string
}

/** The architecture findings (and any parse error) of `code` placed at `file`. */
async function lint(file: string, code: string): Promise<{ findings: Finding[]; meta: object }> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) })
  const findings = result!.messages
    .filter(
      (m) =>
        m.fatal ||
        m.ruleId?.startsWith('architecture/') ||
        (m.ruleId === 'no-restricted-globals' && m.message.includes('[shared-no-dom]')),
    )
    .map((m) => ({ ruleId: m.ruleId ?? null, message: m.message }))
  return { findings, meta: eslint.getRulesMetaForResults([result!]) }
}

/** [file, code, rule, phrase the message must contain, imported specifier] */
type Forbidden = [file: string, code: string, rule: string, phrase: string, source: string]

const imp = (source: string) => `import '${source}'\n`

const FORBIDDEN: Forbidden[] = [
  // shared/
  ['shared/probe.ts', imp('vue'), 'shared-only-zod', 'may import only zod', 'vue'],
  ['shared/probe.ts', imp('node:fs'), 'shared-only-zod', 'may import only zod', 'node:fs'],
  ['shared/probe.ts', imp('crypto'), 'shared-only-zod', 'may import only zod', 'crypto'],
  ['shared/probe.ts', imp('electron'), 'shared-only-zod', 'may import only zod', 'electron'],
  ['shared/probe.ts', imp('typeorm'), 'shared-only-zod', 'may import only zod', 'typeorm'],
  [
    'shared/probe.ts',
    imp('../electron/core/index'),
    'shared-no-app-parts',
    'imports none of them',
    '../electron/core/index',
  ],
  [
    'shared/contract/probe.ts',
    imp('../../renderer/src/format'),
    'shared-no-app-parts',
    'imports none of them',
    '../../renderer/src/format',
  ],
  [
    'shared/sync/probe.ts',
    imp('../../headoffice/app'),
    'shared-no-app-parts',
    'imports none of them',
    '../../headoffice/app',
  ],
  [
    'shared/domain/probe.ts',
    imp('../catalog'),
    'domain-only-own-files',
    'only zod and its own files',
    '../catalog',
  ],
  [
    'shared/domain/probe.ts',
    imp('../contract/plans'),
    'domain-only-own-files',
    'only zod and its own files',
    '../contract/plans',
  ],
  [
    'shared/contract/probe.ts',
    imp('../sync/events'),
    'contract-sync-apart',
    'meet only in shared/domain',
    '../sync/events',
  ],
  [
    'shared/sync/probe.ts',
    imp('../contract/plans'),
    'sync-contract-apart',
    'meet only in shared/domain',
    '../contract/plans',
  ],
  // electron/main
  [
    'electron/main/probe.ts',
    imp('../../renderer/src/format'),
    'main-no-renderer',
    'never its code',
    '../../renderer/src/format',
  ],
  [
    'electron/main/probe.ts',
    imp('../bridge/server'),
    'main-only-core-and-shared',
    'only electron/core and shared/',
    '../bridge/server',
  ],
  [
    'electron/main/probe.ts',
    imp('../../headoffice/app'),
    'main-only-core-and-shared',
    'only electron/core and shared/',
    '../../headoffice/app',
  ],
  // electron/preload
  [
    'electron/preload/probe.ts',
    "import { app } from 'electron'\nexport { app }\n",
    'preload-only-ipc',
    "only shared/ipc and electron's contextBridge/ipcRenderer",
    'electron',
  ],
  [
    'electron/preload/probe.ts',
    imp('../../shared/catalog'),
    'preload-only-ipc',
    "only shared/ipc and electron's contextBridge/ipcRenderer",
    '../../shared/catalog',
  ],
  [
    'electron/preload/probe.ts',
    imp('node:fs'),
    'preload-only-ipc',
    "only shared/ipc and electron's contextBridge/ipcRenderer",
    'node:fs',
  ],
  [
    'electron/preload/probe.ts',
    imp('../core'),
    'preload-only-ipc',
    "only shared/ipc and electron's contextBridge/ipcRenderer",
    '../core',
  ],
  // electron/core
  [
    'electron/core/probe.ts',
    imp('electron'),
    'core-no-electron',
    "electron/core runs in plain Node: it must not import 'electron'",
    'electron',
  ],
  [
    'electron/core/probe.ts',
    'export const load = () => import("electron")\n',
    'core-no-electron',
    "electron/core runs in plain Node: it must not import 'electron'",
    'electron',
  ],
  [
    'electron/core/plans/probe.ts',
    imp('../../main/ipc'),
    'core-no-shells',
    'below the shells',
    '../../main/ipc',
  ],
  [
    'electron/core/probe.ts',
    "export * from '../bridge/server'\n",
    'core-no-shells',
    'below the shells',
    '../bridge/server',
  ],
  [
    'electron/core/probe.ts',
    imp('../preload/build-api'),
    'core-no-shells',
    'below the shells',
    '../preload/build-api',
  ],
  [
    'electron/core/probe.ts',
    "export type Format = typeof import('../../renderer/src/format')\n",
    'core-no-renderer',
    'never imports the UI',
    '../../renderer/src/format',
  ],
  [
    'electron/core/probe.ts',
    imp('../../headoffice/app'),
    'core-no-headoffice',
    'only through the sync protocol',
    '../../headoffice/app',
  ],
  // electron/bridge
  [
    'electron/bridge/probe.ts',
    imp('electron'),
    'bridge-no-electron',
    "serves the core without Electron: it must not import 'electron'",
    'electron',
  ],
  [
    'electron/bridge/probe.ts',
    imp('../../renderer/src/main'),
    'bridge-no-renderer',
    'never its code',
    '../../renderer/src/main',
  ],
  [
    'electron/bridge/probe.ts',
    imp('../main/ipc'),
    'bridge-only-core-and-shared',
    'only electron/core and shared/',
    '../main/ipc',
  ],
  // renderer/
  [
    'renderer/src/probe.ts',
    imp('electron'),
    'renderer-no-electron',
    "talks to window.kiosk only: it must not import 'electron'",
    'electron',
  ],
  [
    'renderer/src/components/Probe.vue',
    `<script setup lang="ts">\nimport 'electron'\n</script>\n<template><p /></template>\n`,
    'renderer-no-electron',
    "talks to window.kiosk only: it must not import 'electron'",
    'electron',
  ],
  ['renderer/src/probe.ts', imp('node:path'), 'renderer-no-node', 'no Node built-ins', 'node:path'],
  ['renderer/src/probe.ts', imp('fs'), 'renderer-no-node', 'no Node built-ins', 'fs'],
  ['renderer/src/probe.ts', imp('typeorm'), 'renderer-no-storage', 'has no storage', 'typeorm'],
  [
    'renderer/src/stores/probe.ts',
    imp('../../../electron/core'),
    'renderer-no-kiosk-code',
    'must not import electron/ code',
    '../../../electron/core',
  ],
  [
    'renderer/src/probe.ts',
    imp('../../electron/preload/build-api'),
    'renderer-no-kiosk-code',
    'must not import electron/ code',
    '../../electron/preload/build-api',
  ],
  [
    'renderer/src/probe.ts',
    imp('../../headoffice/app'),
    'renderer-no-headoffice',
    'must not import head office code',
    '../../headoffice/app',
  ],
  // headoffice/
  [
    'headoffice/probe.ts',
    imp('electron'),
    'headoffice-no-electron',
    "a server apart from the kiosk: it must not import 'electron'",
    'electron',
  ],
  [
    'headoffice/services/probe.ts',
    imp('../../electron/core/index'),
    'headoffice-no-kiosk-code',
    'must not import kiosk code',
    '../../electron/core/index',
  ],
  [
    'headoffice/probe.ts',
    imp('../electron/main/ipc'),
    'headoffice-no-kiosk-code',
    'must not import kiosk code',
    '../electron/main/ipc',
  ],
  [
    'headoffice/probe.ts',
    imp('../renderer/src/format'),
    'headoffice-no-renderer',
    "must not import the kiosk's UI",
    '../renderer/src/format',
  ],
  // headoffice/console (not built yet: the rules wait for it)
  [
    'headoffice/console/probe.ts',
    imp('../app'),
    'console-only-shared',
    "talks to head office's HTTP API only",
    '../app',
  ],
  [
    'headoffice/console/probe.ts',
    imp('../../electron/core'),
    'console-only-shared',
    "talks to head office's HTTP API only",
    '../../electron/core',
  ],
  [
    'headoffice/console/probe.ts',
    imp('electron'),
    'console-no-electron-or-node',
    'runs in a browser',
    'electron',
  ],
  [
    'headoffice/console/probe.ts',
    imp('node:fs'),
    'console-no-electron-or-node',
    'runs in a browser',
    'node:fs',
  ],
]

describe('lint: every forbidden import of the table fails with its own rule', () => {
  it.each(FORBIDDEN)('%s: %j → %s', async (file, code, rule, phrase, source) => {
    const { findings, meta } = await lint(file, code)
    const ruleId = `architecture/${rule}`
    const template = (meta as Record<string, { messages: Record<string, string> }>)[ruleId]
      ?.messages.forbidden
    expect(template, `${ruleId} exists`).toBeDefined()
    expect(findings).toEqual([{ ruleId, message: template!.replace('{{source}}', source) }])
    expect(findings[0]!.message).toContain(`[${rule}]`)
    expect(findings[0]!.message).toContain(phrase)
    expect(findings[0]!.message).toContain('docs/architecture.md#imports')
  })

  it('shared/ uses no DOM global', async () => {
    const { findings } = await lint('shared/probe.ts', 'export const w = window.innerWidth\n')
    expect(findings).toHaveLength(1)
    expect(findings[0]!.ruleId).toBe('no-restricted-globals')
    expect(findings[0]!.message).toContain("must not use the DOM ('window')")
  })
})

/** [file, code] that the table allows. */
const ALLOWED: Array<[file: string, code: string]> = [
  ['shared/probe.ts', imp('zod') + imp('./domain/money') + imp('./contract/plans')],
  ['shared/domain/probe.ts', imp('zod') + imp('./money') + imp('./calendar')],
  ['shared/contract/probe.ts', imp('zod') + imp('../domain') + imp('./common')],
  ['shared/sync/probe.ts', imp('zod') + imp('../domain') + imp('./events')],
  [
    'electron/main/probe.ts',
    imp('electron') + imp('node:path') + imp('../core') + imp('../../shared/ipc') + imp('./ipc'),
  ],
  [
    'electron/preload/probe.ts',
    "import { contextBridge, ipcRenderer } from 'electron'\n" +
      "import type { IpcRendererEvent } from 'electron'\n" +
      "import type { KioskApi } from '../../shared/ipc'\n" +
      "import { buildKioskApi } from './build-api'\n" +
      'export { contextBridge, ipcRenderer, buildKioskApi }\n' +
      'export type { IpcRendererEvent, KioskApi }\n',
  ],
  [
    'electron/core/plans/probe.ts',
    imp('node:crypto') + imp('typeorm') + imp('better-sqlite3') + imp('../../../shared/domain'),
  ],
  ['electron/bridge/probe.ts', imp('node:http') + imp('../core') + imp('../../shared/csp')],
  [
    'renderer/src/probe.ts',
    imp('vue') + imp('pinia') + imp('zod') + imp('../../shared/domain/calendar') + imp('./format'),
  ],
  [
    'headoffice/services/probe.ts',
    imp('fastify') + imp('node:crypto') + imp('../../shared/sync/protocol') + imp('../db/sql'),
  ],
  ['headoffice/console/probe.ts', imp('vue') + imp('../../shared/domain') + imp('./api')],
  ['test/probe.ts', imp('electron') + imp('../electron/core') + imp('../renderer/src/format')],
]

describe('lint: the imports the table allows pass', () => {
  it.each(ALLOWED)('%s', async (file, code) => {
    const { findings } = await lint(file, code)
    expect(findings).toEqual([])
  })
})
