// `npm run serve`: the app in a browser. Starts the browser-mode host on 127.0.0.1 with a fresh
// random token, on the same database the desktop app and the CLI use, and opens the default browser
// at that address (open-in-browser.ts says when it does not). Started by scripts/browser-mode.mjs,
// it stops when that script does, however the script ends.
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createAppContext } from './app-context'
import { resolveDatabasePath } from './data-location'
import { createServices } from './services'
import { startBrowserHost } from './browser/http-host'
import { browserOpenChoice, openInBrowser } from './browser/open-in-browser'
import { startCannotOpenPage } from './backups/cannot-open-page'
import { databaseWarnings } from './backups/database-warnings'
import { AppError } from '../shared/result'

const DEFAULT_PORT = 4317

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false }
    }
  })
  if (values.help) {
    console.log('Usage: npm run serve -- [--db FILE] [--port N] [--no-open]   (port 0 picks a free port; --no-open: do not open the browser)')
    return
  }
  const portChosen = values.port !== undefined
  const port = Number(values.port ?? DEFAULT_PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number from 0 to 65535, not "${values.port}"`)
    process.exit(2)
  }
  const rendererDir = join(__dirname, '../renderer')
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error(`The renderer is not built (${rendererDir}). Run "npm run build" first.`)
    process.exit(1)
  }
  const databasePath = resolveDatabasePath(values.db)
  let ctx: ReturnType<typeof createAppContext>
  try {
    ctx = createAppContext({ databasePath, dailyBackup: true })
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    // Damaged, or from a newer version: say so in the terminal and in the browser, and start nothing else.
    console.error(error.message)
    const page = await startCannotOpenPage(error.message, portChosen ? port : 0)
    console.error(`Clinic Recall cannot start: open ${page.url} for what to do. Press Ctrl+C to stop.`)
    process.exitCode = 1
    return
  }
  for (const warning of databaseWarnings(databasePath)) console.warn(`Warning: ${warning}`)
  const token = randomBytes(24).toString('base64url')
  const services = createServices(ctx)
  const host = await startBrowserHost({ services, rendererDir, token, port }).catch((error: unknown) => {
    // The usual port is taken (another copy running, or another program): use a free one rather
    // than fail, unless the user asked for that port.
    if (!portChosen && (error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.log(`Port ${DEFAULT_PORT} is in use: using a free port instead.`)
      return startBrowserHost({ services, rendererDir, token, port: 0 })
    }
    throw error
  })
  console.log(`Clinic Recall is running at ${host.url}`)
  console.log(`Database: ${databasePath}`)
  const choice = browserOpenChoice(values['no-open'] === true, process.env)
  if (choice.open) {
    console.log('Opening it in your default browser (Chromium or Chrome work best). Press Ctrl+C to stop.')
    const problem = await openInBrowser(host.url)
    if (problem) console.warn(problem)
  } else {
    console.log(`Open that address in Chromium or Chrome (not opened for you: ${choice.skipped}). Press Ctrl+C to stop.`)
  }

  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    void host.close().then(() => {
      ctx.db.close()
      process.exit(0)
    })
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  process.on('SIGHUP', stop)
  // Started by scripts/browser-mode.mjs with a channel: when that script ends, even killed outright,
  // the channel closes and the server stops with it, so no orphan keeps the port and the database.
  if (process.channel) {
    process.on('disconnect', stop)
    process.channel.unref()
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
