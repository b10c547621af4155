import { describe, expect, it } from 'vitest'
import { operationAccess, runsBeforeSignIn, signInRequiredMessage } from '../../src/shared/operation-access'
import { operationNames } from '../../src/shared/operation-names'

describe('which operations need someone signed in', () => {
  it('classifies every operation in the contract, and nothing else', () => {
    expect(Object.keys(operationAccess).sort()).toEqual([...operationNames].sort())
    for (const name of operationNames) expect(['open', 'read', 'identifiable-read', 'write'], name).toContain(operationAccess[name])
  })

  it('lets only the harmless operations run before sign-in', () => {
    const open = operationNames.filter(runsBeforeSignIn).sort()
    expect(open).toEqual(['codes.library', 'cohorts.definitions', 'session.get', 'session.knownUsers', 'session.setUser', 'settings.get'])
  })

  it('treats every operation that changes something as a write', () => {
    for (const name of [
      'imports.commit',
      'cohorts.build',
      'invitations.createBatch',
      'appointments.book',
      'settings.update',
      'audit.exportWorkbook'
    ] as const) {
      expect(operationAccess[name], name).toBe('write')
    }
  })

  it('treats the operations that show or hand out patients as identifiable reads', () => {
    for (const name of ['documents.read', 'imports.rejectsCsv', 'cohorts.get', 'audit.summary', 'activity.list', 'contacts.get'] as const) {
      expect(operationAccess[name], name).toBe('identifiable-read')
    }
  })

  it('tells the user what to do in plain words', () => {
    expect(signInRequiredMessage('cohorts.build')).toBe(
      'Choose who you are on the start screen before making changes: everything is recorded against your name (cohorts.build).'
    )
    expect(signInRequiredMessage('documents.read')).toMatch(/before viewing or exporting patient details/)
    expect(signInRequiredMessage('clinics.list')).toMatch(/before viewing practice data/)
  })
})
