// What each operation touches, and so whether it may run before anyone has said who they are.
// Nothing may change the practice's data, or show or hand out anything about a patient, until
// someone has picked their name and role, because every such step is recorded against a person.
// The dispatcher enforces this for every front end that goes through it (desktop IPC,
// browser mode); the CLI always has a user (--user, CLINIC_RECALL_USER or the login name).
//
// The table is a Record over every operation name, so a new operation does not compile until
// someone decides its class here (and a unit test checks the same at run time).
import { assertNever } from './assert'
import type { OperationName } from './operation-names'

/**
 * - `open`: harmless before sign-in: signing in itself, and what the start screen or any screen
 *   needs that holds no patient data and changes nothing (app version, shipped code lists).
 * - `read`: practice data with no patient in it (counts, summaries, settings lists); needs a user.
 * - `identifiable-read`: shows or hands out something about a named patient; needs a user.
 * - `write`: changes stored data, writes a file, or changes what the app is doing; needs a user.
 */
export type OperationAccess = 'open' | 'read' | 'identifiable-read' | 'write'

export const operationAccess: Readonly<Record<OperationName, OperationAccess>> = {
  'session.get': 'open',
  'session.setUser': 'open',
  'session.knownUsers': 'open',
  'settings.get': 'open',
  'settings.update': 'write',

  // A preview reads the chosen files and says which patients are new to the database.
  'imports.preview': 'identifiable-read',
  'imports.commit': 'write',
  'imports.list': 'read',
  // Sample values from each column: names, NHS numbers.
  'imports.columns': 'identifiable-read',
  'imports.saveMapping': 'write',
  'imports.mappings': 'read',
  'imports.forgetMapping': 'write',
  'imports.start': 'identifiable-read',
  // The progress carries the preview (patients, rejected rows with their values).
  'imports.progress': 'identifiable-read',
  'imports.cancel': 'write',
  'imports.rejectsCsv': 'identifiable-read',
  'imports.backups': 'read',
  'backups.list': 'read',
  // A copy of every patient's record, and a restore replaces them all.
  'backups.create': 'write',
  'backups.restore': 'write',
  'imports.patientStatus': 'identifiable-read',

  // Names, dates of birth and NHS numbers of the patients found; the whole record of one.
  'patients.find': 'identifiable-read',
  'patients.show': 'identifiable-read',

  'codes.library': 'open',
  'codes.unmatched': 'read',
  'codes.unmatchedCsv': 'read',

  'cohorts.definitions': 'open',
  // A programme's name, definition and counts: no patient in it.
  'programmes.list': 'read',
  'programmes.get': 'read',
  'programmes.create': 'write',
  'programmes.setStatus': 'write',
  'cohorts.build': 'write',
  'cohorts.preview': 'identifiable-read',
  'cohorts.list': 'read',
  'cohorts.get': 'identifiable-read',
  'cohorts.explain': 'identifiable-read',
  'cohorts.explainPreview': 'identifiable-read',
  'cohorts.compare': 'identifiable-read',
  'cohorts.saveCustom': 'write',
  'cohorts.archiveCustom': 'write',

  // Even as a preview (nothing stored) it lists who would get what.
  'invitations.createBatch': 'write',
  'invitations.listBatches': 'identifiable-read',
  'invitations.regenerate': 'write',
  'invitations.worklists': 'identifiable-read',
  'templates.list': 'read',
  'templates.save': 'write',
  'templates.uploadWord': 'write',
  'templates.removeWord': 'write',
  // The blank built-in Word template: no patient in it.
  'templates.builtInWord': 'read',
  'contacts.get': 'identifiable-read',
  'contacts.setPreferences': 'write',
  'documents.read': 'identifiable-read',

  'clinics.create': 'write',
  'clinics.list': 'read',
  'clinics.get': 'identifiable-read',
  'appointments.book': 'write',
  'appointments.attend': 'write',
  'appointments.markDidNotAttend': 'write',
  'appointments.undoDidNotAttend': 'write',
  'appointments.cancel': 'write',
  'appointments.rebook': 'write',
  'clinics.followUpIntervals': 'read',
  'clinics.setFollowUpInterval': 'write',
  // The patient's name and register conditions.
  'visits.context': 'identifiable-read',
  // Writes and records a document naming the patient.
  'visits.summaryPdf': 'write',
  'followups.due': 'identifiable-read',
  'worklists.didNotAttend': 'identifiable-read',
  'worklists.leftOpen': 'identifiable-read',
  'worklists.counts': 'read',

  // The directory of local services: no patient in it.
  'services.list': 'read',
  'services.save': 'write',
  'services.setActive': 'write',
  'referrals.create': 'write',
  'referrals.setOutcome': 'write',
  // Who was referred where.
  'referrals.due': 'identifiable-read',
  'referrals.ofPatient': 'identifiable-read',

  'audit.summary': 'identifiable-read',
  'audit.exportWorkbook': 'write',
  // Entries name patients ("Contact preferences for 943 476 5919 updated").
  'activity.list': 'identifiable-read'
}

/** Whether the operation may run with nobody signed in. */
export function runsBeforeSignIn(name: OperationName): boolean {
  return operationAccess[name] === 'open'
}

function whatNeedsAName(access: Exclude<OperationAccess, 'open'>): string {
  switch (access) {
    case 'write':
      return 'making changes'
    case 'identifiable-read':
      return 'viewing or exporting patient details'
    case 'read':
      return 'viewing practice data'
    default:
      return assertNever(access, 'operation access')
  }
}

/** The refusal when nobody has signed in, in words for the person at the screen. */
export function signInRequiredMessage(name: OperationName): string {
  const access = operationAccess[name]
  const what = access === 'open' ? 'this' : whatNeedsAName(access)
  return `Choose who you are on the start screen before ${what}: everything is recorded against your name (${name}).`
}
