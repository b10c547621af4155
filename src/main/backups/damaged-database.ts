// What the user is told when the practice database fails its check at open: that it is damaged,
// that nothing was changed, and how to go back to the newest backups, with the exact command.
import { AppError } from '../../shared/result'
import { backupFolderFor, listBackupFiles } from './backup-files'

export interface DamagedDatabaseDetails {
  damagedDatabase: true
  databasePath: string
  backups: { name: string; createdAt: string; path: string }[]
}

/** The file at the database path is not a sound SQLite database: refused before anything writes to it. */
export class DamagedDatabaseError extends AppError {
  constructor(
    message: string,
    readonly damaged: DamagedDatabaseDetails
  ) {
    super('bad_file', message, damaged)
    this.name = 'DamagedDatabaseError'
  }
}

function when(iso: string): string {
  const d = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
  return `${d.getDate()} ${months[d.getMonth()]} ${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

const quoted = (path: string) => `"${path}"`

export function damagedDatabaseError(databasePath: string, problem: 'not-a-database' | 'damaged'): DamagedDatabaseError {
  const backups = listBackupFiles(databasePath).slice(0, 3)
  const what =
    problem === 'not-a-database'
      ? `The practice database file ${databasePath} is not a Clinic Recall database any more (it may have been overwritten or only partly copied)`
      : `The practice database file ${databasePath} is damaged (it fails SQLite's own check)`
  const lines = [`${what}, so Clinic Recall has not opened it. Nothing has been changed.`]
  if (backups.length > 0) {
    const newest = backups[0] as (typeof backups)[number]
    lines.push(
      `To go back to the newest backup (${when(newest.createdAt)}), close Clinic Recall and run:`,
      `  clinic-recall --db ${quoted(databasePath)} restore ${quoted(newest.path)}`,
      `Newest backups, in ${backupFolderFor(databasePath)}:`,
      ...backups.map((b) => `  ${b.name} (${when(b.createdAt)})`),
      'If a restore refuses one as damaged, try the next. A copy of the damaged file is kept in the backups folder.'
    )
  } else {
    lines.push(`There are no backups in ${backupFolderFor(databasePath)}. Do not delete the file: ask your IT support to restore it from this PC's own backup.`)
  }
  return new DamagedDatabaseError(lines.join('\n'), {
    damagedDatabase: true,
    databasePath,
    backups: backups.map((b) => ({ name: b.name, createdAt: b.createdAt, path: b.path }))
  })
}
