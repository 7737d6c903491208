import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import { architecturePlugin, architectureRules } from './eslint/import-rules.js'

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
    // The architecture's import table (docs/architecture.md#imports), one rule per line of it;
    // each rule governs only the files of its own part (eslint/import-rules.js).
    plugins: { architecture: architecturePlugin },
    rules: architectureRules,
  },
  {
    // Known offenders, excluded by file name until shared/domain holds the vocabulary they share
    // (issue 13, item 1). The rules stay on for every other file, so no new offender can appear;
    // delete a name here once its file is fixed.
    //
    // architecture/domain-only-own-files — shared/domain imports shared/errors (KioskError,
    // ErrorCode, ErrorIssue) and shared/catalog (ValueBand, ChecklistItem, Catalog, findVariant):
    files: [
      'shared/domain/assured-value.ts',
      'shared/domain/calendar.ts',
      'shared/domain/checksums.ts',
      'shared/domain/eligibility.ts',
      'shared/domain/id-documents.ts',
      'shared/domain/inspection.ts',
      'shared/domain/money.ts',
      'shared/domain/validation.ts',
      'shared/domain/value-schedule.ts',
    ],
    rules: { 'architecture/domain-only-own-files': 'off' },
  },
  {
    // architecture/contract-sync-apart — these contract files import shared/sync/events for the
    // vocabulary (IdType, PaymentMethod, GstSplit, Payment, plan status…), and contract/sync.ts
    // imports shared/sync/protocol for the conflict's shape:
    files: [
      'shared/contract/cancellation.ts',
      'shared/contract/enrollment.ts',
      'shared/contract/plan-queries.ts',
      'shared/contract/plan-view.ts',
      'shared/contract/plans.ts',
      'shared/contract/receipt-data.ts',
      'shared/contract/reports.ts',
      'shared/contract/sync.ts',
    ],
    rules: { 'architecture/contract-sync-apart': 'off' },
  },
  {
    // architecture/sync-contract-apart — the sync protocol's plan summary carries the contract's
    // QuoteSchema:
    files: ['shared/sync/protocol.ts'],
    rules: { 'architecture/sync-contract-apart': 'off' },
  },
  {
    // shared/ runs in Node and in the page alike: no DOM.
    files: ['shared/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location'].map(
          (name) => ({
            name,
            message: `[shared-no-dom] shared/ is isomorphic: it must not use the DOM ('${name}') (see docs/architecture.md#imports)`,
          }),
        ),
      ],
    },
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
