// Bundles TypeScript entry points into CommonJS files node can run — a child process to kill
// part-way, or the import worker as electron-vite builds it — since node cannot run the sources.
// Built inside node_modules/.cache so a bundle's require('better-sqlite3') resolves (a worker thread
// does not read NODE_PATH) and git ignores it.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { build } from 'vite'

const root = resolve(__dirname, '../..')

export interface Bundles {
  /** The built file of each entry, by the entry's name. */
  file(name: string): string
  /** A scratch folder the bundles sit in, removed by cleanup(). */
  folder: string
  cleanup(): void
}

/** `entries`: output name → source path relative to the project root. */
export async function bundleForNode(prefix: string, entries: Record<string, string>): Promise<Bundles> {
  mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true })
  const folder = mkdtempSync(join(root, 'node_modules', '.cache', `clinic-recall-${prefix}-`))
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
        input: Object.fromEntries(Object.entries(entries).map(([name, path]) => [name, join(root, path)])),
        output: { format: 'cjs', entryFileNames: '[name].js' }
      }
    }
  })
  return { file: (name) => join(folder, 'built', `${name}.js`), folder, cleanup: () => rmSync(folder, { recursive: true, force: true }) }
}
