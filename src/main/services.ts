// Implements the contract by calling the capability services. Every front end (Electron IPC,
// browser-mode HTTP, CLI) goes through `dispatch` with an object made here; nothing clinical lives here.
import type { ServiceContext } from './context'
import { knownUserNames, listActivity, logPatientPageOpened, logRejectsDownloaded, logUnmatchedCodesDownloaded } from './activity-log'
import { commitImport, listImports, rejectsCsvOf, databaseBackups } from './import/import-service'
import { createManualBackup, listAllBackups, restoreListedBackup } from './backups/backup-service'
import { databaseWarnings } from './backups/database-warnings'
import { forgetColumnMapping, listColumnMappings, saveColumnMapping } from './import/map/column-mapping-store'
import { inspectColumnsInWorker } from './import/jobs/inspect-columns-in-worker'
import { patientImportStatus } from './import/commit/patient-import-status'
import { findPatients } from './patients/patient-search'
import { showPatient } from './patients/patient-page'
import { codeLibrary, unmatchedCodes, unmatchedCodesCsv } from './codelists/code-library-service'
import { startImportJob, importJobProgress, cancelImportJob, commitImportJob, isImportJob, rejectsCsvOfJob, previewImportJob } from './import/jobs/import-jobs'
import { listDefinitions, buildCohort, previewCohort } from './cohorts/cohort-service'
import { createProgramme, getProgramme, listProgrammes, setStatusOfProgramme } from './programmes/programmes'
import { listCohorts, getCohort } from './cohorts/cohort-snapshots'
import { explainCohortEntry, explainPreviewEntry } from './cohorts/cohort-explanation'
import { compareCohorts } from './cohorts/cohort-comparison'
import { saveCustomDefinition } from './cohorts/definition-catalog'
import { archiveCustomCohort } from './cohorts/custom-cohort-store'
import { createInvitationBatch } from './invitations/invitation-service'
import { listBatches, regenerateBatch } from './invitations/recorded-batches'
import { invitationWorklists } from './invitations/invitation-worklists'
import { templateServices } from './invitations/template-services'
import { getContact, setContactPreferences } from './invitations/contact-preferences-store'
import { readDocument } from './documents/document-store'
import { createClinic, listClinics, getClinic } from './clinics/clinic-sessions'
import { bookAppointment, cancelAppointment, rebookAppointment } from './clinics/booking'
import { attendAppointment, markDidNotAttend } from './clinics/visits'
import { undoDidNotAttend } from './clinics/undo-did-not-attend'
import { visitContext } from './clinics/visit-context'
import { visitSummaryPdf } from './clinics/visit-summary'
import { listClinicTypeIntervals, setClinicTypeInterval } from './clinics/follow-up-intervals'
import { followUpsDue } from './followups/followup-service'
import { didNotAttendWorklist, leftOpenWorklist, worklistCounts } from './followups/worklists'
import { listLocalServices, saveLocalService, setLocalServiceActiveState } from './local-services/local-services'
import { createReferral, referralsDueWorklist, referralsOfPatient, setReferralOutcome } from './local-services/referrals'
import { auditSummary } from './audit/audit-service'
import { exportAuditWorkbook } from './audit/audit-export'
import { getPracticeSettings, updatePracticeSettings } from './settings/practice-settings-store'
import type { Services } from './service-handlers'
import { appVersion } from './app-version'

export type { Services }

/** Files as the renderer sends them (base64) → bytes; main never takes a path from the renderer. */
function decodeUploads(files: readonly { name: string; contentBase64: string }[]) {
  return files.map((f) => ({ name: f.name, bytes: new Uint8Array(Buffer.from(f.contentBase64, 'base64')) }))
}

