// The audit workbook: a Summary sheet (the seed table and the uptake funnel), one sheet
// per equity breakdown, and a patient-level sheet; when the audit has them, a Wellbeing sheet (the
// wellbeing table), an Adherence sheet (adherence at baseline) and a Referrals sheet, with the
// wellbeing and adherence counts in every breakdown too. Written with exceljs's streaming writer so a
// PCN-sized audit stays fast and small in memory. Every sheet has a frozen, filterable header row
// and UK dates (dd/mm/yyyy).
//
// Pseudonymised (for sharing with the PCN or ICB): aggregates only — no Patients sheet, no names,
// addresses, NHS numbers, dates of birth or dates of care — with every count written through
// disclosure control (src/shared/domain/disclosure-control.ts): 1–4 shown as "<5", the rest rounded
// to the nearest 5, further figures withheld until no small count can be worked out from the rest,
// percentages from the published figures only, and the Summary saying how it was protected. The
// referrals are protected as a grid of their own (they count referrals, not patients).
import type ExcelJS from 'exceljs'
import { loadOnFirstUse } from '../load-on-first-use'
import {
  adherenceMeasures,
  adherenceReasonKeyOf,
  adherenceStatusKeyOf,
  auditCounts,
  auditGrid,
  auditGridShape,
  noSections,
  ons4KeyOf,
  referralGrid,
  referralRelations,
  wellbeingMeasures,
  type AnyAuditMeanKey,
  type AnyAuditMeasureKey,
  type AuditBreakdown,
  type AuditMeasureKey,
  type AuditSections
} from '../../shared/domain/audit-disclosure'
import { ageBandOrder, bpOutcomeOf, percentOf, roundTo1dp, type BpOutcomeSummary, type FunnelCounts } from '../../shared/domain/audit-outcome'
import { ons4AuditQuestions, ons4MeasureOf } from '../../shared/domain/audit-wellbeing'
import { referralCountKeys } from '../../shared/domain/audit-referrals'
import { formatNhsNumber } from '../../shared/domain/nhs-number'
import { formatLocalDate, formatLocalDateTime } from '../../shared/format/staff-text'
import {
  disclosureControlStatement,
  protectGrid,
  publishedAverage,
  publishedPercent,
  WITHHELD,
  type AggregateGrid,
  type GridMean,
  type GridRow,
  type PublishedGrid,
  type PublishedRow
} from '../../shared/domain/disclosure-control'
import { core20Order } from '../../shared/domain/audit-breakdowns'
import { funnelStageRules } from '../../shared/domain/audit-funnel'
import {
  ADHERENCE_RULE,
  BASELINE_RULE,
  BP_TABLE_RULE,
  FOLLOW_UP_RULE,
  LONELINESS_RULE,
  REFERRALS_RULE,
  RELIABLE_CHANGE_RULE,
  SCORE_CHANGE_RULE,
  WELLBEING_TABLE_RULE
} from '../../shared/domain/audit-rules'
import { adherenceStatuses, nonAdherenceReasons } from '../../shared/domain/medication-adherence'
import { ons4Questions } from '../../shared/domain/ons4'
import { programmeOutcomeLabels } from '../../shared/domain/programme'
import { reliableChange, reliableChangeLabels } from '../../shared/domain/reliable-change'
import type { AuditDataset, AuditPatient, ProgrammeFigures } from '../audit/audit-service'
import { neutraliseCell } from './csv-text'
import { solveWithHighs } from './highs-solver'
import { rowXmlWriter } from './xlsx-row-xml'

export interface AuditWorkbookOptions {
  pseudonymised: boolean
  practiceName: string
  generatedAt: Date
  generatedBy: string
}

type CellValue = string | number | Date | null

const UK_DATE = 'dd/mm/yyyy'

/**
 * ISO date → a Date at UTC midnight, which Excel shows as that calendar day. A 100k-patient audit
 * has a few thousand distinct dates among a million cells, so each is parsed once per workbook.
 */
function excelDates(): (iso: string | null) => Date | null {
  const seen = new Map<string, Date | null>()
  return (iso) => {
    if (!iso) return null
    let date = seen.get(iso)
    if (date === undefined) {
      date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : null
      seen.set(iso, date)
    }
    return date
  }
}

