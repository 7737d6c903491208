// The architecture's import table (docs/architecture.md#imports) as ESLint rules: one rule per
// line of the table, each with its own message, so a broken import says which rule it breaks.
//
// ESLint's own no-restricted-imports matches the text of a specifier, so `../main/ipc` written
// inside electron/core escapes a pattern like `**/electron/main/**`. These rules resolve every
// relative specifier against the importing file and judge the file it lands on.

import { builtinModules } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const SEE = '(see docs/architecture.md#imports)'

/** True when repository path `rel` is folder `dir` itself, a file in it, or `dir` + extension. */
function inside(rel, dir) {
  return rel === dir || rel.startsWith(`${dir}/`) || rel.startsWith(`${dir}.`)
}

function isBuiltin(spec) {
  return spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0])
}

function packageName(spec) {
  const parts = spec.split('/')
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]
}

/**
 * What an import points at: a file of the repository (`rel`, repository-relative, no extension
 * added), a Node built-in, or a package.
 */
function classify(spec, filename) {
  if (spec.startsWith('.') || spec.startsWith('/')) {
    const abs = path.resolve(path.dirname(filename), spec)
    return { kind: 'file', rel: path.relative(REPO_ROOT, abs).split(path.sep).join('/') }
  }
  if (isBuiltin(spec)) return { kind: 'builtin', name: spec }
  return { kind: 'package', name: packageName(spec) }
}

const isFileIn = (t, ...dirs) => t.kind === 'file' && dirs.some((d) => inside(t.rel, d))
const isFileOutside = (t, ...dirs) => t.kind === 'file' && !dirs.some((d) => inside(t.rel, d))
const isElectron = (t) => t.kind === 'package' && t.name === 'electron'
const ELECTRON_PARTS = ['electron/main', 'electron/preload', 'electron/core', 'electron/bridge']
const PRELOAD_ELECTRON_NAMES = new Set(['contextBridge', 'ipcRenderer'])

/**
 * The table. `scope` is the part a rule governs (`except` carves out an inner part with rules of
 * its own); `forbids(target, node)` says whether an import breaks it. Rules of one part forbid
 * disjoint targets, so one bad import reports one rule.
 */
