// Where the practice database lives by default: the same folder Electron's app.getPath('userData')
// gives for an app named "Clinic Recall", computed without Electron so the CLI and browser mode
// open the very same file as the desktop app.
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

export const appFolderName = 'Clinic Recall'
export const databaseFileName = 'clinic-recall.sqlite'

export function defaultDataFolder(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  switch (platform) {
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), appFolderName)
    case 'darwin':
      return join(home, 'Library', 'Application Support', appFolderName)
    default:
      return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), appFolderName)
  }
}

/** `--db` wins, then `CLINIC_RECALL_DB`, then the app's data folder. */
export function resolveDatabasePath(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return resolve(explicit)
  if (env.CLINIC_RECALL_DB) return resolve(env.CLINIC_RECALL_DB)
  return join(defaultDataFolder(process.platform, env), databaseFileName)
}

/** Generated letters and workbooks go in a folder beside the database. */
export function documentsFolderFor(databasePath: string): string {
  return join(resolve(databasePath, '..'), 'documents')
}
