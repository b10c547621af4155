// The activity log stores what was done by operation name ("appointments.markDidNotAttend");
// staff read it in words ("Marked did not attend"). One entry per action the app logs.

const actionWords: Readonly<Record<string, string>> = {
  'appointments.attend': 'Recorded a visit',
  'appointments.book': 'Booked an appointment',
  'appointments.cancel': 'Cancelled an appointment',
  'appointments.markDidNotAttend': 'Marked did not attend',
  'appointments.rebook': 'Rebooked an appointment',
  'appointments.undoDidNotAttend': 'Undid a did-not-attend',
  'audit.exportWorkbook': 'Exported the audit workbook',
  'backups.create': 'Backed up the database',
  'backups.restore': 'Restored the database',
  'clinics.create': 'Created a clinic',
  'clinics.setFollowUpInterval': 'Changed a follow-up interval',
  'codes.unmatchedCsv': 'Downloaded unmatched codes',
  'cohorts.archiveCustom': 'Archived a custom cohort',
  'cohorts.build': 'Built a cohort',
  'cohorts.saveCustom': 'Saved a custom cohort',
  'contact.setPreferences': 'Changed contact preferences',
  'documents.read': 'Opened a document',
  'imports.commit': 'Imported an export',
  'imports.forgetMapping': 'Forgot a column mapping',
  'imports.rejectsCsv': 'Downloaded rejected rows',
  'imports.saveMapping': 'Saved a column mapping',
  'invitations.createBatch': 'Sent an invitation batch',
  'invitations.regenerate': 'Regenerated batch documents',
  'patients.show': 'Opened a patient’s page',
  'programmes.create': 'Started a programme',
  'programmes.setStatus': 'Closed or reopened a programme',
  'referrals.create': 'Made a referral',
  'referrals.setOutcome': 'Recorded a referral outcome',
  'services.save': 'Saved a local service',
  'services.setActive': 'Deactivated or reactivated a local service',
  'settings.update': 'Changed practice settings',
  'templates.removeWord': 'Removed a Word template',
  'templates.save': 'Saved a letter template',
  'templates.uploadWord': 'Uploaded a Word template',
  'visits.riskPrompt': 'Prompted a same-day risk assessment',
  'visits.summaryPdf': 'Printed a visit summary'
}

/**
 * An activity action in words. An action this list does not know yet is still shown without code
 * words: "clinics.doSomethingNew" → "Do something new (clinics)".
 */
export function describeActivityAction(action: string): string {
  const known = actionWords[action]
  if (known) return known
  const [area, verb] = action.includes('.') ? action.split('.', 2) : ['', action]
  const words = (verb ?? '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
  const sentence = words.charAt(0).toUpperCase() + words.slice(1)
  return area ? `${sentence} (${area})` : sentence
}

/** Every action the log is known to record (a test checks each one the app writes has words). */
export const describedActivityActions: readonly string[] = Object.keys(actionWords)

/** The roles in the words the start screen offers them; the log stores the id ("manager"). */
export const roleLabels = { clinician: 'Clinician', admin: 'Admin / reception', manager: 'Practice manager' } as const

/** A role id from the log in words; one the app does not know is shown as it was stored. */
export function describeActivityRole(role: string): string {
  return Object.hasOwn(roleLabels, role) ? roleLabels[role as keyof typeof roleLabels] : role
}
