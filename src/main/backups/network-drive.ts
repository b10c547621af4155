// Whether the database path is on a network drive, where SQLite's WAL mode is unsafe (its shared
// memory index does not work across computers, so two PCs can damage the file). Detection is a
// pure function of (path, platform, mount table text) so every platform's rules are unit-tested;
// `databaseLocationWarnings` reads the real mount table:
//   - Windows: a UNC path (\\server\share\…), or a drive letter that `net use` lists as mapped;
//   - Linux: the mount holding the path, from /proc/mounts, is nfs/nfs4/cifs/smb3/smbfs/sshfs;
//   - macOS: the same from `mount`, for smbfs/nfs/afpfs/webdav.
import { execFileSync } from 'node:child_process'
import { readFileSync, realpathSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

const linuxNetworkTypes = new Set(['nfs', 'nfs4', 'cifs', 'smb3', 'smbfs', 'fuse.sshfs'])
const macNetworkTypes = new Set(['smbfs', 'nfs', 'afpfs', 'webdav'])

export interface NetworkDrive {
  /** What the user can recognise: the share or the mount, e.g. \\server\share or /mnt/practice (nfs4). */
  where: string
}

/** /proc/mounts escapes space, tab, newline and backslash as octal. */
function unescapeMountPath(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)))
}

function holds(mountPoint: string, path: string): boolean {
  if (mountPoint === '/') return path.startsWith('/')
  return path === mountPoint || path.startsWith(`${mountPoint.replace(/\/+$/, '')}/`)
}

/** The mount with the longest mount point holding `path`. */
function mountOf(path: string, mounts: { point: string; type: string; source: string }[]) {
  return mounts.filter((m) => holds(m.point, path)).sort((a, b) => b.point.length - a.point.length)[0] ?? null
}

function windowsNetworkDrive(path: string, netUse: string): NetworkDrive | null {
  const p = path.replace(/\//g, '\\')
  const unc = /^\\\\\?\\UNC\\([^\\]+)\\([^\\]+)/i.exec(p) ?? (p.startsWith('\\\\?\\') || p.startsWith('\\\\.\\') ? null : /^\\\\([^\\]+)\\([^\\]+)/.exec(p))
  if (unc) return { where: `\\\\${unc[1]}\\${unc[2]}` }
  const drive = /^([a-z]):/i.exec(p)?.[1]?.toUpperCase()
  if (!drive) return null
  // "OK           Z:        \\server\share      Microsoft Windows Network" (status may be blank or "Unavailable").
  for (const line of netUse.split(/\r?\n/)) {
    const mapped = /(?:^|\s)([a-z]):\s+(\\\\\S+)/i.exec(line)
    if (mapped && mapped[1]?.toUpperCase() === drive) return { where: `${drive}: (${mapped[2]})` }
  }
  return null
}

function linuxMounts(table: string) {
  return table
    .split('\n')
    .map((line) => line.split(' '))
    .filter((f) => f.length >= 3)
    .map(([source, point, type]) => ({ source: unescapeMountPath(source as string), point: unescapeMountPath(point as string), type: type as string }))
}

function macMounts(table: string) {
  // "//user@server/share on /Volumes/share (smbfs, nodev, nosuid, mounted by user)"
  return table
    .split('\n')
    .map((line) => /^(.*) on (.*) \(([^,)]+)/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ source: m[1] as string, point: m[2] as string, type: (m[3] as string).trim() }))
}

export function detectNetworkDrive(path: string, platform: NodeJS.Platform, mountTable: string): NetworkDrive | null {
  if (platform === 'win32') return windowsNetworkDrive(path, mountTable)
  const mounts = platform === 'darwin' ? macMounts(mountTable) : linuxMounts(mountTable)
  const types = platform === 'darwin' ? macNetworkTypes : linuxNetworkTypes
  const mount = mountOf(path, mounts)
  if (!mount || !types.has(mount.type)) return null
  return { where: `${mount.point} (${mount.type} share ${mount.source})` }
}

export function networkDriveWarning(drive: NetworkDrive): string {
  return (
    `The practice database is on a network drive (${drive.where}). SQLite, which Clinic Recall uses, is not safe there: ` +
    "two computers using the file can damage it. Keep the database on this PC's own disk (move the file to a local folder, " +
    'or point --db or CLINIC_RECALL_DB at one).'
  )
}

function readMountTable(platform: NodeJS.Platform): string {
  try {
    if (platform === 'linux') return readFileSync('/proc/mounts', 'utf8')
    // Both commands answer in well under a second; on failure no warning is better than a stuck start.
    if (platform === 'darwin') return execFileSync('mount', { encoding: 'utf8', timeout: 1500 })
    if (platform === 'win32') return execFileSync('net', ['use'], { encoding: 'utf8', timeout: 1500, windowsHide: true })
  } catch {
    // No mount table: say nothing rather than guess.
  }
  return ''
}

function realPathOf(databasePath: string): string {
  const absolute = resolve(databasePath)
  try {
    return realpathSync(absolute)
  } catch {
    try {
      return resolve(realpathSync(dirname(absolute)), absolute.slice(dirname(absolute).length + 1))
    } catch {
      return absolute
    }
  }
}

const warningsByPath = new Map<string, string[]>()

/** Warnings about where the database is kept (asked once per path per process: the mount table is read once). */
export function databaseLocationWarnings(databasePath: string, platform: NodeJS.Platform = process.platform): string[] {
  if (databasePath === ':memory:' || databasePath === '') return []
  const known = warningsByPath.get(databasePath)
  if (known) return known
  const path = realPathOf(databasePath)
  // A UNC path needs no mount table (and `net use` is only run for a drive letter).
  const table = platform === 'win32' && /^[\\/]{2}/.test(path) ? '' : readMountTable(platform)
  const drive = detectNetworkDrive(path, platform, table)
  const warnings = drive ? [networkDriveWarning(drive)] : []
  warningsByPath.set(databasePath, warnings)
  return warnings
}
