// The practice's worklists and the counts the Today screen shows:
// follow-ups due this week and overdue (followup-service.ts), did-not-attend to re-invite (here),
// and the invitation worklists — non-responders and invited but not booked — which the invitations
// capability owns (invitations/invitation-worklists.ts); this file only counts them. Also the
// appointments left open in a past clinic, to be marked attended or did not attend.
import type { OperationOutput } from '../../shared/contract'
import { slotStartTimes } from '../../shared/domain/clinic-slots'
import { displayName } from '../../shared/domain/patient-record'
import { todayIso, type ReadingContext } from '../context'
import { countClinicsOn } from '../clinics/clinic-session-queries'
import { invitationWorklists } from '../invitations/invitation-worklists'
import { followUpsDue } from './followup-service'
import { appointmentsLeftOpenBefore, didNotAttendsNotBookedSince } from './worklist-queries'

type DidNotAttend = OperationOutput<'worklists.didNotAttend'>['patients'][number]

/**
 * Patients whose latest appointment was a did-not-attend and who have not been booked again since:
 * they are to be re-invited. A patient booked (or seen) later is no longer on the list; invitations
 * sent since the DNA are shown so staff do not send a third one by mistake.
 */
export function didNotAttendWorklist(ctx: Pick<ReadingContext, 'db'>): { patients: DidNotAttend[] } {
  const rows = didNotAttendsNotBookedSince(ctx.db)
  return {
    patients: rows.map((r) => ({
      appointmentId: r.appointment_id,
      patientId: r.patient_id,
      nhsNumber: r.nhs_number,
      name: displayName({ title: r.title, givenName: r.given_name, familyName: r.family_name }),
      clinicType: r.clinic_type,
      clinicDate: r.clinic_date,
      invitationsSince: r.invitations_since
    }))
  }
}

type LeftOpen = OperationOutput<'worklists.leftOpen'>['appointments'][number]

/**
 * Appointments still booked in a clinic before asOf: the clinic day has passed and nobody marked
 * them attended or did not attend. They are not "booked into an upcoming clinic" (the cohort
 * exclusion and the invitation checks look only at clinics on or after their date), and until the
 * outcome is recorded a visit's BP is missing and a missed patient is not re-invited — so they are
 * listed, oldest clinic first, to be closed where they stand. Today's clinics are not yet left open.
 */
export function leftOpenWorklist(ctx: ReadingContext, input: { asOf?: string | undefined } = {}): { asOf: string; appointments: LeftOpen[] } {
  const asOf = input.asOf ?? todayIso(ctx)
  const rows = appointmentsLeftOpenBefore(ctx.db, asOf)
  return {
    asOf,
    appointments: rows.map((r) => ({
      appointmentId: r.appointment_id,
      patientId: r.patient_id,
      nhsNumber: r.nhs_number,
      name: displayName({ title: r.title, givenName: r.given_name, familyName: r.family_name }),
      clinicId: r.clinic_id,
      clinicType: r.clinic_type,
      clinicDate: r.clinic_date,
      start: slotStartTimes({ start: r.start_time, slotMinutes: r.slot_minutes, slots: r.slots })[r.slot_index] ?? r.start_time
    }))
  }
}

/** One count per worklist, for the Today screen. */
export function worklistCounts(ctx: ReadingContext, input: { asOf?: string | undefined } = {}): OperationOutput<'worklists.counts'> {
  const asOf = input.asOf ?? todayIso(ctx)
  const followUps = followUpsDue(ctx, { asOf })
  const invitations = invitationWorklists(ctx)
  return {
    asOf,
    clinicsToday: countClinicsOn(ctx.db, asOf),
    followUpsDueThisWeek: followUps.due.filter((f) => !f.overdue).length,
    followUpsOverdue: followUps.due.filter((f) => f.overdue).length,
    didNotAttend: didNotAttendWorklist(ctx).patients.length,
    nonResponders: invitations.nonResponders.length,
    invitedNotBooked: invitations.invitedNotBooked.length,
    leftOpen: leftOpenWorklist(ctx, { asOf }).appointments.length
  }
}
