// `npm run serve`: build, then start browser mode and open the default browser at its address
// (`npm run serve -- --no-open` to skip that; `--db FILE`, `--port N` as for serve.js).
import { spawnSync } from 'node:child_process'
import { runBrowserMode } from './browser-mode.mjs'

const root = new URL('..', import.meta.url).pathname

const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

runBrowserMode(root, process.argv.slice(2))
