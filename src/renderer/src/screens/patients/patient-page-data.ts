import type { OperationOutput } from '../../../../shared/contract'

/** What `patients.show` gives the patient's page, and each part of it. */
export type PatientPageData = OperationOutput<'patients.show'>
export type PatientReading = PatientPageData['readings'][number]
export type PatientSnapshot = PatientPageData['snapshots'][number]
export type PatientInvitation = PatientPageData['invitations'][number]
export type PatientAppointment = PatientPageData['appointments'][number]
export type PatientVisit = PatientPageData['visits'][number]
export type PatientFollowUp = PatientPageData['followUps'][number]
export type PatientReferral = PatientPageData['referrals'][number]