interface Column {
  header: string
  width: number
  date?: boolean
}

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: readonly Column[]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns.map((c, i) => ({
    key: `c${i}`,
    width: c.width,
    ...(c.date ? { style: { numFmt: UK_DATE } } : {})
  }))
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } }
  const header = sheet.addRow(columns.map((c) => c.header))
  header.font = { bold: true }
  header.commit()
  // Data rows are written as markup straight into the sheet (xlsx-row-xml.ts): the same cells and
  // style ids exceljs would write, without its per-cell objects. Cells of a column share one style
  // model per kind of value, registered once.
  const styleModels = columns.map(() => new Map<string, Partial<ExcelJS.Style>>())
  const rows = rowXmlWriter(workbook, sheet, 2, (i, kind) => {
    const byKind = styleModels[i] ?? new Map<string, Partial<ExcelJS.Style>>()
    let style = byKind.get(kind)
    if (!style) byKind.set(kind, (style = columns[i]?.date ? { numFmt: UK_DATE } : {}))
    return style
  })
  return {
    add(values: readonly CellValue[]) {
      // An empty value is no cell at all, and text goes through the shared formula-injection guard
      // (cells beginning = + - @ stay text).
      rows.write(values.map((v) => (typeof v === 'string' ? neutraliseCell(v) : v)))
    },
    commit: () => {
      rows.flush()
      sheet.commit()
    }
  }
}

/**
 * A row's figures as one export writes them: the true ones (identifiable) or the published ones
 * (pseudonymised), so each sheet is laid out once for both.
 */
interface RowFigures {
  count(measure: AnyAuditMeasureKey): CellValue
  /** `measure` as a percentage of `of`; null when `of` is nobody. */
  percent(measure: AnyAuditMeasureKey, of: AnyAuditMeasureKey): CellValue
  mean(mean: AnyAuditMeanKey): CellValue
  /** Mean follow-up minus mean baseline. */
  meanChange(baseline: AnyAuditMeanKey, followUp: AnyAuditMeanKey): CellValue
}

/** A programme's own figures (the Programmes sheet), from its funnel and BP table. */
function programmeFigures(funnel: FunnelCounts, outcome: BpOutcomeSummary): RowFigures {
  const counts: Partial<Record<AnyAuditMeasureKey, number>> = auditCounts(funnel, outcome)
  const count = (m: AnyAuditMeasureKey) => counts[m] ?? null
  return {
    count,
    percent: (m, of) => (!count(of) ? null : percentOf(count(m) ?? 0, count(of) ?? 0)),
    mean: (m) => (m === 'systolicChange' ? outcome.meanSystolicChange : m === 'diastolicChange' ? outcome.meanDiastolicChange : null),
    meanChange: () => null
  }
}

/** A row's true figures (identifiable): its counts, and each mean to 1 dp from its sum. */
function trueFigures(row: GridRow, means: readonly GridMean[]): RowFigures {
  const count = (m: AnyAuditMeasureKey) => row.counts[m] ?? null
  const meanOf = (key: string) => {
    const mean = means.find((x) => x.key === key)
    const n = mean ? (row.counts[mean.over] ?? 0) : 0
    const sum = row.sums?.[key]
    return n === 0 || sum === undefined ? null : { n, sum }
  }
  return {
    count,
    percent: (m, of) => (!count(of) ? null : percentOf(count(m) ?? 0, count(of) ?? 0)),
    mean: (m) => {
      const x = meanOf(m)
      return x ? roundTo1dp(x.sum / x.n) : null
    },
    meanChange: (baseline, followUp) => {
      const b = meanOf(baseline)
      const f = meanOf(followUp)
      return b && f ? roundTo1dp((f.sum - b.sum) / b.n) : null
    }
  }
}

/**
 * A row's published figures (pseudonymised). A mean change is worked out from the two means shown,
 * like a percentage from the counts shown, so it tells a reader nothing they could not work out.
 */
function publishedFigures(row: PublishedRow): RowFigures {
  const count = (m: AnyAuditMeasureKey) => row.counts[m] ?? null
  const mean = (m: AnyAuditMeanKey) => row.means[m] ?? null
  return {
    count,
    percent: (m, of) => publishedPercent(count(m) ?? 0, count(of) ?? 0),
    mean,
    meanChange: (baseline, followUp) => {
      const b = mean(baseline)
      const f = mean(followUp)
      if (b === null || f === null) return null
      return typeof b === 'number' && typeof f === 'number' ? roundTo1dp(f - b) : WITHHELD
    }
  }
}

