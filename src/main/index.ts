// Electron main process: the desktop shell. Thin by design: it opens the practice database, serves
// the built renderer from app://, and binds the contract to IPC. Everything else is in the services.
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session } from 'electron'
import { join, normalize, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createAppContext } from './app-context'
import { AppError } from '../shared/result'
import { resolveDatabasePath } from './data-location'
import { createServices } from './services'
import { bindContract } from './electron/ipc-binding'
import { appOrigin, appScheme, rendererFileFor } from './electron/navigation-policy'
import { denyAllPermissions, hardenApp, secureWebPreferences } from './electron/security'

protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }])

hardenApp(app)

app.whenReady().then(() => {
  const rendererDir = join(__dirname, '../renderer')
  protocol.handle(appScheme, (request) => {
    const relative = rendererFileFor(request.url)
    const filePath = relative ? normalize(join(rendererDir, relative)) : null
    if (!filePath || !filePath.startsWith(normalize(rendererDir + sep))) {
      return new Response('Not found', { status: 404 })
    }
    return net.fetch(pathToFileURL(filePath).toString())
  })
  denyAllPermissions(session.defaultSession)

  // The desktop app and the CLI share one database in the app's data folder (or CLINIC_RECALL_DB).
  const databasePath = process.env.CLINIC_RECALL_DB ? resolveDatabasePath(undefined) : join(app.getPath('userData'), 'clinic-recall.sqlite')
  let ctx: ReturnType<typeof createAppContext>
  try {
    ctx = createAppContext({ databasePath, dailyBackup: true })
  } catch (error) {
    // Damaged, or from a newer version: the message says what to do; nothing else starts.
    dialog.showErrorBox('Clinic Recall cannot open the practice database', error instanceof AppError ? error.message : String(error))
    app.exit(1)
    return
  }
  bindContract(ipcMain, createServices(ctx))

  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'Clinic Recall',
    show: false,
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.js'))
  })
  window.once('ready-to-show', () => window.show())
  void window.loadURL(`${appOrigin}/index.html`)

  app.on('window-all-closed', () => {
    ctx.db.close()
    app.quit()
  })
})