export const IMPORT_RULES = [
  // shared/: pure, isomorphic, imported by every part.
  {
    id: 'shared-only-zod',
    scope: { in: 'shared' },
    forbids: (t) => t.kind !== 'file' && t.name !== 'zod',
    message: `shared/ is pure and isomorphic: it may import only zod, not '{{source}}' ${SEE}`,
  },
  {
    id: 'shared-no-app-parts',
    scope: { in: 'shared' },
    forbids: (t) => isFileOutside(t, 'shared'),
    message: `shared/ is imported by the kiosk and head office and imports none of them: not '{{source}}' ${SEE}`,
  },
  {
    id: 'domain-only-own-files',
    scope: { in: 'shared/domain' },
    forbids: (t) => isFileIn(t, 'shared') && isFileOutside(t, 'shared/domain'),
    message: `shared/domain is the one vocabulary: it may import only zod and its own files, not '{{source}}' ${SEE}`,
  },
  {
    id: 'contract-sync-apart',
    scope: { in: 'shared/contract' },
    forbids: (t) => isFileIn(t, 'shared/sync'),
    message: `shared/contract and shared/sync are two wire formats that meet only in shared/domain: shared/contract must not import '{{source}}' ${SEE}`,
  },
  {
    id: 'sync-contract-apart',
    scope: { in: 'shared/sync' },
    forbids: (t) => isFileIn(t, 'shared/contract'),
    message: `shared/sync and shared/contract are two wire formats that meet only in shared/domain: shared/sync must not import '{{source}}' ${SEE}`,
  },

  // electron/main: the shell.
  {
    id: 'main-no-renderer',
    scope: { in: 'electron/main' },
    forbids: (t) => isFileIn(t, 'renderer'),
    message: `electron/main loads the renderer's built page, never its code: not '{{source}}' ${SEE}`,
  },
  {
    id: 'main-only-core-and-shared',
    scope: { in: 'electron/main' },
    forbids: (t) => isFileOutside(t, 'electron/main', 'electron/core', 'shared', 'renderer'),
    message: `electron/main may import only electron/core and shared/ of this repository, not '{{source}}' ${SEE}`,
  },

  // electron/preload: window.kiosk and nothing else.
  {
    id: 'preload-only-ipc',
    scope: { in: 'electron/preload' },
    forbids: (t, node) => {
      if (t.kind === 'file')
        return !inside(t.rel, 'electron/preload') && !inside(t.rel, 'shared/ipc')
      if (!isElectron(t)) return true
      // Only `import { contextBridge, ipcRenderer } from 'electron'` (types are free).
      if (node.type !== 'ImportDeclaration') return true
      if (node.importKind === 'type') return false
      return node.specifiers.some(
        (s) =>
          s.type !== 'ImportSpecifier' ||
          (s.importKind !== 'type' && !PRELOAD_ELECTRON_NAMES.has(s.imported.name)),
      )
    },
    message: `electron/preload exposes window.kiosk and nothing else: it may import only shared/ipc and electron's contextBridge/ipcRenderer, not '{{source}}' ${SEE}`,
  },

  // electron/core: the kiosk's domain and storage, in plain Node.
  {
    id: 'core-no-electron',
    scope: { in: 'electron/core' },
    forbids: isElectron,
    message: `electron/core runs in plain Node: it must not import 'electron' (the shell passes in what it needs) ${SEE}`,
  },
  {
    id: 'core-no-shells',
    scope: { in: 'electron/core' },
    forbids: (t) => isFileIn(t, 'electron/main', 'electron/preload', 'electron/bridge'),
    message: `electron/core is below the shells: it must not import electron/main, electron/preload or electron/bridge ('{{source}}') ${SEE}`,
  },
  {
    id: 'core-no-renderer',
    scope: { in: 'electron/core' },
    forbids: (t) => isFileIn(t, 'renderer'),
    message: `electron/core never imports the UI: not '{{source}}' ${SEE}`,
  },
  {
    id: 'core-no-headoffice',
    scope: { in: 'electron/core' },
    forbids: (t) => isFileIn(t, 'headoffice'),
    message: `electron/core reaches head office only through the sync protocol (shared/sync): not '{{source}}' ${SEE}`,
  },

  // electron/bridge: the core over HTTP, without Electron.
  {
    id: 'bridge-no-electron',
    scope: { in: 'electron/bridge' },
    forbids: isElectron,
    message: `electron/bridge serves the core without Electron: it must not import 'electron' ${SEE}`,
  },
  {
    id: 'bridge-no-renderer',
    scope: { in: 'electron/bridge' },
    forbids: (t) => isFileIn(t, 'renderer'),
    message: `electron/bridge serves the renderer's built page, never its code: not '{{source}}' ${SEE}`,
  },
  {
    id: 'bridge-only-core-and-shared',
    scope: { in: 'electron/bridge' },
    forbids: (t) => isFileOutside(t, 'electron/bridge', 'electron/core', 'shared', 'renderer'),
    message: `electron/bridge may import only electron/core and shared/ of this repository, not '{{source}}' ${SEE}`,
  },

  // renderer/: the kiosk UI, which talks to window.kiosk only.
  {
    id: 'renderer-no-electron',
    scope: { in: 'renderer' },
    forbids: isElectron,
    message: `renderer/ talks to window.kiosk only: it must not import 'electron' ${SEE}`,
  },
  {
    id: 'renderer-no-node',
    scope: { in: 'renderer' },
    forbids: (t) => t.kind === 'builtin',
    message: `renderer/ runs in a sandboxed page: no Node built-ins ('{{source}}') ${SEE}`,
  },
  {
    id: 'renderer-no-storage',
    scope: { in: 'renderer' },
    forbids: (t) => t.kind === 'package' && ['typeorm', 'better-sqlite3', 'pg'].includes(t.name),
    message: `renderer/ has no storage: '{{source}}' belongs to electron/core and headoffice ${SEE}`,
  },
  {
    id: 'renderer-no-kiosk-code',
    scope: { in: 'renderer' },
    forbids: (t) => isFileIn(t, 'electron', ...ELECTRON_PARTS),
    message: `renderer/ talks to window.kiosk only: it must not import electron/ code ('{{source}}') ${SEE}`,
  },
  {
    id: 'renderer-no-headoffice',
    scope: { in: 'renderer' },
    forbids: (t) => isFileIn(t, 'headoffice'),
    message: `renderer/ is the kiosk's UI: it must not import head office code ('{{source}}') ${SEE}`,
  },

  // headoffice/console: head office's web UI, which talks to head office's HTTP API only.
  {
    id: 'console-no-electron-or-node',
    scope: { in: 'headoffice/console' },
    forbids: (t) => isElectron(t) || t.kind === 'builtin',
    message: `headoffice/console runs in a browser: it must not import '{{source}}' ${SEE}`,
  },
  {
    id: 'console-only-shared',
    scope: { in: 'headoffice/console' },
    forbids: (t) => isFileOutside(t, 'headoffice/console', 'shared'),
    message: `headoffice/console talks to head office's HTTP API only: it may import shared/ and its own files, not '{{source}}' ${SEE}`,
  },

  // headoffice/: the sync service, a server apart from the kiosk.
  {
    id: 'headoffice-no-electron',
    scope: { in: 'headoffice', except: 'headoffice/console' },
    forbids: isElectron,
    message: `headoffice/ is a server apart from the kiosk: it must not import 'electron' ${SEE}`,
  },
  {
    id: 'headoffice-no-kiosk-code',
    scope: { in: 'headoffice', except: 'headoffice/console' },
    forbids: (t) => isFileIn(t, 'electron', ...ELECTRON_PARTS),
    message: `headoffice/ shares only shared/ with the kiosk: it must not import kiosk code ('{{source}}') ${SEE}`,
  },
  {
    id: 'headoffice-no-renderer',
    scope: { in: 'headoffice', except: 'headoffice/console' },
    forbids: (t) => isFileIn(t, 'renderer'),
    message: `headoffice/ shares only shared/ with the kiosk: it must not import the kiosk's UI ('{{source}}') ${SEE}`,
  },
]

