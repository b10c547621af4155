import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// One build for the three front ends: the Electron main process (index), the browser-mode host
// (serve), the CLI (cli) and the benchmark runner (bench) share the services bundle; preload and
// renderer are built once and used by both Electron and browser mode.
export default defineConfig({
  main: {
    build: {
      // Bundled rather than required from node_modules: every front end loads these at start-up,
      // and reading zod and date-fns as hundreds of small files cost the CLI more than running them.
      // The rest stay external and are loaded on first use (src/main/load-on-first-use.ts).
      externalizeDeps: { exclude: ['zod', 'date-fns', 'commander'] },
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          serve: resolve('src/main/serve.ts'),
          cli: resolve('src/main/cli.ts'),
          bench: resolve('src/main/bench.ts'),
          // The import worker thread (import-jobs.ts starts out/main/import-worker.js).
          'import-worker': resolve('src/main/import/jobs/import-worker.ts')
        }
      }
    }
  },
  preload: { build: { rollupOptions: { input: { index: resolve('src/preload/index.ts') } } } },
  renderer: {
    root: 'src/renderer',
    base: './',
    build: { rollupOptions: { input: { index: resolve('src/renderer/index.html') } } },
    plugins: [react()]
  }
})
