// The patient's "What we agreed" summary of an attended visit: built from what was recorded (the
// plan, the medicines changed, the referrals made at the visit with each service's contact details,
// the follow-up), printed as a letter PDF — in large print when the patient is flagged — and
// recorded in the documents folder like every other document, with who printed it in the log.
import type { OperationOutput } from '../../shared/contract'
import { visitSummaryPlainText, buildVisitSummary } from '../../shared/domain/visit-summary-content'
import { clinicName } from '../../shared/domain/clinic-types'
import { unprintableInLines } from '../../shared/domain/letter-scripts'
import { formatNhsNumber } from '../../shared/domain/nhs-number'
import { isPlaceholderPractice } from '../../shared/domain/practice-settings'
import { AppError } from '../../shared/result'
import { logActivity } from '../activity-log'
import type { ServiceContext } from '../context'
import { PDF_MIME, placeAndRecordDocuments, stageDocument } from '../documents/document-store'
import { renderVisitSummaryPdf } from '../documents/visit-summary-pdf'
import { followUpOfAppointment } from '../followups/follow-up-queries'
import { requireLocalService } from '../local-services/local-services'
import { patientLetterRow } from '../patients/patient-queries'
import { getPracticeSettings } from '../settings/practice-settings-store'
import { patientWantsLargePrint, requireAppointmentWithClinic } from './visit-context'
import { referralsMadeAtVisit } from './visit-record-queries'
import { storedVisitOf } from './visit-records'
import { formatDateText } from '../../shared/format/staff-text'

export type VisitSummaryResult = OperationOutput<'visits.summaryPdf'>

function addressLines(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? value.filter((l): l is string => typeof l === 'string') : []
  } catch {
    return []
  }
}

export async function visitSummaryPdf(ctx: ServiceContext, appointmentId: number): Promise<VisitSummaryResult> {
  const { appointment, clinic } = requireAppointmentWithClinic(ctx.db, appointmentId)
  if (appointment.status !== 'attended') {
    throw new AppError(
      'conflict',
      `Appointment ${appointmentId} is ${appointment.status === 'booked' ? 'still booked' : appointment.status}: the "What we agreed" summary is printed once the visit is recorded`,
      { field: 'appointmentId' }
    )
  }
  const practice = getPracticeSettings(ctx)
  // As for invitations: a handout whose "call us on" is a placeholder leaves the patient nobody to call.
  if (isPlaceholderPractice(practice)) {
    throw new AppError(
      'conflict',
      'The "What we agreed" summary cannot be printed until the practice details are filled in: they still say "set in Settings", and the patient needs the practice\'s own name and phone number. Fill them in Settings → Practice details.'
    )
  }
  const patient = patientLetterRow(ctx.db, appointment.patient_id)
  if (!patient) throw new AppError('internal', `Appointment ${appointmentId} points at a missing patient ${appointment.patient_id}`)
  const stored = storedVisitOf(ctx.db, appointmentId)
  const largePrint = patientWantsLargePrint(ctx.db, appointment.patient_id)
  const services = referralsMadeAtVisit(ctx.db, appointmentId).map((r) => ({ service: requireLocalService(ctx.db, r.service_id), kind: r.kind }))

  const summary = buildVisitSummary({
    practice,
    patient: {
      nhsNumber: patient.nhs_number,
      title: patient.title,
      givenName: patient.given_name,
      familyName: patient.family_name,
      addressLines: addressLines(patient.address_lines_json),
      postcode: patient.postcode,
      dateOfBirth: patient.date_of_birth
    },
    clinicType: clinic.type,
    visitDate: clinic.date,
    record: stored.record,
    agreedPlan: stored.record?.agreedPlan ?? '',
    services,
    followUpDue: followUpOfAppointment(ctx.db, appointmentId)?.due_on ?? null,
    largePrint,
    appointmentId
  })

  const warnings: string[] = []
  for (const name of summary.servicesWithoutContact) {
    warnings.push(`${name} has no contact details: the summary asks the patient to ask the practice how to reach it. Add them in Settings → Local services.`)
  }
  const unprintable = unprintableInLines(visitSummaryPlainText(summary).split('\n'))
  if (unprintable) {
    warnings.push(
      `Some text ("${unprintable.sample}") cannot be printed in the summary's font: it is left as a line to write on by hand${unprintable.script ? ` (${unprintable.script} script)` : ''}.`
    )
  }

  const { bytes } = await renderVisitSummaryPdf(summary)
  const staged = stageDocument(ctx, {
    kind: largePrint ? 'visit-summary-large-print-pdf' : 'visit-summary-pdf',
    mimeType: PDF_MIME,
    fileName: `what-we-agreed-appointment-${appointmentId}-${clinic.date}${largePrint ? '-large-print' : ''}.pdf`,
    bytes
  })
  const [file] = placeAndRecordDocuments(ctx, [staged], (db, files) => {
    logActivity(
      ctx,
      db,
      'visits.summaryPdf',
      `Printed the "What we agreed" summary of ${formatNhsNumber(appointment.nhs_number)}'s visit (${clinicName(clinic.type)} ${formatDateText(clinic.date)})${largePrint ? ' in large print' : ''}`,
      { appointmentId, fileId: files[0]?.fileId, largePrint, services: services.length }
    )
    return files
  })
  if (!file) throw new AppError('internal', 'The summary was written but not recorded')
  return { file, largePrint, warnings }
}
