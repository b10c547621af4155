import { describe, expect, it } from 'vitest'
import { join, resolve } from 'node:path'
import { defaultDataFolder, resolveDatabasePath } from '../../src/main/data-location'

describe('where the database lives', () => {
  it('matches Electron userData for "Clinic Recall" on each platform', () => {
    expect(defaultDataFolder('linux', {}, '/home/ada')).toBe('/home/ada/.config/Clinic Recall')
    expect(defaultDataFolder('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ada')).toBe('/cfg/Clinic Recall')
    expect(defaultDataFolder('darwin', {}, '/Users/ada')).toBe('/Users/ada/Library/Application Support/Clinic Recall')
    expect(defaultDataFolder('win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada')).toBe(
      join('C:\\Users\\ada\\AppData\\Roaming', 'Clinic Recall')
    )
  })

  it('prefers --db, then CLINIC_RECALL_DB', () => {
    expect(resolveDatabasePath('x.sqlite', { CLINIC_RECALL_DB: '/env.sqlite' })).toBe(resolve('x.sqlite'))
    expect(resolveDatabasePath(undefined, { CLINIC_RECALL_DB: '/env.sqlite' })).toBe('/env.sqlite')
    expect(resolveDatabasePath(undefined, { XDG_CONFIG_HOME: '/cfg' })).toMatch(/Clinic Recall[/\\]clinic-recall\.sqlite$/)
  })
})
