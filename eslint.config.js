import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'fs/promises',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'zlib',
  'worker_threads',
]

// Architecture rules (ARCHITECTURE.md): which part may import what.
const noElectron = {
  group: ['electron', 'electron/*'],
  message: 'Only electron/main and electron/preload may import electron.',
}
const noNode = {
  group: NODE_BUILTINS,
  message: 'shared/ and renderer/ stay isomorphic: no Node built-ins.',
}
const noDb = {
  group: ['typeorm', 'better-sqlite3', 'pg'],
  message: 'Storage belongs to electron/core and headoffice.',
}
const noCore = {
  group: ['**/electron/core/**', '**/core/*'],
  message: 'The renderer talks to window.kiosk only.',
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'release/**',
      'bench-results/**',
      '.kiosk-data/**',
      '.headoffice-data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      ecmaVersion: 2023,
      sourceType: 'module',
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MemberExpression[object.name='ipcMain'][property.name=/^(on|once|handle|handleOnce)$/]",
          message: 'Register channels only through registerContract (electron/main/ipc.ts).',
        },
        {
          selector:
            "MemberExpression[object.name='ipcRenderer'][property.name=/^(on|once|send|sendSync|invoke)$/]",
          message: 'Call the core only through buildKioskApi (electron/preload).',
        },
      ],
    },
  },
  {
    files: ['electron/core/**', 'electron/bridge/**', 'headoffice/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron] }] },
  },
  {
    files: ['shared/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noNode, noDb, noCore] }] },
  },
  {
    files: ['renderer/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noNode, noDb, noCore] }] },
  },
  {
    // The typed wrappers are the one place raw IPC is used.
    files: ['electron/main/ipc.ts', 'electron/preload/index.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['test/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
)
