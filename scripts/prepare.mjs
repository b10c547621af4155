// Runs on `npm install` / `npm ci`: bundle main, preload and renderer so `npx clinic-recall …` and
// `npm run serve` work straight after installing.
import { spawnSync } from 'node:child_process'

const result = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit', cwd: new URL('..', import.meta.url).pathname })
process.exit(result.status ?? 1)
