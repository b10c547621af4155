// Lint holds the runtime boundaries: shared/ is pure TypeScript (no Node, Electron or DOM), the
// renderer never reaches into main/ and main never into the renderer, preload knows nothing but the
// operation names, and nothing but main/ and preload/ imports Electron. tests/unit/lint-boundaries
// probes each boundary. Type-aware checks (a switch must handle every case of a union) run on src/.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'stream', 'zlib', 'worker_threads']

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'smart']
    }
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false }]
    }
  },
  {
    files: ['src/main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/renderer/**', '**/preload/**'], message: 'main never imports the renderer or preload: they reach main through the contract.' }
          ]
        }
      ]
    }
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', '**/domain/**', '**/contract', '**/contract/**', 'zod'],
              message: 'preload exposes one function per operation name and nothing else: it imports only operation-names and ipc-channel.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', ...nodeBuiltins], message: 'src/shared is pure: no Node built-ins.' },
            { group: ['electron', 'better-sqlite3', 'react', 'react-dom', 'exceljs', 'pdfkit'], message: 'src/shared is pure: no runtime-specific packages.' },
            { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'src/shared must not import front ends or main.' }
          ]
        }
      ]
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', ...nodeBuiltins], message: 'The renderer runs in a sandbox: no Node built-ins.' },
            { group: ['electron', 'better-sqlite3'], message: 'The renderer reaches main only through the contract.' },
            { group: ['**/main/**', '**/preload/**'], message: 'The renderer never imports main; use the API built from the contract.' }
          ]
        }
      ]
    }
  },
  {
    files: ['bin/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  }
)
