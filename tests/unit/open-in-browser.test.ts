// Browser mode opens the default browser for a person, and never where nobody is at a screen.
import { describe, expect, it } from 'vitest'
import { browserOpenChoice } from '../../src/main/browser/open-in-browser'

const desktop = { DISPLAY: ':0' }

describe('browserOpenChoice', () => {
  it('opens on a desktop, on Windows and macOS', () => {
    expect(browserOpenChoice(false, desktop, 'linux')).toEqual({ open: true, skipped: null })
    expect(browserOpenChoice(false, { WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toEqual({ open: true, skipped: null })
    expect(browserOpenChoice(false, {}, 'win32').open).toBe(true)
    expect(browserOpenChoice(false, {}, 'darwin').open).toBe(true)
  })
  it('does not open with --no-open, CLINIC_RECALL_NO_OPEN, under CI, or with no display', () => {
    expect(browserOpenChoice(true, desktop, 'linux')).toEqual({ open: false, skipped: '--no-open' })
    expect(browserOpenChoice(false, { ...desktop, CLINIC_RECALL_NO_OPEN: '1' }, 'linux')).toEqual({ open: false, skipped: 'CLINIC_RECALL_NO_OPEN is set' })
    expect(browserOpenChoice(false, { CI: 'true' }, 'win32')).toEqual({ open: false, skipped: 'running under CI' })
    expect(browserOpenChoice(false, {}, 'linux')).toEqual({ open: false, skipped: 'no display' })
  })
  it('reads "0" and "false" as not set', () => {
    expect(browserOpenChoice(false, { ...desktop, CLINIC_RECALL_NO_OPEN: '0', CI: 'false' }, 'linux').open).toBe(true)
  })
})
