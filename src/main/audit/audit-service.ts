// The audit: gathers, for every patient who was a member of any cohort snapshot up to the
// as-of date, what happened — invited, booked, attended, baseline and follow-up BP — in a few
// set-based queries joined to a temporary table of the eligible patients (fast for a PCN's 100k
// patients), then leaves the counting to shared/domain/audit-outcome.ts. Nothing after the as-of
// date is seen, so an audit can be re-run for a past date.
import type { OperationOutput } from '../../shared/contract'
import { ageOn } from '../../shared/domain/age'
import {
  ageBand,
  funnelOf,
  imdQuintileLabel,
  selectBaselineAndFollowUp,
  summariseBpOutcome,
  systolicOutcome,
  withinAuditTarget,
  type AuditBp,
  type AuditFacts,
  type BaselineAndFollowUp,
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

type ReadingRow = [patientId: number, takenOn: string, systolic: number, diastolic: number, setting: BpSetting, appointmentId: number | null]

/** What the audit reads from the database, before any per-patient working out (the bench's "query" phase). */
export interface AuditRows {
  asOf: string
  patients: PatientRow[]
  invitations: Map<number, { first_on: string; n: number }>
  booked: Set<number>
  visits: Map<number, { id: number; date: string }[]>
  readings: Map<number, ReadingRow[]>
}

/**
 * Set-based queries over the patients who were members of a cohort snapshot by the as-of date
 * (never one per patient). The big ones come back as plain arrays (`raw`), which for a PCN's
 * 100k patients saves building a few hundred thousand short-lived objects.
 */
export function readAuditRows(db: ServiceContext['db'], asOf: string): AuditRows {
  // Who is eligible is worked out once, into a temporary table keyed by patient id, and every read
  // joins to it: a third of the time of repeating the DISTINCT over cohort_entries in each query.
  db.exec('CREATE TEMP TABLE IF NOT EXISTS audit_eligible (patient_id INTEGER PRIMARY KEY, readings_from TEXT)')
  try {
    db.exec('DELETE FROM temp.audit_eligible')
    db.prepare(
      `INSERT OR IGNORE INTO temp.audit_eligible (patient_id)
       SELECT ce.patient_id FROM cohort_entries ce JOIN cohorts c ON c.id = ce.cohort_id
       WHERE ce.status = 'member' AND c.as_of <= ?`
    ).run(asOf)
    return readEligibleRows(db, asOf)
  } finally {
    db.exec('DROP TABLE IF EXISTS temp.audit_eligible')
  }
}

function readEligibleRows(db: ServiceContext['db'], asOf: string): AuditRows {
  const patients = db
    .prepare(
      `SELECT p.id, p.nhs_number, p.title, p.given_name, p.family_name, p.date_of_birth, p.sex, p.ethnicity_text, p.ethnicity_category, p.imd_decile
       FROM temp.audit_eligible e JOIN patients p ON p.id = e.patient_id ORDER BY e.patient_id`
    )
    .all() as PatientRow[]

  const invitations = new Map<number, { first_on: string; n: number }>()
  for (const [patientId, firstOn, n] of db
    .prepare(
      `SELECT i.patient_id, MIN(i.sent_on), COUNT(*) FROM temp.audit_eligible e JOIN invitations i ON i.patient_id = e.patient_id
       WHERE i.sent_on <= @asOf GROUP BY i.patient_id`
    )
    .raw()
    .all({ asOf }) as [number, string, number][]) {
    invitations.set(patientId, { first_on: firstOn, n })
  }

  // Booked: any appointment not cancelled, made by the as-of date or for a clinic by then (so a
  // patient who attended always counts as booked, whatever the clock said when it was recorded).
  const booked = new Set(
    db
      .prepare(
        `SELECT DISTINCT a.patient_id FROM temp.audit_eligible e JOIN appointments a ON a.patient_id = e.patient_id
         JOIN clinics c ON c.id = a.clinic_id
         WHERE a.status <> 'cancelled' AND (substr(a.booked_at, 1, 10) <= @asOf OR c.date <= @asOf)`
      )
      .pluck()
      .all({ asOf }) as number[]
  )

  const visits = new Map<number, { id: number; date: string }[]>()
  for (const [id, patientId, date] of db
    .prepare(
      `SELECT a.id, a.patient_id, c.date FROM temp.audit_eligible e JOIN appointments a ON a.patient_id = e.patient_id
       JOIN clinics c ON c.id = a.clinic_id
       WHERE a.status = 'attended' AND c.date <= @asOf
       ORDER BY a.patient_id, c.date, a.id`
    )
    .raw()
    .all({ asOf }) as [number, number, string][]) {
    const list = visits.get(patientId)
    if (list) list.push({ id, date })
    else visits.set(patientId, [{ id, date }])
  }

  // Only readings that can be a baseline or a follow-up are read (most of a PCN's BP history is
  // not): those taken at a visit, and those from the earlier of the first attended clinic and 13
  // months before the first invitation (the baseline looks back 12; a month spare for month-end
  // arithmetic). A patient neither invited nor seen has no baseline, so none of theirs is read.
  db.prepare(
    `UPDATE temp.audit_eligible AS e SET readings_from = b.first_day FROM (
       SELECT patient_id, MIN(day) AS first_day FROM (
         SELECT patient_id, date(MIN(sent_on), '-13 months') AS day FROM invitations WHERE sent_on <= @asOf GROUP BY patient_id
         UNION ALL
         SELECT a.patient_id, MIN(c.date) FROM appointments a JOIN clinics c ON c.id = a.clinic_id
          WHERE a.status = 'attended' AND c.date <= @asOf GROUP BY a.patient_id)
       GROUP BY patient_id) AS b
     WHERE b.patient_id = e.patient_id`
  ).run({ asOf })
  const readings = new Map<number, ReadingRow[]>()
  for (const row of db
    .prepare(
      `SELECT r.patient_id, r.taken_on, r.systolic, r.diastolic, r.setting, r.appointment_id
       FROM temp.audit_eligible e JOIN bp_readings r ON r.patient_id = e.patient_id
       WHERE e.readings_from IS NOT NULL AND r.taken_on <= @asOf
         AND (r.taken_on >= e.readings_from OR r.appointment_id IS NOT NULL)
       ORDER BY r.patient_id, r.taken_on, r.id`
    )
    .raw()
    .all({ asOf }) as ReadingRow[]) {
    const list = readings.get(row[0])
    if (list) list.push(row)
    else readings.set(row[0], [row])
  }
  return { asOf, patients, invitations, booked, visits, readings }
}

const asReading = (r: ReadingRow): BpReading => ({ date: r[1], systolic: r[2], diastolic: r[3], setting: r[4] })

function baselineAndFollowUp(
  rows: readonly ReadingRow[],
  visits: readonly { id: number; date: string }[],
  firstInvitedOn: string | null,
  asOf: string
): BaselineAndFollowUp {
  const readings = rows.map(asReading)
  return selectBaselineAndFollowUp({
    visits: visits.map((v) => ({ date: v.date, readings: readings.filter((_, i) => rows[i]?.[5] === v.id) })),
    readings,
    firstInvitedOn,
    asOf
  })
}

/** Each eligible patient's funnel stage, baseline and follow-up (the bench's "build" phase, with the breakdowns). */
export function auditPatientsFrom(rows: AuditRows): AuditPatient[] {
  const { asOf, invitations, booked, visits, readings } = rows
  return rows.patients.map((p) => {
    const patientReadings = readings.get(p.id) ?? []
    const attendedVisits = visits.get(p.id) ?? []
    const invited = invitations.get(p.id)
    // Without a visit or an invitation there is no baseline to look for (most of a large practice).
    const chosen: BaselineAndFollowUp =
      attendedVisits.length === 0 && !invited
        ? { baseline: null, followUp: null }
        : baselineAndFollowUp(patientReadings, attendedVisits, invited?.first_on ?? null, asOf)
    const pair =
      chosen.baseline && chosen.followUp
        ? {
            baseline: chosen.baseline,
            followUp: chosen.followUp,
            atTarget: {
              baseline: withinAuditTarget(chosen.baseline, ageOn(p.date_of_birth, chosen.baseline.date)),
              followUp: withinAuditTarget(chosen.followUp, ageOn(p.date_of_birth, chosen.followUp.date))
            }
          }
        : null
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
}

export function auditDataset(ctx: Pick<ServiceContext, 'db' | 'now'>, asOfInput?: string): AuditDataset {
  const asOf = asOfInput ?? todayIso(ctx)
  return { asOf, patients: auditPatientsFrom(readAuditRows(ctx.db, asOf)) }
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
      meanDiastolicChange: outcome.meanDiastolicChange,
      medianSystolicChange: outcome.medianSystolicChange,
      medianDiastolicChange: outcome.medianDiastolicChange,
      atTargetBefore: outcome.atTargetBefore,
      atTargetAfter: outcome.atTargetAfter,
      atTargetBeforePercent: outcome.atTargetBeforePercent,
      atTargetAfterPercent: outcome.atTargetAfterPercent
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
