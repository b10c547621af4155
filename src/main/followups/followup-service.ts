// The follow-ups worklist: who is due a BP review this week, who is overdue, and whose
// follow-up was met — by a later clinic visit or by a reading taken in the clinical system that
// arrived in a later import.
import type { z } from 'zod'
import type { FollowUpDone as FollowUpDoneSchema, FollowUpDue as FollowUpDueSchema } from '../../shared/contract'
import { addDaysIso } from '../../shared/domain/iso-date'
import { lowestOfReadings } from '../../shared/domain/current-bp'
import { displayName } from '../../shared/domain/patient-record'
import type { ReadableDb } from '../db/database-access'
import { todayIso, type ReadingContext } from '../context'
import { nextBookedClinicDateAfter } from '../clinics/appointment-queries'
import { firstReadingDayBetween, followUpsProposedBy, readingsOnDay, type FollowUpRow } from './follow-up-queries'

export type FollowUpDue = z.output<typeof FollowUpDueSchema>
export type FollowUpDone = z.output<typeof FollowUpDoneSchema>

/** "Due this week": due on or before the as-of date plus this many days. */
export const DUE_WINDOW_DAYS = 7
/** Follow-ups met within this many days before the as-of date are listed as done. */
export const DONE_WINDOW_DAYS = 90

/** The first day after the visit with a reading on or before `asOf`: the follow-up reading. */
function followUpReadingDay(db: ReadableDb, patientId: number, visitDate: string, asOf: string) {
  const day = firstReadingDayBetween(db, patientId, visitDate, asOf)
  if (!day) return null
  const readings = readingsOnDay(db, patientId, day)
  // NICE NG136 1.2.2 — the lowest of the readings on that day, as everywhere else.
  const bp = lowestOfReadings(readings)
  return { date: day, ...bp, source: readings.some((r) => r.source === 'visit') ? ('visit' as const) : ('import' as const) }
}

/**
 * Follow-ups open on `asOf` (default today) and due within the week, soonest first, and those met
 * in the last 90 days.
 *
 * A follow-up counts as met once the patient has any BP reading dated after the visit that proposed
 * it — a later clinic visit or a reading that arrived in an import — so BP taken in the clinical
 * system closes it. That is decided here against readings up to `asOf`, rather than by
 * rewriting follow_ups rows: the list is then right for any as-of date, and a reading imported later
 * needs no extra step to take effect. A newer visit's follow-up supersedes an older one.
 */
export function followUpsDue(ctx: ReadingContext, input: { asOf?: string | undefined } = {}): { asOf: string; due: FollowUpDue[]; done: FollowUpDone[] } {
  const asOf = input.asOf ?? todayIso(ctx)
  const rows = followUpsProposedBy(ctx.db, asOf)
  // Only the latest visit's follow-up per patient matters: an earlier one was met by that visit.
  const latest = new Map<number, FollowUpRow>()
  for (const row of rows) {
    const current = latest.get(row.patient_id)
    if (!current || row.visit_date > current.visit_date || (row.visit_date === current.visit_date && row.id > current.id)) {
      latest.set(row.patient_id, row)
    }
  }
  const due: FollowUpDue[] = []
  const done: FollowUpDone[] = []
  const doneFrom = addDaysIso(asOf, -DONE_WINDOW_DAYS)
  for (const row of rows) {
    const name = displayName({ title: row.title, givenName: row.given_name, familyName: row.family_name })
    const reading = followUpReadingDay(ctx.db, row.patient_id, row.visit_date, asOf)
    if (reading) {
      if (reading.date >= doneFrom) {
        done.push({
          patientId: row.patient_id,
          nhsNumber: row.nhs_number,
          name,
          visitDate: row.visit_date,
          dueOn: row.due_on,
          reading: { date: reading.date, systolic: reading.systolic, diastolic: reading.diastolic },
          readingSource: reading.source
        })
      }
      continue
    }
    if (latest.get(row.patient_id) !== row || row.due_on > addDaysIso(asOf, DUE_WINDOW_DAYS)) continue
    due.push({
      patientId: row.patient_id,
      nhsNumber: row.nhs_number,
      name,
      dueOn: row.due_on,
      reason: row.reason,
      overdue: row.due_on < asOf,
      visitDate: row.visit_date,
      clinicType: row.clinic_type,
      // The next booked appointment after the visit, so the worklist shows who is already booked.
      bookedFor: nextBookedClinicDateAfter(ctx.db, row.patient_id, row.visit_date)
    })
  }
  done.sort((a, b) => (a.reading.date < b.reading.date ? 1 : a.reading.date > b.reading.date ? -1 : 0))
  return { asOf, due, done }
}