/** Count, percentage and mean cells for one outcome summary. */
function outcomeCells(f: RowFigures): CellValue[] {
  return [
    f.count('bpPatients'),
    f.count('reduced'),
    f.percent('reduced', 'bpPatients'),
    f.count('unchanged'),
    f.percent('unchanged', 'bpPatients'),
    f.count('increased'),
    f.percent('increased', 'bpPatients'),
    f.mean('systolicChange'),
    f.mean('diastolicChange')
  ]
}

/** At-target counts and their percentages among the patients with both readings. */
function atTargetCells(f: RowFigures): CellValue[] {
  return [f.count('atTargetBefore'), f.percent('atTargetBefore', 'bpPatients'), f.count('atTargetAfter'), f.percent('atTargetAfter', 'bpPatients')]
}

function funnelCells(f: RowFigures): CellValue[] {
  return (['eligible', 'invited', 'booked', 'attended', 'followedUp'] as const).map((m) => f.count(m))
}

/** "2 Dec 2026", the local day, for the pseudonymised Summary: no time of day. */
function ukDay(date: Date): string {
  return formatLocalDate(date)
}

/** What the Summary needs beyond the figures: the medians (true or published) and, when pseudonymised, how it was protected. */
interface SummaryExtras {
  medianSystolic: CellValue
  medianDiastolic: CellValue
  protection: { heading: string; text: string }[] | null
}

function writeSummary(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  dataset: AuditDataset,
  options: AuditWorkbookOptions,
  f: RowFigures,
  extras: SummaryExtras
): void {
  const p = options.pseudonymised
  const sheet = addSheet(workbook, 'Summary', [
    { header: 'Section', width: 22 },
    { header: 'Measure', width: 58 },
    { header: 'Value', width: 16 },
    { header: 'Percent', width: 12 },
    { header: 'Note', width: 90 }
  ])
  const [patients, reduced, reducedPct, unchanged, unchangedPct, increased, increasedPct, meanSys, meanDia] = outcomeCells(f)

  sheet.add(['About', 'Practice', options.practiceName, null, null])
  sheet.add(['About', 'Audit as of', excelDates()(dataset.asOf), null, 'Only what was recorded on or before this date is counted.'])
  sheet.add(
    dataset.programme
      ? [
          'About',
          'Programme',
          dataset.programme.name,
          null,
          'Only this programme: its own cohort snapshots, the invitations sent from them and the appointments booked for it.'
        ]
      : [
          'About',
          'Programme',
          'Whole practice',
          null,
          'Every programme together, each patient counted once. Each programme’s own figures (identifiable workbook: the Programmes sheet) do not add up to this total when patients are in more than one.'
        ]
  )
  sheet.add(['About', 'Generated', p ? ukDay(options.generatedAt) : formatLocalDateTime(options.generatedAt), null, `by ${options.generatedBy}`])
  sheet.add([
    'About',
    'Pseudonymised',
    p ? 'Yes' : 'No',
    null,
    p
      ? 'Aggregates only: no patient-level sheet, names, addresses, NHS numbers, dates of birth or dates of care. Counts of 1–4 shown as <5, others rounded to the nearest 5; see "How this was protected".'
      : 'Identifiable: for use inside the practice only.'
  ])
  for (const line of extras.protection ?? []) sheet.add(['How this was protected', line.heading, null, null, line.text])

  const rule = `${BP_TABLE_RULE} Baseline: ${BASELINE_RULE} Follow-up: ${FOLLOW_UP_RULE}`
  sheet.add(['BP outcome (systolic)', 'Patients with a baseline and a follow-up reading', patients ?? null, null, rule])
  sheet.add(['BP outcome (systolic)', 'Reduced', reduced ?? null, reducedPct ?? null, null])
  sheet.add(['BP outcome (systolic)', 'No change', unchanged ?? null, unchangedPct ?? null, 'Same systolic value at follow-up as at baseline.'])
  sheet.add(['BP outcome (systolic)', 'Increased', increased ?? null, increasedPct ?? null, null])
  sheet.add(['BP outcome (systolic)', 'Mean change in systolic (mmHg)', meanSys ?? null, null, 'Follow-up minus baseline: negative is a fall.'])
  sheet.add(['BP outcome (systolic)', 'Median change in systolic (mmHg)', extras.medianSystolic, null, null])
  sheet.add(['BP outcome (diastolic)', 'Mean change in diastolic (mmHg)', meanDia ?? null, null, null])
  sheet.add(['BP outcome (diastolic)', 'Median change in diastolic (mmHg)', extras.medianDiastolic, null, null])
  const [before, beforePct, after, afterPct] = atTargetCells(f)
  sheet.add([
    'BP at target',
    'At target at baseline',
    before ?? null,
    beforePct ?? null,
    'Of the patients with both readings. QOF targets: HYP008 ≤140/90 aged 79 or under, HYP009 ≤150/90 aged 80 or over (home readings 5 mmHg lower); age on the day of the reading; systolic and diastolic both within target.'
  ])
  sheet.add(['BP at target', 'At target at follow-up', after ?? null, afterPct ?? null, null])

  // Each stage a subset of the one it hangs from (audit-funnel.ts), each a measure of the disclosure check.
  const measureOf: Record<(typeof funnelStageRules)[number]['stage'], AuditMeasureKey> = {
    eligible: 'eligible',
    invited1: 'invited',
    invited2: 'invited2',
    invited3: 'invited3',
    booked: 'booked',
    attended: 'attended',
    followedUp: 'followedUp'
  }
  for (const stage of funnelStageRules) {
    const measure = measureOf[stage.stage]
    sheet.add(['Uptake funnel', stage.label, f.count(measure), f.percent(measure, 'eligible'), stage.counts])
  }
  sheet.commit()
}

