// The audit (spec §7): gathers, for every patient who was a member of any cohort snapshot up to the
// as-of date, what happened — invited, booked, attended, baseline and follow-up BP — in a few
// whole-table queries (fast for a PCN's 100k patients), then leaves the counting to
// shared/domain/audit-outcome.ts. Nothing after the as-of date is seen, so an audit can be re-run
// for a past date.
import type { OperationOutput } from '../../shared/contract'
import { ageOn } from '../../shared/domain/age'
import {
  ageBand,
  funnelOf,
  imdQuintileLabel,
  selectBaselineAndFollowUp,
  summariseBpOutcome,
  systolicOutcome,
  type AuditBp,
  type AuditFacts,
  type BaselineSource,
  type OutcomeDirection
} from '../../shared/domain/audit-outcome'
import { ethnicCategories, isEthnicCategory } from '../../shared/domain/ethnicity'
import type { BpReading, BpSetting } from '../../shared/domain/patient-record'
import { displayName } from '../../shared/domain/patient-record'
import type { ServiceContext } from '../context'
import { todayIso } from '../context'

export type AuditSummary = OperationOutput<'audit.summary'>

/** One eligible patient as the audit sees them (the workbook's patient-level sheet). */
export interface AuditPatient extends AuditFacts {
  patientId: number
  nhsNumber: string
  name: string
  dateOfBirth: string | null
  age: number | null
  ageBand: string
  sex: string
  ethnicity: string
  imdQuintile: string
  firstInvitedOn: string | null
  invitations: number
  firstAttendedOn: string | null
  baseline: (AuditBp & { source: BaselineSource }) | null
  followUp: AuditBp | null
  systolicChange: number | null
  diastolicChange: number | null
  outcome: OutcomeDirection | null
}

export interface AuditDataset {
  asOf: string
  patients: AuditPatient[]
}

function sexLabel(sex: string | null): string {
  switch ((sex ?? '').toUpperCase()) {
    case 'M':
      return 'Male'
    case 'F':
      return 'Female'
    case 'I':
      return 'Indeterminate'
    default:
      return 'Unknown'
  }
}

function ethnicityLabel(category: string | null, text: string | null): string {
  if (category && isEthnicCategory(category)) return ethnicCategories[category]
  return text && text.trim() ? `${text.trim()} (not mapped to a category)` : 'Not recorded'
}

interface PatientRow {
  id: number
  nhs_number: string
  title: string | null
  given_name: string | null
  family_name: string | null
  date_of_birth: string | null
  sex: string | null
  ethnicity_text: string | null
  ethnicity_category: string | null
  imd_decile: number | null
}

function groupBy<T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>()
  for (const row of rows) {
    const k = key(row)
    const list = map.get(k)
    if (list) list.push(row)
    else map.set(k, [row])
  }
  return map
}

