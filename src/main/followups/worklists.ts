// The practice's worklists and the counts the Today screen shows:
// follow-ups due this week and overdue (followup-service.ts), did-not-attend to re-invite (here),
// and the invitation worklists — non-responders and invited but not booked — which the invitations
// capability owns (invitations/invitation-worklists.ts); this file only counts them. Also the
// appointments left open in a past clinic, to be marked attended or did not attend.
import type { OperationOutput } from '../../shared/contract'
import { slotStartTimes } from '../../shared/domain/clinic-slots'
import { displayName } from '../../shared/domain/patient-record'
import { todayIso, type ServiceContext } from '../context'
import { invitationWorklists } from '../invitations/invitation-worklists'
import { followUpsDue } from './followup-service'

type DidNotAttend = OperationOutput<'worklists.didNotAttend'>['patients'][number]

interface DnaRow {
  appointment_id: number
  patient_id: number
  nhs_number: string
  title: string | null
  given_name: string | null
  family_name: string | null
  clinic_type: string
  clinic_date: string
  invitations_since: number
}

/**
 * Patients whose latest appointment was a did-not-attend and who have not been booked again since:
 * they are to be re-invited. A patient booked (or seen) later is no longer on the list; invitations
 * sent since the DNA are shown so staff do not send a third one by mistake.
 */
export function didNotAttendWorklist(ctx: ServiceContext): { patients: DidNotAttend[] } {
  const rows = ctx.db
    .prepare(
      `SELECT a.id AS appointment_id, a.patient_id, p.nhs_number, p.title, p.given_name, p.family_name,
              c.type AS clinic_type, c.date AS clinic_date,
              (SELECT COUNT(*) FROM invitations i WHERE i.patient_id = a.patient_id AND i.sent_on >= c.date) AS invitations_since
       FROM appointments a
       JOIN clinics c ON c.id = a.clinic_id
       JOIN patients p ON p.id = a.patient_id
       WHERE a.status = 'did-not-attend'
         AND NOT EXISTS (
           SELECT 1 FROM appointments later JOIN clinics lc ON lc.id = later.clinic_id
           WHERE later.patient_id = a.patient_id AND later.status IN ('booked', 'attended', 'did-not-attend')
             AND (lc.date > c.date OR (lc.date = c.date AND later.id > a.id))
         )
       ORDER BY c.date DESC, LOWER(IFNULL(p.family_name, '')), LOWER(IFNULL(p.given_name, ''))`
    )
    .all() as DnaRow[]
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

interface LeftOpenRow {
  appointment_id: number
  patient_id: number
  nhs_number: string
  title: string | null
  given_name: string | null
  family_name: string | null
  clinic_id: number
  clinic_type: string
  clinic_date: string
  start_time: string
  slot_minutes: number
  slots: number
  slot_index: number
}

/**
 * Appointments still booked in a clinic before asOf: the clinic day has passed and nobody marked
 * them attended or did not attend. They are not "booked into an upcoming clinic" (the cohort
 * exclusion and the invitation checks look only at clinics on or after their date), and until the
 * outcome is recorded a visit's BP is missing and a missed patient is not re-invited — so they are
 * listed, oldest clinic first, to be closed where they stand. Today's clinics are not yet left open.
 */
export function leftOpenWorklist(ctx: ServiceContext, input: { asOf?: string | undefined } = {}): { asOf: string; appointments: LeftOpen[] } {
  const asOf = input.asOf ?? todayIso(ctx)
  const rows = ctx.db
    .prepare(
      `SELECT a.id AS appointment_id, a.patient_id, p.nhs_number, p.title, p.given_name, p.family_name,
              c.id AS clinic_id, c.type AS clinic_type, c.date AS clinic_date, c.start_time, c.slot_minutes, c.slots, a.slot_index
       FROM appointments a
       JOIN clinics c ON c.id = a.clinic_id
       JOIN patients p ON p.id = a.patient_id
       WHERE a.status = 'booked' AND c.date < ?
       ORDER BY c.date, c.start_time, c.id, a.slot_index`
    )
    .all(asOf) as LeftOpenRow[]
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
export function worklistCounts(ctx: ServiceContext, input: { asOf?: string | undefined } = {}): OperationOutput<'worklists.counts'> {
  const asOf = input.asOf ?? todayIso(ctx)
  const followUps = followUpsDue(ctx, { asOf })
  const invitations = invitationWorklists(ctx)
  const clinicsToday = ctx.db.prepare('SELECT COUNT(*) AS n FROM clinics WHERE date = ?').get(asOf) as { n: number }
  return {
    asOf,
    clinicsToday: clinicsToday.n,
    followUpsDueThisWeek: followUps.due.filter((f) => !f.overdue).length,
    followUpsOverdue: followUps.due.filter((f) => f.overdue).length,
    didNotAttend: didNotAttendWorklist(ctx).patients.length,
    nonResponders: invitations.nonResponders.length,
    invitedNotBooked: invitations.invitedNotBooked.length,
    leftOpen: leftOpenWorklist(ctx, { asOf }).appointments.length
  }
}
