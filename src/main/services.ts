// Implements the contract by calling the capability services. Every front end (Electron IPC,
// browser-mode HTTP, CLI) goes through `dispatch` with an object made here; nothing clinical lives here.
import type { OperationName } from '../shared/operation-names'
import type { OperationOutput, ParsedInput } from '../shared/contract'
import type { ServiceContext } from './context'
import { listActivity } from './activity-log'
import { previewImport, commitImport, listImports } from './import/import-service'
import { listDefinitions, buildCohort, listCohorts, getCohort } from './cohorts/cohort-service'
import { explainCohortEntry } from './cohorts/cohort-explanation'
import { compareCohorts } from './cohorts/cohort-comparison'
import { createInvitationBatch, listBatches, regenerateBatch } from './invitations/invitation-service'
import { invitationWorklists } from './invitations/invitation-worklists'
import { templateServices } from './invitations/template-services'
import { getContact, setContactPreferences } from './invitations/contact-preferences-store'
import { readDocument } from './documents/document-store'
import {
  createClinic,
  listClinics,
  getClinic,
  bookAppointment,
  attendAppointment,
  markDidNotAttend,
  cancelAppointment,
  rebookAppointment,
  listClinicTypeIntervals,
  setClinicTypeInterval
} from './clinics/clinic-service'
import { followUpsDue } from './followups/followup-service'
import { didNotAttendWorklist, worklistCounts } from './followups/worklists'
import { auditSummary } from './audit/audit-service'
import { exportAuditWorkbook } from './audit/audit-export'
import { getPracticeSettings, updatePracticeSettings } from './settings/practice-settings-store'

export type Services = {
  [K in OperationName]: (input: ParsedInput<K>) => OperationOutput<K> | Promise<OperationOutput<K>>
}

export const appVersion = '0.1.0'

export function createServices(ctx: ServiceContext): Services {
  return {
    'session.get': () => ({ user: ctx.currentUser(), databasePath: ctx.databasePath, appVersion }),
    'session.setUser': (user) => {
      ctx.setCurrentUser(user)
      return { user }
    },
    'settings.get': () => getPracticeSettings(ctx),
    'settings.update': (settings) => updatePracticeSettings(ctx, settings),

    'imports.preview': ({ files, format }) =>
      previewImport(
        ctx,
        files.map((f) => ({ name: f.name, bytes: Buffer.from(f.contentBase64, 'base64') })),
        format
      ),
    'imports.commit': ({ previewId }) => commitImport(ctx, previewId),
    'imports.list': () => ({ imports: listImports(ctx) }),

    'cohorts.definitions': () => ({ definitions: listDefinitions() }),
    'cohorts.build': (input) => buildCohort(ctx, input),
    'cohorts.list': () => ({ cohorts: listCohorts(ctx) }),
    'cohorts.get': ({ cohortId }) => getCohort(ctx, cohortId),
    'cohorts.explain': ({ cohortId, patientId }) => explainCohortEntry(ctx, cohortId, patientId),
    'cohorts.compare': ({ fromCohortId, toCohortId }) => compareCohorts(ctx, fromCohortId, toCohortId),

    'invitations.createBatch': (input) => createInvitationBatch(ctx, input),
    'invitations.listBatches': () => ({ batches: listBatches(ctx) }),
    'invitations.regenerate': ({ batchId }) => regenerateBatch(ctx, batchId),
    'invitations.worklists': () => invitationWorklists(ctx),
    ...templateServices(ctx),
    'contacts.get': ({ nhsNumber }) => getContact(ctx, nhsNumber),
    'contacts.setPreferences': ({ nhsNumber, ...preferences }) => setContactPreferences(ctx, { nhsNumber, ...preferences }),
    'documents.read': ({ fileId }) => readDocument(ctx, fileId),

    'clinics.create': (input) => createClinic(ctx, input),
    'clinics.list': () => ({ clinics: listClinics(ctx) }),
    'clinics.get': ({ clinicId }) => getClinic(ctx, clinicId),
    'appointments.book': (input) => bookAppointment(ctx, input),
    'appointments.attend': (input) => attendAppointment(ctx, input),
    'appointments.markDidNotAttend': (input) => markDidNotAttend(ctx, input),
    'appointments.cancel': (input) => cancelAppointment(ctx, input),
    'appointments.rebook': (input) => rebookAppointment(ctx, input),
    'clinics.followUpIntervals': () => ({ types: listClinicTypeIntervals(ctx) }),
    'clinics.setFollowUpInterval': (input) => setClinicTypeInterval(ctx, input),
    'followups.due': (input) => followUpsDue(ctx, input),
    'worklists.didNotAttend': () => didNotAttendWorklist(ctx),
    'worklists.counts': (input) => worklistCounts(ctx, input),

    'audit.summary': (input) => auditSummary(ctx, input),
    'audit.exportWorkbook': (input) => exportAuditWorkbook(ctx, input),
    'activity.list': () => ({ entries: listActivity(ctx.db) })
  }
}
