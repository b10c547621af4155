// The import worker bundled the way electron-vite builds it (out/main/import-worker.js), for tests
// that need a real worker thread: node cannot run the TypeScript sources in a thread. Built inside
// node_modules/.cache so the bundle's require('better-sqlite3') resolves (a worker thread does not
// read NODE_PATH) and git ignores it.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { build } from 'vite'

const root = resolve(__dirname, '../..')

export interface BuiltImportWorker {
  /** Where the bundle is; set CLINIC_RECALL_IMPORT_WORKER to it to make the import code use it. */
  script: string
  /** A scratch folder beside it, removed by cleanup(). */
  folder: string
  cleanup(): void
}

export async function buildImportWorker(): Promise<BuiltImportWorker> {
  mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true })
  const folder = mkdtempSync(join(root, 'node_modules', '.cache', 'clinic-recall-worker-'))
  await build({
    configFile: false,
    logLevel: 'silent',
    root,
    build: {
      ssr: true,
      outDir: join(folder, 'built'),
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rollupOptions: {
        input: { 'import-worker': join(root, 'src/main/import/import-worker.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' }
      }
    }
  })
  return { script: join(folder, 'built', 'import-worker.js'), folder, cleanup: () => rmSync(folder, { recursive: true, force: true }) }
}