const breakdownColumns: Column[] = [
  { header: 'Group', width: 44 },
  { header: 'Eligible', width: 10 },
  { header: 'Invited', width: 10 },
  { header: 'Booked', width: 10 },
  { header: 'Attended', width: 10 },
  { header: 'Followed up', width: 12 },
  { header: 'With baseline and follow-up', width: 16 },
  { header: 'Reduced', width: 10 },
  { header: 'Reduced %', width: 11 },
  { header: 'No change', width: 10 },
  { header: 'No change %', width: 12 },
  { header: 'Increased', width: 10 },
  { header: 'Increased %', width: 12 },
  { header: 'Mean systolic change', width: 14 },
  { header: 'Mean diastolic change', width: 14 },
  { header: 'At target at baseline', width: 12 },
  { header: 'At target at baseline %', width: 12 },
  { header: 'At target at follow-up', width: 12 },
  { header: 'At target at follow-up %', width: 12 }
]

/** The counts a breakdown shows beyond the BP table: the wellbeing table's and adherence's, as the sections have them. */
function sectionMeasures(sections: AuditSections): readonly { key: AnyAuditMeasureKey; label: string }[] {
  return [...(sections.wellbeing ? wellbeingMeasures : []), ...(sections.adherence ? adherenceMeasures : [])]
}

function writeBreakdown(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  rows: readonly { group: string; figures: RowFigures }[],
  sections: AuditSections
): void {
  const more = sectionMeasures(sections)
  const sheet = addSheet(workbook, name, [...breakdownColumns, ...more.map((m) => ({ header: m.label, width: 16 }))])
  for (const { group, figures } of rows) {
    sheet.add([group, ...funnelCells(figures), ...outcomeCells(figures), ...atTargetCells(figures), ...more.map((m) => figures.count(m.key))])
  }
  sheet.commit()
}

