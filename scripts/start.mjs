// `npm start`: build, then open the desktop app where the Electron binary is installed; where it is
// not (machines without internet access at install time), start browser mode instead and print the
// address to open. Extra arguments (e.g. `-- --db FILE --port N`) go to browser mode.
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const root = new URL('..', import.meta.url).pathname

const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

let electronBinary = null
try {
  electronBinary = require('electron') // the binary's path, or a throw when it was never downloaded
} catch {
  electronBinary = null
}

const child = electronBinary
  ? spawn(electronBinary, ['.'], { cwd: root, stdio: 'inherit' })
  : (console.log('The Electron binary is not installed on this machine: starting browser mode instead.'),
    spawn(process.execPath, ['out/main/serve.js', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' }))
child.on('exit', (code) => process.exit(code ?? 0))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
