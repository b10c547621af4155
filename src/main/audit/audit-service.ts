// The audit, of one programme or of the whole practice: gathers, for every patient who was a member
// of the programme's cohort snapshots (any programme's, for the practice) up to the as-of date, what
// that programme did for them — invited, booked, attended, baseline and follow-up BP — in a few
// set-based queries joined to a temporary table of the eligible patients (fast for a PCN's 100k
// patients), then leaves the counting to the domain (audit-funnel.ts, audit-outcome.ts,
// audit-breakdowns.ts; the wellbeing table, adherence at baseline and referrals: audit-wellbeing.ts,
// audit-adherence.ts, audit-referrals.ts, from what visits recorded on their forms). The whole practice counts each patient once with what any programme did
// for them, and lists each programme's own figures beside it, worked out from the same read.
// Nothing after the as-of date is seen, so an audit can be re-run for a past date.
import type { OperationOutput } from '../../shared/contract'
import { ageOn } from '../../shared/domain/age'
import { adherenceAtBaselineOf, adherenceFromStored, type AdherenceSummary } from '../../shared/domain/audit-adherence'
import { breakdownDimensions, breakdownsOf, core20Group, type BreakdownSubject } from '../../shared/domain/audit-breakdowns'
import { noSections, type AuditSections } from '../../shared/domain/audit-disclosure'
import { inBpTable } from '../../shared/domain/audit-funnel'
import {
  ageBand,
  bpOutcomeOf,
  funnelOf,
  imdQuintileLabel,
  selectBaselineAndFollowUp,
  systolicOutcome,
  withinAuditTarget,
  type AuditBp,
  type BaselineAndFollowUp,
  type BaselineSource,
  type BpOutcomeSummary,
  type FunnelCounts,
  type OutcomeDirection
} from '../../shared/domain/audit-outcome'
import { referralOutcomeAsOf, referralsByService, type AuditReferral } from '../../shared/domain/audit-referrals'
import { auditRules } from '../../shared/domain/audit-rules'
import { noWellbeingPairs, wellbeingOutcomeOf, wellbeingPairsOf, type WellbeingOutcomeSummary, type WellbeingPairs } from '../../shared/domain/audit-wellbeing'
import type { AdherenceRecord } from '../../shared/domain/medication-adherence'
import { ethnicCategories, isEthnicCategory } from '../../shared/domain/ethnicity'
import type { BpReading } from '../../shared/domain/patient-record'
import { displayName } from '../../shared/domain/patient-record'
import type { Programme, ProgrammeOutcome } from '../../shared/domain/programme'
import { systolicChangeBands } from '../../shared/domain/systolic-change-bands'
import type { ReadingContext } from '../context'
import { todayIso } from '../context'
import { allProgrammes } from '../programmes/programme-queries'
import { programmeFromRow, requireProgramme } from '../programmes/programmes'
import { readAuditRows, type AuditReadingRow, type AuditRows } from './audit-queries'

export type AuditSummary = OperationOutput<'audit.summary'>

/** One eligible patient as the audit of one programme (or of the practice) sees them: the workbook's patient-level sheet. */
export interface AuditPatient extends BreakdownSubject {
  patientId: number
  nhsNumber: string
  name: string
  dateOfBirth: string | null
  age: number | null
  firstInvitedOn: string | null
  invitations: number
  firstAttendedOn: string | null
  baseline: (AuditBp & { source: BaselineSource }) | null
  followUp: AuditBp | null
  systolicChange: number | null
  diastolicChange: number | null
  outcome: OutcomeDirection | null
  /** Each questionnaire's baseline and follow-up score, when the patient has both (invited patients only). */
  wellbeing: WellbeingPairs
  /** What the first attended visit recorded about taking BP medicines; null when it did not ask (or never invited). */
  adherenceAtBaseline: AdherenceRecord | null
}

/** A programme's own headline figures (the whole-practice audit lists every programme's). */
export interface ProgrammeFigures {
  programmeId: number
  name: string
  outcome: Programme['outcome']
  status: Programme['status']
  bpOutcome: BpOutcomeSummary
  funnel: FunnelCounts
}

