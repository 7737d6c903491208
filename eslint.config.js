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