/** The literal module specifier of an import-like node, or null. */
function specifierOf(node) {
  switch (node.type) {
    case 'ImportDeclaration':
    case 'ExportAllDeclaration':
    case 'ExportNamedDeclaration':
    case 'ImportExpression':
      return node.source && node.source.type === 'Literal' ? node.source : null
    case 'TSImportType': {
      const arg = node.argument
      const literal = arg && arg.type === 'TSLiteralType' ? arg.literal : arg
      return literal && literal.type === 'Literal' ? literal : null
    }
    case 'CallExpression':
      return node.callee.type === 'Identifier' &&
        node.callee.name === 'require' &&
        node.arguments[0]?.type === 'Literal'
        ? node.arguments[0]
        : null
    default:
      return null
  }
}

function makeRule(rule) {
  return {
    meta: {
      type: 'problem',
      docs: { description: rule.message.replace(/ \{\{source\}\}| '\{\{source\}\}'/g, '') },
      schema: [],
      messages: { forbidden: `[${rule.id}] ${rule.message}` },
    },
    create(context) {
      const rel = path.relative(REPO_ROOT, context.filename).split(path.sep).join('/')
      if (!inside(rel, rule.scope.in) || (rule.scope.except && inside(rel, rule.scope.except))) {
        return {}
      }
      const check = (node) => {
        const source = specifierOf(node)
        if (!source || typeof source.value !== 'string') return
        if (rule.forbids(classify(source.value, context.filename), node)) {
          context.report({ node: source, messageId: 'forbidden', data: { source: source.value } })
        }
      }
      return {
        ImportDeclaration: check,
        ExportAllDeclaration: check,
        ExportNamedDeclaration: check,
        ImportExpression: check,
        TSImportType: check,
        CallExpression: check,
      }
    },
  }
}

/** The plugin: `architecture/<id>` for each line of {@link IMPORT_RULES}. */
export const architecturePlugin = {
  meta: { name: 'architecture' },
  rules: Object.fromEntries(IMPORT_RULES.map((rule) => [rule.id, makeRule(rule)])),
}

/** Every rule of the table switched on (each rule limits itself to its own part). */
export const architectureRules = Object.fromEntries(
  IMPORT_RULES.map((rule) => [`architecture/${rule.id}`, 'error']),
)
