// What a visit form needs before anything is typed: which form the clinic's type uses and what it
// requires, who the patient is, the conditions on their QOF registers on the clinic day (to confirm
// with them), and whether their printed summary must be in large print.
import type { OperationOutput } from '../../shared/contract'
import { displayName } from '../../shared/domain/patient-record'
import { visitFormForClinicType, visitFormRequirements } from '../../shared/domain/visit-forms'
import { AppError } from '../../shared/result'
import type { ReadingContext } from '../context'
import type { ReadableDb } from '../db/database-access'
import { patientContactRow } from '../invitations/contact-preference-queries'
import { patientConditionsOn } from '../patients/patient-conditions'
import { findAppointment, type AppointmentRow } from './appointment-queries'
import { findClinic, type ClinicRow } from './clinic-session-queries'

export type VisitContext = OperationOutput<'visits.context'>

/** The appointment and its clinic, whatever its status; not_found naming appointmentId. */
export function requireAppointmentWithClinic(db: ReadableDb, appointmentId: number): { appointment: AppointmentRow; clinic: ClinicRow } {
  const appointment = findAppointment(db, appointmentId)
  if (!appointment) throw new AppError('not_found', `No appointment with id ${appointmentId}`, { field: 'appointmentId' })
  const clinic = findClinic(db, appointment.clinic_id)
  if (!clinic) throw new AppError('internal', `Appointment ${appointmentId} points at a missing clinic ${appointment.clinic_id}`)
  return { appointment, clinic }
}

/** Accessible Information Standard: large print recorded for the patient in the app. */
export function patientWantsLargePrint(db: ReadableDb, patientId: number): boolean {
  return patientContactRow(db, patientId)?.large_print === 1
}

export function visitContext(ctx: ReadingContext, appointmentId: number): VisitContext {
  const { appointment, clinic } = requireAppointmentWithClinic(ctx.db, appointmentId)
  const form = visitFormForClinicType(clinic.type)
  const requirements = visitFormRequirements[form]
  return {
    appointmentId: appointment.id,
    status: appointment.status,
    clinicId: clinic.id,
    clinicType: clinic.type,
    clinicDate: clinic.date,
    form,
    formLabel: requirements.label,
    requires: requirements.requires,
    needsBp: requirements.needsBp,
    patient: {
      nhsNumber: appointment.nhs_number,
      name: displayName({ title: appointment.title, givenName: appointment.given_name, familyName: appointment.family_name })
    },
    conditions: patientConditionsOn(ctx.db, appointment.patient_id, clinic.date),
    largePrint: patientWantsLargePrint(ctx.db, appointment.patient_id)
  }
}