/** The wellbeing table: PHQ-9 and GAD-7 reliable change, ONS4 and UCLA-3 means, UCLA-3 loneliness. */
function writeWellbeing(workbook: ExcelJS.stream.xlsx.WorkbookWriter, f: RowFigures): void {
  const sheet = addSheet(workbook, 'Wellbeing', [
    { header: 'Section', width: 30 },
    { header: 'Measure', width: 52 },
    { header: 'Value', width: 12 },
    { header: 'Percent', width: 12 },
    { header: 'Note', width: 90 }
  ])
  sheet.add(['Wellbeing table', 'Patients with a baseline and a follow-up score', f.count('wellbeingPatients'), null, WELLBEING_TABLE_RULE])
  const reliable = [
    { section: 'PHQ-9 (depression)', key: 'phq9', points: 6 },
    { section: 'GAD-7 (anxiety)', key: 'gad7', points: 4 }
  ] as const
  for (const { section, key, points } of reliable) {
    const patients = `${key}Patients` as const
    sheet.add([section, 'Patients with a baseline and a follow-up', f.count(patients), null, key === 'phq9' ? RELIABLE_CHANGE_RULE : null])
    sheet.add([section, 'Reliable improvement', f.count(`${key}Improved`), f.percent(`${key}Improved`, patients), `Down by ${points} points or more.`])
    sheet.add([section, 'No reliable change', f.count(`${key}Unchanged`), f.percent(`${key}Unchanged`, patients), `A change of less than ${points} points.`])
    sheet.add([section, 'Reliable deterioration', f.count(`${key}Worse`), f.percent(`${key}Worse`, patients), `Up by ${points} points or more.`])
  }
  for (const question of ons4Questions) {
    const key = ons4KeyOf[question.id]
    const section = `ONS4 ${question.label.toLowerCase()}`
    const better = question.id === 'anxiety' ? 'Lower is better.' : 'Higher is better.'
    sheet.add([
      section,
      'Patients with a baseline and a follow-up',
      f.count(`${key}Patients`),
      null,
      question.id === 'lifeSatisfaction' ? SCORE_CHANGE_RULE : null
    ])
    sheet.add([section, 'Mean at baseline', f.mean(`${key}Baseline`), null, `0–10. ${better}`])
    sheet.add([section, 'Mean at follow-up', f.mean(`${key}FollowUp`), null, null])
    sheet.add([section, 'Mean change', f.meanChange(`${key}Baseline`, `${key}FollowUp`), null, 'Follow-up minus baseline.'])
  }
  const ucla = 'UCLA-3 (loneliness)'
  sheet.add([ucla, 'Patients with a baseline and a follow-up', f.count('ucla3Patients'), null, null])
  sheet.add([ucla, 'Mean at baseline', f.mean('ucla3Baseline'), null, '3–9. Lower is better.'])
  sheet.add([ucla, 'Mean at follow-up', f.mean('ucla3FollowUp'), null, null])
  sheet.add([ucla, 'Mean change', f.meanChange('ucla3Baseline', 'ucla3FollowUp'), null, 'Follow-up minus baseline.'])
  sheet.add([ucla, 'Lonely (6–9) at baseline', f.count('ucla3LonelyAtBaseline'), f.percent('ucla3LonelyAtBaseline', 'ucla3Patients'), LONELINESS_RULE])
  sheet.add([ucla, 'Lonely (6–9) at follow-up', f.count('ucla3LonelyAtFollowUp'), f.percent('ucla3LonelyAtFollowUp', 'ucla3Patients'), null])
  sheet.add([
    ucla,
    'No longer lonely',
    f.count('ucla3NoLongerLonely'),
    f.percent('ucla3NoLongerLonely', 'ucla3LonelyAtBaseline'),
    'Lonely at baseline and not lonely (3–5) at follow-up; the percentage is of those lonely at baseline.'
  ])
  sheet.commit()
}

/** Adherence at baseline: each answer and each reason, as a percentage of the patients asked. */
function writeAdherence(workbook: ExcelJS.stream.xlsx.WorkbookWriter, f: RowFigures): void {
  const sheet = addSheet(workbook, 'Adherence', [
    { header: 'Section', width: 36 },
    { header: 'Measure', width: 60 },
    { header: 'Value', width: 12 },
    { header: 'Percent', width: 12 },
    { header: 'Note', width: 90 }
  ])
  const section = 'Adherence at baseline'
  sheet.add([section, 'Patients whose first visit recorded adherence', f.count('adherencePatients'), null, ADHERENCE_RULE])
  for (const s of adherenceStatuses) {
    sheet.add([section, s.label, f.count(adherenceStatusKeyOf[s.id]), f.percent(adherenceStatusKeyOf[s.id], 'adherencePatients'), null])
  }
  for (const r of nonAdherenceReasons) {
    sheet.add([
      'Reasons for not taking as prescribed',
      r.label,
      f.count(adherenceReasonKeyOf[r.id]),
      f.percent(adherenceReasonKeyOf[r.id], 'adherencePatients'),
      r.id === 'forgets' ? 'A patient may give several reasons; the percentage is of the patients whose first visit recorded adherence.' : null
    ])
  }
  sheet.commit()
}

const referralHeaders: Record<(typeof referralCountKeys)[number], string> = {
  referred: 'Referred',
  accepted: 'Accepted',
  attended: 'Attended',
  declined: 'Declined',
  unknown: 'Outcome not known',
  noOutcome: 'No outcome recorded'
}

/** Referrals per service and in all, by outcome. `count` gives each figure (true, or as published). */
function writeReferrals(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  rows: readonly { label: string; count: (key: (typeof referralCountKeys)[number]) => CellValue; percent: (key: 'attended') => CellValue }[]
): void {
  const sheet = addSheet(workbook, 'Referrals', [
    { header: 'Service', width: 44 },
    ...referralCountKeys.map((k) => ({ header: referralHeaders[k], width: 14 })),
    { header: 'Attended %', width: 12 },
    { header: 'Note', width: 60 }
  ])
  rows.forEach((row, i) =>
    sheet.add([row.label, ...referralCountKeys.map((k) => row.count(k)), row.percent('attended'), i === rows.length - 1 ? REFERRALS_RULE : null])
  )
  sheet.commit()
}

