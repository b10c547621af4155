// The audit workbook: a Summary sheet (the seed table and the uptake funnel), one sheet
// per equity breakdown, and a patient-level sheet. Written with exceljs's streaming writer so a
// PCN-sized audit stays fast and small in memory. Every sheet has a frozen, filterable header row
// and UK dates (dd/mm/yyyy).
//
// Pseudonymised (for sharing with the PCN or ICB): aggregates only — no Patients sheet, no names,
// addresses, NHS numbers, dates of birth or dates of care — with every count written through
// disclosure control (src/shared/domain/disclosure-control.ts): 1–4 shown as "<5", the rest rounded
// to the nearest 5, further figures withheld until no small count can be worked out from the rest,
// percentages from the published figures only, and the Summary saying how it was protected.
import ExcelJS from 'exceljs'
import { auditCounts, auditGrid, auditRelations, type AuditBreakdown, type AuditMeanKey, type AuditMeasureKey } from '../../shared/domain/audit-disclosure'
import { ageBandOrder, bpOutcomeOf, breakdownBy, percentOf, funnelOf, type BpOutcomeSummary, type FunnelCounts } from '../../shared/domain/audit-outcome'
import { disclosureControlStatement, protectGrid, publishedAverage, publishedPercent, type PublishedRow } from '../../shared/domain/disclosure-control'
import { core20Order } from '../../shared/domain/audit-breakdowns'
import { funnelStageRules } from '../../shared/domain/audit-funnel'
import { BASELINE_RULE, BP_TABLE_RULE, FOLLOW_UP_RULE } from '../../shared/domain/audit-rules'
import { programmeOutcomeLabels } from '../../shared/domain/programme'
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
  count(measure: AuditMeasureKey): CellValue
  /** `measure` as a percentage of `of`; null when `of` is nobody. */
  percent(measure: AuditMeasureKey, of: AuditMeasureKey): CellValue
  mean(mean: AuditMeanKey): CellValue
}

function trueFigures(funnel: FunnelCounts, outcome: BpOutcomeSummary): RowFigures {
  const counts = auditCounts(funnel, outcome)
  return {
    count: (m) => counts[m],
    percent: (m, of) => (counts[of] === 0 ? null : percentOf(counts[m], counts[of])),
    mean: (m) => (m === 'systolicChange' ? outcome.meanSystolicChange : outcome.meanDiastolicChange)
  }
}

function publishedFigures(row: PublishedRow): RowFigures {
  const count = (m: AuditMeasureKey) => row.counts[m] ?? null
  return {
    count,
    percent: (m, of) => publishedPercent(count(m) ?? 0, count(of) ?? 0),
    mean: (m) => row.means[m] ?? null
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

/** "dd/mm/yyyy" of the day, for the pseudonymised Summary: no time of day. */
function ukDay(date: Date): string {
  const [y, m, d] = date.toISOString().slice(0, 10).split('-')
  return `${d}/${m}/${y}`
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
  sheet.add([
    'About',
    'Generated',
    p ? ukDay(options.generatedAt) : options.generatedAt.toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
    null,
    `by ${options.generatedBy}`
  ])
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

function writeBreakdown(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, rows: readonly { group: string; figures: RowFigures }[]): void {
  const sheet = addSheet(workbook, name, breakdownColumns)
  for (const { group, figures } of rows) sheet.add([group, ...funnelCells(figures), ...outcomeCells(figures), ...atTargetCells(figures)])
  sheet.commit()
}

// The patient list's order: by name (as String.localeCompare would, with one reusable collator).
const byName = new Intl.Collator().compare

/** The identifiable workbook's patient list (never written when pseudonymised). */
function writePatients(workbook: ExcelJS.stream.xlsx.WorkbookWriter, patients: readonly AuditPatient[]): void {
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
    { header: 'At target at follow-up', width: 12 }
  ])
  const rows = [...patients].sort((a, b) => byName(a.name, b.name) || byName(a.nhsNumber, b.nhsNumber))
  const excelDate = excelDates()
  const outcomeText = { reduced: 'Reduced', unchanged: 'No change', increased: 'Increased' } as const
  const sourceText = { 'first-clinic-visit': 'First clinic visit', 'before-invitation': 'Before invitation' } as const
  for (const p of rows) {
    sheet.add([
      p.nhsNumber,
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
      p.pair?.atTarget ? (p.pair.atTarget.followUp ? 'Yes' : 'No') : null
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
      ...outcomeCells(trueFigures(x.funnel, x.bpOutcome))
    ])
  }
  sheet.commit()
}

/** Writes the workbook to `path` (main chooses the path). */
export async function writeAuditWorkbook(path: string, dataset: AuditDataset, options: AuditWorkbookOptions): Promise<void> {
  const p = options.pseudonymised
  const breakdowns = breakdownsOf(dataset.patients, p)
  // The BP table counts the patients the breakdowns' tables count (invited, with both readings).
  const outcome = bpOutcomeOf(dataset.patients)
  let summary: RowFigures
  let sheets: { name: string; rows: { group: string; figures: RowFigures }[] }[]
  let extras: SummaryExtras
  if (p) {
    // Protected before a byte is written: the whole grid decides what each sheet may show.
    const published = await protectGrid(auditGrid(dataset.patients, breakdowns), auditRelations, solveWithHighs)
    summary = publishedFigures(published.whole)
    sheets = published.dimensions.map((d) => ({ name: d.name, rows: d.groups.map((g) => ({ group: g.label, figures: publishedFigures(g) })) }))
    extras = {
      medianSystolic: publishedAverage(outcome.medianSystolicChange, outcome.patients),
      medianDiastolic: publishedAverage(outcome.medianDiastolicChange, outcome.patients),
      protection: disclosureControlStatement(published)
    }
  } else {
    summary = trueFigures(funnelOf(dataset.patients), outcome)
    sheets = breakdowns.map((b) => ({
      name: b.name,
      rows: breakdownBy(dataset.patients, b.groupOf, b.order).map((row) => ({ group: row.group, figures: trueFigures(row.funnel, row.outcome) }))
    }))
    extras = { medianSystolic: outcome.medianSystolicChange, medianDiastolic: outcome.medianDiastolicChange, protection: null }
  }

  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
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
  for (const sheet of sheets) writeBreakdown(workbook, sheet.name, sheet.rows)
  // The whole practice's identifiable workbook lists each programme's own figures.
  if (!p && !dataset.programme && dataset.programmes) writeProgrammes(workbook, dataset.programmes)
  // Patient-level rows only in the identifiable workbook: a list of patients, however pseudonymised,
  // lets every suppressed count be counted back.
  if (!p) writePatients(workbook, dataset.patients)
  await workbook.commit()
}