export interface AuditDataset {
  asOf: string
  patients: AuditPatient[]
  /** The programme audited; absent or null = the whole practice. */
  programme?: { programmeId: number; name: string } | null
  /** Each programme's own figures: the one audited, or every programme for the whole practice. */
  programmes?: ProgrammeFigures[]
  /** The parts beyond the funnel and the BP table this audit has; absent = none. */
  sections?: AuditSections
  /** The referrals to local services counted (audit-referrals.ts); absent = none. */
  referrals?: AuditReferral[]
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

// Built for each of a PCN's invited patients, so it walks the patient's readings once for each
// visit and allocates nothing else (no index closures, no copies): the readings, and each visit's
// own, are what selectBaselineAndFollowUp is given either way.
function baselineAndFollowUp(
  rows: readonly AuditReadingRow[],
  visits: readonly { id: number; date: string }[],
  firstInvitedOn: string | null,
  asOf: string
): BaselineAndFollowUp {
  const readings = rows.map(asReading)
  const visitReadings = visits.map((v) => {
    const taken: BpReading[] = []
    for (let i = 0; i < rows.length; i++) if (rows[i]![5] === v.id) taken.push(readings[i]!)
    return { date: v.date, readings: taken }
  })
  return selectBaselineAndFollowUp({ visits: visitReadings, readings, firstInvitedOn, asOf })
}

const noBaseline: BaselineAndFollowUp = { baseline: null, followUp: null }
const none: readonly never[] = Object.freeze([])

/** The adherence a BP review's stored record holds; undefined (not a BP review) and anything unreadable are none. */
function storedAdherence(json: string | null | undefined): AdherenceRecord | null {
  if (json === null || json === undefined) return null
  try {
    return adherenceFromStored(JSON.parse(json))
  } catch {
    return null
  }
}

/** Whether every invitation, booking and visit of the patient belongs to `programmeId`. */
function allFactsOf(rows: AuditRows, patientId: number, programmeId: number): boolean {
  const of = (x: { programmeId: number | null }) => x.programmeId === programmeId
  return (
    (rows.invitations.get(patientId) ?? []).every(of) &&
    (rows.visits.get(patientId) ?? []).every(of) &&
    (rows.booked.get(patientId) ?? []).every((id) => id === programmeId)
  )
}

/**
 * Each eligible patient's facts, baseline and follow-up for one programme — `programmeId`, or the
 * programme the rows were read for — or, when neither names one, for the whole practice (every
 * fact, whichever programme it belongs to). The bench's "build" phase. `wholePractice`, the
 * practice's patients from the same rows, saves working a patient out again when all their facts
 * belong to this programme (they are then the same patient for it).
 */
export function auditPatientsFrom(
  rows: AuditRows,
  programmeId: number | null = rows.programmeId,
  wholePractice?: ReadonlyMap<number, AuditPatient>
): AuditPatient[] {
  const { asOf } = rows
  const inScope = (id: number | null) => programmeId === null || id === programmeId
  // For the whole practice every fact is in scope, so a patient's lists are used as read rather than
  // copied by a filter that keeps everything (100k patients, a few lists each). They are only read.
  const scoped = <T extends { programmeId: number | null }>(list: readonly T[] | undefined): readonly T[] =>
    list === undefined ? none : programmeId === null ? list : list.filter((x) => x.programmeId === programmeId)
  // No visit recorded a questionnaire (most practices, most of the time): every patient's pairs are
  // then those of no visits, so the per-visit look-up is skipped.
  const anyScores = rows.scores.size > 0
  const eligible =
    programmeId === null || programmeId === rows.programmeId ? rows.patients : rows.patients.filter((p) => rows.memberOf.get(p[0])?.includes(programmeId))
  return eligible.map((p) => {
    const [id, nhsNumber, title, givenName, familyName, dateOfBirth, sex, ethnicityText, ethnicityCategory, imdDecile] = p
    const same = programmeId === null ? undefined : wholePractice?.get(id)
    if (same && programmeId !== null && allFactsOf(rows, id, programmeId)) return same
    const invitations = scoped(rows.invitations.get(id))
    const attendedVisits = scoped(rows.visits.get(id))
    const invited = invitations.length > 0
    let firstInvitedOn: string | null = null
    let sent = 0
    let highestAttempt = 0
    for (const i of invitations) {
      if (firstInvitedOn === null || i.firstOn < firstInvitedOn) firstInvitedOn = i.firstOn
      sent += i.n
      highestAttempt = Math.max(highestAttempt, i.highestAttempt)
    }
    // A patient the programme never invited has no place in its outcome (audit-funnel.ts), so no
    // baseline is looked for (most of a large practice).
    const chosen = invited ? baselineAndFollowUp(rows.readings.get(id) ?? none, attendedVisits, firstInvitedOn, asOf) : noBaseline
    const pair =
      chosen.baseline && chosen.followUp
        ? {
            baseline: chosen.baseline,
            followUp: chosen.followUp,
            atTarget: {
              baseline: withinAuditTarget(chosen.baseline, ageOn(dateOfBirth, chosen.baseline.date)),
              followUp: withinAuditTarget(chosen.followUp, ageOn(dateOfBirth, chosen.followUp.date))
            }
          }
        : null
    // The questionnaires and adherence of the programme's own attended visits; none for a patient it
    // never invited, as for the BP table.
    const wellbeing =
      invited && anyScores
        ? wellbeingPairsOf(
            attendedVisits.flatMap((v) => {
              const scores = rows.scores.get(v.id)
              return scores ? [{ date: v.date, scores }] : []
            })
          )
        : noWellbeingPairs
    const firstVisit = attendedVisits[0]
    const adherenceAtBaseline = invited && firstVisit ? storedAdherence(rows.bpReviews.get(firstVisit.id)) : null
    const age = ageOn(dateOfBirth, asOf)
    return {
      patientId: id,
      nhsNumber,
      name: displayName({ title, givenName, familyName }),
      dateOfBirth,
      age,
      ageBand: ageBand(age),
      sex: sexLabel(sex),
      ethnicity: ethnicityLabel(ethnicityCategory, ethnicityText),
      imdQuintile: imdQuintileLabel(imdDecile),
      core20: core20Group(imdDecile),
      firstInvitedOn,
      invitations: sent,
      highestAttempt,
      firstAttendedOn: attendedVisits[0]?.date ?? null,
      invited,
      booked: (rows.booked.get(id) ?? []).some(inScope) || attendedVisits.length > 0,
      attended: attendedVisits.length > 0,
      baseline: chosen.baseline,
      followUp: chosen.followUp,
      pair,
      systolicChange: pair ? pair.followUp.systolic - pair.baseline.systolic : null,
      diastolicChange: pair ? pair.followUp.diastolic - pair.baseline.diastolic : null,
      outcome: pair ? systolicOutcome(pair.baseline.systolic, pair.followUp.systolic) : null,
      wellbeing,
      adherenceAtBaseline
    }
  })
}

/**
 * Which parts beyond the BP table the audit has: the wellbeing table for a wellbeing programme (for
 * the whole practice, when any programme is one) or wherever a visit recorded a questionnaire;
 * adherence wherever a visit was recorded on the BP review form.
 */
function sectionsOf(rows: AuditRows, outcomes: readonly ProgrammeOutcome[]): AuditSections {
  return { wellbeing: outcomes.includes('wellbeing') || rows.scores.size > 0, adherence: rows.bpReviews.size > 0 }
}

/** The referrals the rows hold (already those of the programme read, or every one for the practice), as of the audit date. */
function referralsOf(rows: AuditRows): AuditReferral[] {
  return rows.referrals.map(([, serviceId, service, , outcome, outcomeOn]) => ({
    serviceId,
    service,
    outcome: referralOutcomeAsOf(outcome, outcomeOn, rows.asOf)
  }))
}

function figuresOf(programme: Programme, patients: readonly AuditPatient[]): ProgrammeFigures {
  return {
    programmeId: programme.programmeId,
    name: programme.name,
    outcome: programme.outcome,
    status: programme.status,
    bpOutcome: bpOutcomeOf(patients),
    funnel: funnelOf(patients)
  }
}

/**
 * The audit's patients and figures as of `asOfInput` (default today): of one programme (unknown →
 * not_found), or of the whole practice with every programme's own figures beside it.
 */
export function auditDataset(ctx: Pick<ReadingContext, 'db' | 'now'>, asOfInput?: string, programmeId?: number): AuditDataset {
  const asOf = asOfInput ?? todayIso(ctx)
  if (programmeId !== undefined) {
    const programme = requireProgramme(ctx.db, programmeId)
    const rows = readAuditRows(ctx.db, asOf, programme.programmeId)
    const patients = auditPatientsFrom(rows)
    return {
      asOf,
      patients,
      programme: { programmeId: programme.programmeId, name: programme.name },
      programmes: [figuresOf(programme, patients)],
      sections: sectionsOf(rows, [programme.outcome]),
      referrals: referralsOf(rows)
    }
  }
  const rows = readAuditRows(ctx.db, asOf)
  const patients = auditPatientsFrom(rows, null)
  const byId = new Map(patients.map((p) => [p.patientId, p]))
  const all = allProgrammes(ctx.db).map(programmeFromRow)
  const programmes = all.map((programme) => figuresOf(programme, auditPatientsFrom(rows, programme.programmeId, byId)))
  return {
    asOf,
    patients,
    programme: null,
    programmes,
    sections: sectionsOf(
      rows,
      all.map((p) => p.outcome)
    ),
    referrals: referralsOf(rows)
  }
}

function contractBp(bp: AuditBp) {
  return { systolic: bp.systolic, diastolic: bp.diastolic, date: bp.date, setting: bp.setting }
}

function contractOutcome(o: BpOutcomeSummary): AuditSummary['bpOutcome'] {
  return {
    patients: o.patients,
    reduced: o.reduced,
    unchanged: o.unchanged,
    increased: o.increased,
    reducedPercent: o.reducedPercent,
    unchangedPercent: o.unchangedPercent,
    increasedPercent: o.increasedPercent,
    meanSystolicChange: o.meanSystolicChange,
    meanDiastolicChange: o.meanDiastolicChange,
    medianSystolicChange: o.medianSystolicChange,
    medianDiastolicChange: o.medianDiastolicChange,
    atTargetBefore: o.atTargetBefore,
    atTargetAfter: o.atTargetAfter,
    atTargetBeforePercent: o.atTargetBeforePercent,
    atTargetAfterPercent: o.atTargetAfterPercent
  }
}

/** Each group's patients of every breakdown dimension, in the dimensions' order. */
function membersByGroup(patients: readonly AuditPatient[]): Map<string, AuditPatient[]>[] {
  return breakdownDimensions.map((d) => {
    const members = new Map<string, AuditPatient[]>()
    for (const p of patients) {
      const group = d.groupOf(p)
      const list = members.get(group)
      if (list) list.push(p)
      else members.set(group, [p])
    }
    return members
  })
}

/** The contract's summary: BP table, funnel, breakdowns, change bands, each programme's figures, the rules, and the BP table's patients. */
export function summaryFromDataset(dataset: AuditDataset): AuditSummary {
  const inTable = dataset.patients.filter(inBpTable)
  const programme = dataset.programme ?? null
  const sections = dataset.sections ?? noSections
  const wellbeingOf = (patients: readonly AuditPatient[]): WellbeingOutcomeSummary | null => (sections.wellbeing ? wellbeingOutcomeOf(patients) : null)
  const adherenceOf = (patients: readonly AuditPatient[]): AdherenceSummary | null => (sections.adherence ? adherenceAtBaselineOf(patients) : null)
  const members = sections.wellbeing || sections.adherence ? membersByGroup(dataset.patients) : []
  return {
    asOf: dataset.asOf,
    programmeId: programme?.programmeId ?? null,
    programmeName: programme?.name ?? null,
    bpOutcome: contractOutcome(bpOutcomeOf(dataset.patients)),
    funnel: funnelOf(dataset.patients),
    breakdowns: breakdownsOf(dataset.patients).map((b, i) => ({
      dimension: b.dimension,
      label: b.label,
      groups: b.rows.map((r) => {
        const groupPatients = members[i]?.get(r.group) ?? []
        return {
          group: r.group,
          funnel: r.funnel,
          bpOutcome: contractOutcome(r.outcome),
          wellbeingOutcome: wellbeingOf(groupPatients),
          adherence: adherenceOf(groupPatients)
        }
      })
    })),
    systolicChangeBands: systolicChangeBands(inTable.flatMap((p) => (p.systolicChange === null ? [] : [p.systolicChange]))),
    programmes: (dataset.programmes ?? []).map((f) => ({ ...f, bpOutcome: contractOutcome(f.bpOutcome) })),
    wellbeingOutcome: wellbeingOf(dataset.patients),
    adherence: adherenceOf(dataset.patients),
    referrals: referralsByService(dataset.referrals ?? []),
    rules: auditRules(programme?.name ?? null, sections),
    patients: inTable.flatMap((p) =>
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

export function auditSummary(ctx: Pick<ReadingContext, 'db' | 'now'>, input: { asOf?: string; programmeId?: number } = {}): AuditSummary {
  return summaryFromDataset(auditDataset(ctx, input.asOf, input.programmeId))
}