/** The Referrals sheet's rows: each service, then all of them; protected when pseudonymised. */
async function referralRows(grid: AggregateGrid, pseudonymised: boolean) {
  const trueRow = (row: GridRow) => ({
    label: row.label,
    count: (k: (typeof referralCountKeys)[number]) => row.counts[k] ?? null,
    percent: () => (!row.counts.referred ? null : percentOf(row.counts.attended ?? 0, row.counts.referred))
  })
  if (!pseudonymised) return [...(grid.dimensions[0]?.groups ?? []).map(trueRow), trueRow(grid.whole)]
  const published: PublishedGrid = await protectGrid(grid, referralRelations, solveWithHighs)
  const shownRow = (row: PublishedRow) => ({
    label: row.label,
    count: (k: (typeof referralCountKeys)[number]) => row.counts[k] ?? null,
    percent: () => publishedPercent(row.counts.attended ?? 0, row.counts.referred ?? 0)
  })
  return [...(published.dimensions[0]?.groups ?? []).map(shownRow), shownRow(published.whole)]
}

// The patient list's order: by name (as String.localeCompare would, with one reusable collator).
const byName = new Intl.Collator().compare

/** The identifiable workbook's patient list (never written when pseudonymised). */
function writePatients(workbook: ExcelJS.stream.xlsx.WorkbookWriter, patients: readonly AuditPatient[], sections: AuditSections): void {
  const scoreColumns = sections.wellbeing
    ? [
        { header: 'PHQ-9 baseline', width: 10 },
        { header: 'PHQ-9 follow-up', width: 10 },
        { header: 'PHQ-9 reliable change', width: 22 },
        { header: 'GAD-7 baseline', width: 10 },
        { header: 'GAD-7 follow-up', width: 10 },
        { header: 'GAD-7 reliable change', width: 22 },
        ...ons4Questions.flatMap((q) => [
          { header: `ONS4 ${q.label.toLowerCase()} baseline`, width: 12 },
          { header: `ONS4 ${q.label.toLowerCase()} follow-up`, width: 12 }
        ]),
        { header: 'UCLA-3 baseline', width: 10 },
        { header: 'UCLA-3 follow-up', width: 10 }
      ]
    : []
  const adherenceColumns = sections.adherence
    ? [
        { header: 'Adherence at first visit', width: 30 },
        { header: 'Reasons given at first visit', width: 40 }
      ]
    : []
  const statusLabel = new Map<string, string>(adherenceStatuses.map((s) => [s.id, s.label]))
  const reasonLabel = new Map<string, string>(nonAdherenceReasons.map((r) => [r.id, r.label]))
  const scoreCells = (p: AuditPatient): CellValue[] => {
    const w = p.wellbeing
    const change = (m: 'phq9' | 'gad7') => {
      const pair = w[m]
      return pair ? reliableChangeLabels[reliableChange(m, pair.baseline, pair.followUp)] : null
    }
    return [
      w.phq9?.baseline ?? null,
      w.phq9?.followUp ?? null,
      change('phq9'),
      w.gad7?.baseline ?? null,
      w.gad7?.followUp ?? null,
      change('gad7'),
      ...ons4AuditQuestions.flatMap((q) => [w[ons4MeasureOf[q]]?.baseline ?? null, w[ons4MeasureOf[q]]?.followUp ?? null]),
      w.ucla3?.baseline ?? null,
      w.ucla3?.followUp ?? null
    ]
  }
  const adherenceCells = (p: AuditPatient): CellValue[] => {
    const a = p.adherenceAtBaseline
    return [a ? (statusLabel.get(a.status) ?? a.status) : null, a && a.reasons.length > 0 ? a.reasons.map((r) => reasonLabel.get(r) ?? r).join('; ') : null]
  }
  const sheet = addSheet(workbook, 'Patients', [
    { header: 'NHS number', width: 14 },
    { header: 'Name', width: 28 },
    { header: 'Date of birth', width: 13, date: true },
    { header: 'Age band', width: 10 },
    { header: 'Sex', width: 10 },
    { header: 'Ethnic group', width: 40 },
    { header: 'IMD quintile', width: 22 },
    { header: 'First invited', width: 13, date: true },
    { header: 'Invitations', width: 11 },
    { header: 'Booked', width: 9 },
    { header: 'First attended', width: 14, date: true },
    { header: 'Baseline date', width: 13, date: true },
    { header: 'Baseline systolic', width: 10 },
    { header: 'Baseline diastolic', width: 10 },
    { header: 'Baseline from', width: 22 },
    { header: 'Follow-up date', width: 14, date: true },
    { header: 'Follow-up systolic', width: 10 },
    { header: 'Follow-up diastolic', width: 10 },
    { header: 'Systolic change', width: 10 },
    { header: 'Diastolic change', width: 10 },
    { header: 'Outcome', width: 11 },
    { header: 'At target at baseline', width: 12 },
    { header: 'At target at follow-up', width: 12 },
    ...scoreColumns,
    ...adherenceColumns
  ])
  const rows = [...patients].sort((a, b) => byName(a.name, b.name) || byName(a.nhsNumber, b.nhsNumber))
  const excelDate = excelDates()
  const outcomeText = { reduced: 'Reduced', unchanged: 'No change', increased: 'Increased' } as const
  const sourceText = { 'first-clinic-visit': 'First clinic visit', 'before-invitation': 'Before invitation' } as const
  for (const p of rows) {
    sheet.add([
      formatNhsNumber(p.nhsNumber),
      p.name,
      excelDate(p.dateOfBirth),
      p.ageBand,
      p.sex,
      p.ethnicity,
      p.imdQuintile,
      excelDate(p.firstInvitedOn),
      p.invitations,
      p.booked ? 'Yes' : 'No',
      excelDate(p.firstAttendedOn),
      excelDate(p.baseline?.date ?? null),
      p.baseline?.systolic ?? null,
      p.baseline?.diastolic ?? null,
      p.baseline ? sourceText[p.baseline.source] : null,
      excelDate(p.followUp?.date ?? null),
      p.followUp?.systolic ?? null,
      p.followUp?.diastolic ?? null,
      p.systolicChange,
      p.diastolicChange,
      p.outcome ? outcomeText[p.outcome] : null,
      p.pair?.atTarget ? (p.pair.atTarget.baseline ? 'Yes' : 'No') : null,
      p.pair?.atTarget ? (p.pair.atTarget.followUp ? 'Yes' : 'No') : null,
      ...(sections.wellbeing ? scoreCells(p) : []),
      ...(sections.adherence ? adherenceCells(p) : [])
    ])
  }
  sheet.commit()
}

