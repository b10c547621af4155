// The follow-ups worklist (spec §6): who is due a BP review this week, and who is overdue.
import type { z } from 'zod'
import type { FollowUpDue as FollowUpDueSchema } from '../../shared/contract'
import { addDaysIso } from '../../shared/domain/iso-date'
import { displayName } from '../../shared/domain/patient-record'
import { todayIso, type ServiceContext } from '../context'

export type FollowUpDue = z.output<typeof FollowUpDueSchema>

/** "Due this week": due on or before the as-of date plus this many days. */
export const DUE_WINDOW_DAYS = 7

interface DueRow {
  patient_id: number
  nhs_number: string
  title: string | null
  given_name: string | null
  family_name: string | null
  due_on: string
  reason: string
}

/**
 * Follow-ups still open on `asOf` (default today) and due within the week, soonest first.
 *
 * A follow-up counts as met once the patient has any BP reading dated after the visit that proposed
 * it — a later clinic visit or a reading that arrived in an import — so BP taken in the clinical
 * system closes it (spec §6). That is decided here, in the query, against readings up to `asOf`,
 * rather than by rewriting follow_ups rows: the list is then right for any as-of date, and a reading
 * imported later needs no extra step to take effect.
 */
export function followUpsDue(ctx: ServiceContext, input: { asOf?: string | undefined } = {}): { asOf: string; due: FollowUpDue[] } {
  const asOf = input.asOf ?? todayIso(ctx)
  const rows = ctx.db
    .prepare(
      `SELECT f.patient_id, p.nhs_number, p.title, p.given_name, p.family_name, f.due_on, f.reason
       FROM follow_ups f
       JOIN appointments a ON a.id = f.appointment_id
       JOIN clinics c ON c.id = a.clinic_id
       JOIN patients p ON p.id = f.patient_id
       WHERE f.status = 'due'
         AND f.due_on <= ?
         AND NOT EXISTS (
           SELECT 1 FROM bp_readings r
           WHERE r.patient_id = f.patient_id AND r.taken_on > c.date AND r.taken_on <= ?
         )
       ORDER BY f.due_on, p.family_name, p.given_name, f.id`
    )
    .all(addDaysIso(asOf, DUE_WINDOW_DAYS), asOf) as DueRow[]
  return {
    asOf,
    due: rows.map((r) => ({
      patientId: r.patient_id,
      nhsNumber: r.nhs_number,
      name: displayName({ title: r.title, givenName: r.given_name, familyName: r.family_name }),
      dueOn: r.due_on,
      reason: r.reason,
      overdue: r.due_on < asOf
    }))
  }
}
