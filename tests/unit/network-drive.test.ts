import { describe, expect, test } from 'vitest'
import { detectNetworkDrive, networkDriveWarning } from '../../src/main/backups/network-drive'

const linuxMounts = [
  '/dev/sda1 / ext4 rw,relatime 0 0',
  'proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0',
  'fileserver:/export/practice /mnt/practice nfs4 rw,relatime,vers=4.2 0 0',
  '//nas/shared\\040drive /mnt/shared\\040drive cifs rw,relatime 0 0',
  'user@host:/home/user /home/me/remote fuse.sshfs rw,nosuid 0 0',
  '/dev/sdb1 /mnt/practice/local-disk ext4 rw 0 0',
  'tmpfs /tmp tmpfs rw 0 0'
].join('\n')

describe('a database on a network drive is recognised on Linux from /proc/mounts', () => {
  test('a path under an nfs4 mount is a network drive, named by its mount and share', () => {
    expect(detectNetworkDrive('/mnt/practice/clinic-recall.sqlite', 'linux', linuxMounts)).toEqual({
      where: '/mnt/practice (nfs4 share fileserver:/export/practice)'
    })
  })

  test('a cifs mount with a space in its name (escaped as \\040) is recognised', () => {
    expect(detectNetworkDrive('/mnt/shared drive/db/clinic-recall.sqlite', 'linux', linuxMounts)?.where).toMatch(/^\/mnt\/shared drive \(cifs/)
  })

  test('sshfs counts as a network drive', () => {
    expect(detectNetworkDrive('/home/me/remote/clinic-recall.sqlite', 'linux', linuxMounts)).not.toBeNull()
  })

  test('the innermost mount decides: a local disk mounted inside a network share is local', () => {
    expect(detectNetworkDrive('/mnt/practice/local-disk/clinic-recall.sqlite', 'linux', linuxMounts)).toBeNull()
  })

  test('local disks and tmpfs are not network drives, and a name that only starts like a mount point is not inside it', () => {
    expect(detectNetworkDrive('/home/me/.config/Clinic Recall/clinic-recall.sqlite', 'linux', linuxMounts)).toBeNull()
    expect(detectNetworkDrive('/tmp/clinic-recall.sqlite', 'linux', linuxMounts)).toBeNull()
    expect(detectNetworkDrive('/mnt/practice-old/clinic-recall.sqlite', 'linux', linuxMounts)).toBeNull()
  })

  test('with no mount table there is no warning (nothing is guessed)', () => {
    expect(detectNetworkDrive('/mnt/practice/clinic-recall.sqlite', 'linux', '')).toBeNull()
  })
})

describe('on Windows', () => {
  const netUse = [
    'New connections will be remembered.',
    '',
    'Status       Local     Remote                    Network',
    '-------------------------------------------------------------------------------',
    'OK           Z:        \\\\fileserver\\practice      Microsoft Windows Network',
    'Unavailable  Y:        \\\\oldserver\\archive       Microsoft Windows Network',
    'The command completed successfully.'
  ].join('\r\n')

  test('a UNC path is a network drive, named by its server and share', () => {
    expect(detectNetworkDrive('\\\\fileserver\\practice\\Clinic Recall\\clinic-recall.sqlite', 'win32', '')).toEqual({ where: '\\\\fileserver\\practice' })
    expect(detectNetworkDrive('//fileserver/practice/clinic-recall.sqlite', 'win32', '')).toEqual({ where: '\\\\fileserver\\practice' })
    expect(detectNetworkDrive('\\\\?\\UNC\\fileserver\\practice\\clinic-recall.sqlite', 'win32', '')).toEqual({ where: '\\\\fileserver\\practice' })
  })

  test('a drive letter that `net use` lists as mapped is a network drive, whatever its status', () => {
    expect(detectNetworkDrive('Z:\\Clinic Recall\\clinic-recall.sqlite', 'win32', netUse)).toEqual({ where: 'Z: (\\\\fileserver\\practice)' })
    expect(detectNetworkDrive('y:\\clinic-recall.sqlite', 'win32', netUse)?.where).toMatch(/^Y:/)
  })

  test("the PC's own drives and long local paths are not network drives", () => {
    expect(detectNetworkDrive('C:\\Users\\gp\\AppData\\Roaming\\Clinic Recall\\clinic-recall.sqlite', 'win32', netUse)).toBeNull()
    expect(detectNetworkDrive('\\\\?\\C:\\Users\\gp\\clinic-recall.sqlite', 'win32', netUse)).toBeNull()
  })
})

describe('on macOS, from `mount`', () => {
  const mount = [
    '/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)',
    '//gp@nas._smb._tcp.local/Practice on /Volumes/Practice (smbfs, nodev, nosuid, mounted by gp)',
    'server:/export on /Volumes/nfs-share (nfs, asynchronous)',
    'afp_0TQGKa0KmEmk0wQhdl0000-1.2c000028 on /Volumes/Old (afpfs, nodev, nosuid, mounted by gp)'
  ].join('\n')

  test('smbfs, nfs and afpfs volumes are network drives; the local disk is not', () => {
    expect(detectNetworkDrive('/Volumes/Practice/clinic-recall.sqlite', 'darwin', mount)?.where).toMatch(/^\/Volumes\/Practice \(smbfs/)
    expect(detectNetworkDrive('/Volumes/nfs-share/clinic-recall.sqlite', 'darwin', mount)).not.toBeNull()
    expect(detectNetworkDrive('/Volumes/Old/clinic-recall.sqlite', 'darwin', mount)).not.toBeNull()
    expect(detectNetworkDrive('/Users/gp/Library/Application Support/Clinic Recall/clinic-recall.sqlite', 'darwin', mount)).toBeNull()
  })
})

test('the warning says why it matters and what to do', () => {
  const text = networkDriveWarning({ where: '\\\\fileserver\\practice' })
  expect(text).toMatch(/network drive \(\\\\fileserver\\practice\)/)
  expect(text).toMatch(/can damage it/)
  expect(text).toMatch(/this PC's own disk/)
})