// Free text that GP systems put in the ethnicity field stays in the practice: outside it, every
// unmapped value is one group.
const UNMAPPED_SUFFIX = ' (not mapped to a category)'
const pseudonymisedEthnicity = (label: string) => (label.endsWith(UNMAPPED_SUFFIX) ? 'Not mapped to a category' : label)

function breakdownsOf(patients: readonly AuditPatient[], pseudonymised: boolean): AuditBreakdown<AuditPatient>[] {
  const ethnicity = pseudonymised ? (x: AuditPatient) => pseudonymisedEthnicity(x.ethnicity) : (x: AuditPatient) => x.ethnicity
  // The programme's focus groups (Black African / African-Caribbean) first, then the rest A–Z.
  const ethnicityOrder = [...new Set(patients.map(ethnicity))].filter((e) => e.startsWith('Black')).sort()
  return [
    { name: 'By ethnic group', groupOf: ethnicity, order: ethnicityOrder },
    { name: 'By age band', groupOf: (x) => x.ageBand, order: ageBandOrder },
    { name: 'By sex', groupOf: (x) => x.sex, order: ['Female', 'Male'] },
    { name: 'By IMD quintile', groupOf: (x) => x.imdQuintile, order: ['1 (most deprived, Core20)', '2', '3', '4', '5 (least deprived)'] },
    { name: 'By Core20', groupOf: (x) => x.core20, order: core20Order }
  ]
}