export function createServices(ctx: ServiceContext): Services {
  return {
    'session.get': () => ({ user: ctx.currentUser(), databasePath: ctx.databasePath, appVersion, warnings: databaseWarnings(ctx.databasePath) }),
    'session.setUser': (user) => {
      ctx.setCurrentUser(user)
      return { user }
    },
    'session.knownUsers': () => ({ names: knownUserNames(ctx.db) }),
    'settings.get': () => getPracticeSettings(ctx),
    'settings.update': (settings) => updatePracticeSettings(ctx, settings),

    // Both read whole files, so both run in an import worker thread (a hostile file ends that thread, not this process).
    'imports.preview': ({ files, format, mappings }) => previewImportJob(ctx, decodeUploads(files), format, mappings),
    'imports.columns': async ({ files, mappings }) => ({ files: await inspectColumnsInWorker(ctx, decodeUploads(files), mappings) }),
    'imports.saveMapping': (input) => saveColumnMapping(ctx, input),
    'imports.mappings': () => ({ mappings: listColumnMappings(ctx.db) }),
    'imports.forgetMapping': ({ layoutHash }) => ({ forgotten: forgetColumnMapping(ctx, layoutHash) }),
    'imports.commit': ({ previewId }) => (isImportJob(previewId) ? commitImportJob(ctx, previewId) : commitImport(ctx, previewId)),
    'imports.list': () => ({ imports: listImports(ctx) }),
    // Workbooks are read inside the job (its worker thread), not here: reading one takes seconds.
    'imports.start': ({ files, format, mappings }) => startImportJob(ctx, decodeUploads(files), format, mappings),
    'imports.progress': ({ jobId }) => importJobProgress(jobId),
    'imports.cancel': ({ jobId }) => cancelImportJob(jobId),
    'imports.rejectsCsv': (which) => {
      const file = 'previewId' in which && isImportJob(which.previewId) ? rejectsCsvOfJob(which.previewId) : rejectsCsvOf(ctx, which)
      logRejectsDownloaded(ctx, which, file.name)
      return file
    },
    'imports.backups': () => databaseBackups(ctx),
    'backups.list': () => listAllBackups(ctx),
    'backups.create': () => {
      const { name, kind, createdAt, byteSize } = createManualBackup(ctx)
      return { file: name, backup: { name, kind, createdAt, byteSize } }
    },
    'backups.restore': ({ name }) => restoreListedBackup(ctx, name),
    'imports.patientStatus': ({ patientId }) => patientImportStatus(ctx, patientId),

    'patients.find': (input) => findPatients(ctx, input),
    'patients.show': ({ nhsNumber }) => {
      const page = showPatient(ctx, nhsNumber)
      logPatientPageOpened(ctx, page.patient)
      return page
    },

    'codes.library': () => codeLibrary(),
    'codes.unmatched': () => unmatchedCodes(ctx),
    'codes.unmatchedCsv': () => {
      const file = unmatchedCodesCsv(ctx)
      logUnmatchedCodesDownloaded(ctx, file.name)
      return file
    },

    'programmes.list': () => ({ programmes: listProgrammes(ctx) }),
    'programmes.get': ({ programmeId }) => getProgramme(ctx, programmeId),
    'programmes.create': (input) => createProgramme(ctx, input),
    'programmes.setStatus': (input) => setStatusOfProgramme(ctx, input),
    'cohorts.definitions': () => ({ definitions: listDefinitions(ctx) }),
    'cohorts.build': (input) => buildCohort(ctx, input),
    'cohorts.preview': (input) => previewCohort(ctx, input),
    'cohorts.list': () => ({ cohorts: listCohorts(ctx) }),
    'cohorts.get': ({ cohortId }) => getCohort(ctx, cohortId),
    'cohorts.explain': ({ cohortId, patientId }) => explainCohortEntry(ctx, cohortId, patientId),
    'cohorts.explainPreview': (input) => explainPreviewEntry(ctx, input),
    'cohorts.compare': ({ fromCohortId, toCohortId }) => compareCohorts(ctx, fromCohortId, toCohortId),
    'cohorts.saveCustom': (input) => saveCustomDefinition(ctx, input),
    'cohorts.archiveCustom': ({ definition }) => {
      archiveCustomCohort(ctx, definition)
      return { archived: true as const }
    },

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
    'appointments.undoDidNotAttend': (input) => undoDidNotAttend(ctx, input),
    'appointments.cancel': (input) => cancelAppointment(ctx, input),
    'appointments.rebook': (input) => rebookAppointment(ctx, input),
    'clinics.followUpIntervals': () => ({ types: listClinicTypeIntervals(ctx) }),
    'clinics.setFollowUpInterval': (input) => setClinicTypeInterval(ctx, input),
    'visits.context': ({ appointmentId }) => visitContext(ctx, appointmentId),
    'visits.summaryPdf': ({ appointmentId }) => visitSummaryPdf(ctx, appointmentId),
    'followups.due': (input) => followUpsDue(ctx, input),
    'worklists.didNotAttend': () => didNotAttendWorklist(ctx),
    'worklists.leftOpen': (input) => leftOpenWorklist(ctx, input),
    'worklists.counts': (input) => worklistCounts(ctx, input),

    'services.list': () => ({ services: listLocalServices(ctx) }),
    'services.save': (input) => saveLocalService(ctx, input),
    'services.setActive': (input) => setLocalServiceActiveState(ctx, input),
    'referrals.create': (input) => createReferral(ctx, input),
    'referrals.setOutcome': (input) => setReferralOutcome(ctx, input),
    'referrals.due': (input) => referralsDueWorklist(ctx, input),
    'referrals.ofPatient': ({ nhsNumber }) => referralsOfPatient(ctx, nhsNumber),

    'audit.summary': (input) => auditSummary(ctx, input),
    'audit.exportWorkbook': (input) => exportAuditWorkbook(ctx, input),
    'activity.list': () => ({ entries: listActivity(ctx.db) })
  }
}
