// `npm start`: build, then open the desktop app where the Electron binary is installed; where it is
// not (machines without internet access at install time), start browser mode instead and open the
// default browser at its address. Extra arguments (e.g. `-- --db FILE --port N --no-open`) go to
// browser mode.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { runBrowserMode } from './browser-mode.mjs'

const require = createRequire(import.meta.url)
const root = new URL('..', import.meta.url).pathname

const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

// Look for the downloaded binary ourselves: `require('electron')` would try to download it (and
// print a network stack trace) when it is missing.
function installedElectronBinary() {
  try {
    const packageDir = dirname(require.resolve('electron/package.json'))
    const pathFile = join(packageDir, 'path.txt')
    if (!existsSync(pathFile)) return null
    const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
    return existsSync(binary) ? binary : null
  } catch {
    return null
  }
}
const electronBinary = installedElectronBinary()

if (electronBinary) {
  const child = spawn(electronBinary, ['.'], { cwd: root, stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal))
} else {
  console.log('The Electron binary is not installed on this machine: starting browser mode instead.')
  runBrowserMode(root, process.argv.slice(2))
}