/** Each programme's own funnel and BP table (computed per programme: they do not add up to the practice's when patients overlap). */
function writeProgrammes(workbook: ExcelJS.stream.xlsx.WorkbookWriter, programmes: readonly ProgrammeFigures[]): void {
  const sheet = addSheet(workbook, 'Programmes', [
    { header: 'Programme id', width: 12 },
    { header: 'Programme', width: 40 },
    { header: 'Outcome measure', width: 24 },
    { header: 'Status', width: 10 },
    ...funnelStageRules.map((s) => ({ header: s.label, width: 12 })),
    { header: 'With baseline and follow-up', width: 16 },
    { header: 'Reduced', width: 10 },
    { header: 'Reduced %', width: 11 },
    { header: 'No change', width: 10 },
    { header: 'No change %', width: 12 },
    { header: 'Increased', width: 10 },
    { header: 'Increased %', width: 12 },
    { header: 'Mean systolic change', width: 14 },
    { header: 'Mean diastolic change', width: 14 }
  ])
  for (const x of programmes) {
    sheet.add([
      x.programmeId,
      x.name,
      programmeOutcomeLabels[x.outcome],
      x.status === 'active' ? 'Active' : 'Closed',
      ...funnelStageRules.map((s) => x.funnel[s.stage]),
      ...outcomeCells(programmeFigures(x.funnel, x.bpOutcome))
    ])
  }
  sheet.commit()
}

/** Writes the workbook to `path` (main chooses the path). */
export async function writeAuditWorkbook(path: string, dataset: AuditDataset, options: AuditWorkbookOptions): Promise<void> {
  const p = options.pseudonymised
  const sections = dataset.sections ?? noSections
  const breakdowns = breakdownsOf(dataset.patients, p)
  // The BP table counts the patients the breakdowns' tables count (invited, with both readings).
  const outcome = bpOutcomeOf(dataset.patients)
  // Every count of every sheet but the Referrals, true; and their shape (measures, means, relations).
  const grid = auditGrid(dataset.patients, breakdowns, sections)
  const shape = auditGridShape(sections)
  const referrals = dataset.referrals ?? []
  const withReferrals = referrals.length > 0 || sections.wellbeing
  let summary: RowFigures
  let sheets: { name: string; rows: { group: string; figures: RowFigures }[] }[]
  let extras: SummaryExtras
  if (p) {
    // Protected before a byte is written: the whole grid decides what each sheet may show.
    const published = await protectGrid(grid, shape.relations, solveWithHighs)
    summary = publishedFigures(published.whole)
    sheets = published.dimensions.map((d) => ({ name: d.name, rows: d.groups.map((g) => ({ group: g.label, figures: publishedFigures(g) })) }))
    extras = {
      medianSystolic: publishedAverage(outcome.medianSystolicChange, outcome.patients),
      medianDiastolic: publishedAverage(outcome.medianDiastolicChange, outcome.patients),
      protection: disclosureControlStatement(published)
    }
  } else {
    summary = trueFigures(grid.whole, shape.means)
    sheets = grid.dimensions.map((d) => ({ name: d.name, rows: d.groups.map((g) => ({ group: g.label, figures: trueFigures(g, shape.means) })) }))
    extras = { medianSystolic: outcome.medianSystolicChange, medianDiastolic: outcome.medianDiastolicChange, protection: null }
  }

  const referralSheet = withReferrals ? await referralRows(referralGrid(referrals), p) : null

  const workbook = new (loadOnFirstUse<typeof ExcelJS>('exceljs').stream.xlsx.WorkbookWriter)({
    filename: path,
    // Styles for the UK dates and bold headers; inline strings (a shared-strings table costs a
    // lookup per cell and a second pass at the end); fast compression (the file is a few MB either way).
    useStyles: true,
    useSharedStrings: false,
    zip: { zlib: { level: 1 } }
  })
  workbook.creator = 'Clinic Recall'
  // The file's own properties carry no time of day when pseudonymised either.
  const created = p ? new Date(`${options.generatedAt.toISOString().slice(0, 10)}T00:00:00Z`) : options.generatedAt
  workbook.created = created
  workbook.modified = created
  writeSummary(workbook, dataset, options, summary, extras)
  if (sections.wellbeing) writeWellbeing(workbook, summary)
  if (sections.adherence) writeAdherence(workbook, summary)
  if (referralSheet) writeReferrals(workbook, referralSheet)
  for (const sheet of sheets) writeBreakdown(workbook, sheet.name, sheet.rows, sections)
  // The whole practice's identifiable workbook lists each programme's own figures.
  if (!p && !dataset.programme && dataset.programmes) writeProgrammes(workbook, dataset.programmes)
  // Patient-level rows only in the identifiable workbook: a list of patients, however pseudonymised,
  // lets every suppressed count be counted back.
  if (!p) writePatients(workbook, dataset.patients, sections)
  await workbook.commit()
}
