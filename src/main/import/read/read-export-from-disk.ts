// Reading an export file named on the command line. The size is looked at before a byte is read,
// so a multi-gigabyte file (a disk image, a video chosen by mistake) is refused at once instead of
// being loaded into memory, and the operating system's error codes become sentences.
import { readFileSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { AppError } from '../../../shared/result'
import { formatMegabytes } from '../../../shared/format/staff-text'
import { badFile } from './bad-file'
import { maxTextExportBytes } from './decode-file'

/** No export, text or workbook, is larger than a text export may be. */
export const maxExportFileBytes = maxTextExportBytes

function whyUnreadable(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'does not exist: check the folder and the file name'
    case 'EISDIR':
      return 'is a folder, not a file: name the export file inside it'
    case 'EACCES':
    case 'EPERM':
      return 'cannot be opened: this user account is not allowed to read it'
    case 'EBUSY':
      return 'is in use by another program (close it in Excel first)'
    default:
      return 'could not be read from the disk'
  }
}

const unreadable = (path: string, error: unknown) => new AppError('bad_file', `"${path}" ${whyUnreadable(error)}. Nothing was imported.`, { file: path })

export function readExportFromDisk(path: string): { name: string; bytes: Uint8Array } {
  const name = basename(path)
  let size: number
  try {
    const stat = statSync(path)
    if (stat.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' })
    size = stat.size
  } catch (error) {
    throw unreadable(path, error)
  }
  if (size > maxExportFileBytes) {
    throw badFile(
      path,
      `is ${formatMegabytes(size)}, larger than the ${formatMegabytes(maxExportFileBytes)} an export can be: no practice report is this big, so it is probably not the right file`
    )
  }
  try {
    return { name, bytes: readFileSync(path) }
  } catch (error) {
    throw unreadable(path, error)
  }
}
