// Lint holds the runtime boundaries (architecture practice 1): shared/ is pure TypeScript, the
// renderer never reaches into main/, and nothing but main/ and preload/ imports Electron.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

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
    rules: {
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