export function auditDataset(ctx: Pick<ServiceContext, 'db' | 'now'>, asOfInput?: string): AuditDataset {
  const db = ctx.db
  const asOf = asOfInput ?? todayIso(ctx)
  const eligibleSql = `SELECT DISTINCT ce.patient_id FROM cohort_entries ce JOIN cohorts c ON c.id = ce.cohort_id
                       WHERE ce.status = 'member' AND c.as_of <= @asOf`

  const patients = db
    .prepare(
      `SELECT id, nhs_number, title, given_name, family_name, date_of_birth, sex, ethnicity_text, ethnicity_category, imd_decile
       FROM patients WHERE id IN (${eligibleSql}) ORDER BY id`
    )
    .all({ asOf }) as PatientRow[]

  const invitations = new Map(
    (
      db
        .prepare(
          `SELECT patient_id, MIN(sent_on) AS first_on, COUNT(*) AS n FROM invitations
           WHERE sent_on <= @asOf AND patient_id IN (${eligibleSql}) GROUP BY patient_id`
        )
        .all({ asOf }) as { patient_id: number; first_on: string; n: number }[]
    ).map((r) => [r.patient_id, r])
  )

  // Booked: any appointment not cancelled, made by the as-of date or for a clinic by then (so a
  // patient who attended always counts as booked, whatever the clock said when it was recorded).
  const booked = new Set(
    (
      db
        .prepare(
          `SELECT DISTINCT a.patient_id FROM appointments a JOIN clinics c ON c.id = a.clinic_id
           WHERE a.status <> 'cancelled' AND (substr(a.booked_at, 1, 10) <= @asOf OR c.date <= @asOf)
             AND a.patient_id IN (${eligibleSql})`
        )
        .all({ asOf }) as { patient_id: number }[]
    ).map((r) => r.patient_id)
  )

  const visits = groupBy(
    db
      .prepare(
        `SELECT a.id, a.patient_id, c.date FROM appointments a JOIN clinics c ON c.id = a.clinic_id
         WHERE a.status = 'attended' AND c.date <= @asOf AND a.patient_id IN (${eligibleSql})
         ORDER BY a.patient_id, c.date, a.id`
      )
      .all({ asOf }) as { id: number; patient_id: number; date: string }[],
    (r) => r.patient_id
  )

  const readings = groupBy(
    db
      .prepare(
        `SELECT patient_id, taken_on, systolic, diastolic, setting, appointment_id FROM bp_readings
         WHERE taken_on <= @asOf AND patient_id IN (${eligibleSql}) ORDER BY patient_id, taken_on, id`
      )
      .all({ asOf }) as { patient_id: number; taken_on: string; systolic: number; diastolic: number; setting: BpSetting; appointment_id: number | null }[],
    (r) => r.patient_id
  )

  const result: AuditPatient[] = patients.map((p) => {
    const patientReadings = readings.get(p.id) ?? []
    const asReading = (r: (typeof patientReadings)[number]): BpReading => ({
      date: r.taken_on,
      systolic: r.systolic,
      diastolic: r.diastolic,
      setting: r.setting
    })
    const attendedVisits = visits.get(p.id) ?? []
    const invited = invitations.get(p.id)
    const chosen = selectBaselineAndFollowUp({
      visits: attendedVisits.map((v) => ({
        date: v.date,
        readings: patientReadings.filter((r) => r.appointment_id === v.id).map(asReading)
      })),
      readings: patientReadings.map(asReading),
      firstInvitedOn: invited?.first_on ?? null,
      asOf
    })
    const pair = chosen.baseline && chosen.followUp ? { baseline: chosen.baseline, followUp: chosen.followUp } : null
    const age = ageOn(p.date_of_birth, asOf)
    return {
      patientId: p.id,
      nhsNumber: p.nhs_number,
      name: displayName({ title: p.title, givenName: p.given_name, familyName: p.family_name }),
      dateOfBirth: p.date_of_birth,
      age,
      ageBand: ageBand(age),
      sex: sexLabel(p.sex),
      ethnicity: ethnicityLabel(p.ethnicity_category, p.ethnicity_text),
      imdQuintile: imdQuintileLabel(p.imd_decile),
      firstInvitedOn: invited?.first_on ?? null,
      invitations: invited?.n ?? 0,
      firstAttendedOn: attendedVisits[0]?.date ?? null,
      invited: invited !== undefined,
      booked: booked.has(p.id) || attendedVisits.length > 0,
      attended: attendedVisits.length > 0,
      baseline: chosen.baseline,
      followUp: chosen.followUp,
      pair,
      systolicChange: pair ? pair.followUp.systolic - pair.baseline.systolic : null,
      diastolicChange: pair ? pair.followUp.diastolic - pair.baseline.diastolic : null,
      outcome: pair ? systolicOutcome(pair.baseline.systolic, pair.followUp.systolic) : null
    }
  })
  return { asOf, patients: result }
}

function contractBp(bp: AuditBp) {
  return { systolic: bp.systolic, diastolic: bp.diastolic, date: bp.date, setting: bp.setting }
}

/** The contract's summary: seed table, funnel and the patients with both readings. */
export function summaryFromDataset(dataset: AuditDataset): AuditSummary {
  const outcome = summariseBpOutcome(dataset.patients.flatMap((p) => (p.pair ? [p.pair] : [])))
  return {
    asOf: dataset.asOf,
    bpOutcome: {
      patients: outcome.patients,
      reduced: outcome.reduced,
      unchanged: outcome.unchanged,
      increased: outcome.increased,
      reducedPercent: outcome.reducedPercent,
      unchangedPercent: outcome.unchangedPercent,
      increasedPercent: outcome.increasedPercent,
      meanSystolicChange: outcome.meanSystolicChange,
      meanDiastolicChange: outcome.meanDiastolicChange
    },
    funnel: funnelOf(dataset.patients),
    patients: dataset.patients.flatMap((p) =>
      p.baseline && p.followUp && p.outcome && p.systolicChange !== null && p.diastolicChange !== null
        ? [
            {
              nhsNumber: p.nhsNumber,
              name: p.name,
              ageBand: p.ageBand,
              sex: p.sex,
              ethnicity: p.ethnicity,
              baseline: contractBp(p.baseline),
              followUp: contractBp(p.followUp),
              systolicChange: p.systolicChange,
              diastolicChange: p.diastolicChange,
              outcome: p.outcome
            }
          ]
        : []
    )
  }
}

export function auditSummary(ctx: Pick<ServiceContext, 'db' | 'now'>, input: { asOf?: string } = {}): AuditSummary {
  return summaryFromDataset(auditDataset(ctx, input.asOf))
}
