// The import worker bundled the way electron-vite builds it (out/main/import-worker.js), for tests
// that need a real worker thread: node cannot run the TypeScript sources in a thread.
import { bundleForNode } from './bundle-for-node'

export interface BuiltImportWorker {
  /** Where the bundle is; set CLINIC_RECALL_IMPORT_WORKER to it to make the import code use it. */
  script: string
  /** A scratch folder beside it, removed by cleanup(). */
  folder: string
  cleanup(): void
}

export async function buildImportWorker(): Promise<BuiltImportWorker> {
  const bundles = await bundleForNode('worker', { 'import-worker': 'src/main/import/jobs/import-worker.ts' })
  return { script: bundles.file('import-worker'), folder: bundles.folder, cleanup: bundles.cleanup }
}
