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
import type { BpReading } from '../../shared/domain/patient-record'
import { displayName } from '../../shared/domain/patient-record'
import type { ReadingContext } from '../context'
import { readAuditRows, type AuditReadingRow, type AuditRows } from './audit-queries'
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

const asReading = (r: AuditReadingRow): BpReading => ({ date: r[1], systolic: r[2], diastolic: r[3], setting: r[4] })

function baselineAndFollowUp(
  rows: readonly AuditReadingRow[],
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

export function auditDataset(ctx: Pick<ReadingContext, 'db' | 'now'>, asOfInput?: string): AuditDataset {
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

export function auditSummary(ctx: Pick<ReadingContext, 'db' | 'now'>, input: { asOf?: string } = {}): AuditSummary {
  return summaryFromDataset(auditDataset(ctx, input.asOf))
}
