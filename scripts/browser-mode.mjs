// Runs the built browser-mode host (out/main/serve.js) for `npm start` and `npm run serve`, and ties
// its life to this script's: Ctrl+C, a closed terminal or a kill of npm reach the server too. Signals
// are passed on; and the server is started with an IPC channel, which closes when this process ends
// however it ends (even SIGKILL), and the server stops on that (src/main/serve.ts).
import { spawn } from 'node:child_process'

export function runBrowserMode(root, args) {
  const child = spawn(process.execPath, ['out/main/serve.js', ...args], { cwd: root, stdio: ['inherit', 'inherit', 'inherit', 'ipc'] })
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal))
  return child
}
