// The audit workbook: a Summary sheet (the seed table and the uptake funnel), one sheet
// per equity breakdown, and a patient-level sheet. Written with exceljs's streaming writer so a
// PCN-sized audit stays fast and small in memory. Every sheet has a frozen, filterable header row
// and UK dates (dd/mm/yyyy).
//
// Pseudonymised (for sharing outside the practice): no names, addresses, NHS numbers or dates of
// birth — an age band and a random id made for this export only — and counts from 1 to 4 shown as
// "<5", with totals and percentages that could give them away held back too.
import { randomBytes } from 'node:crypto'
import ExcelJS from 'exceljs'
import {
  ageBandOrder,
  breakdownBy,
  isSmallCount,
  percentOf,
  summariseBpOutcome,
  funnelOf,
  suppressCount,
  suppressTotal,
  type BpOutcomeSummary,
  type FunnelCounts
} from '../../shared/domain/audit-outcome'
import type { AuditDataset, AuditPatient } from '../audit/audit-service'
import { neutraliseCell } from './csv-text'
import { rowXmlWriter } from './xlsx-row-xml'

export interface AuditWorkbookOptions {
  pseudonymised: boolean
  practiceName: string
  generatedAt: Date
  generatedBy: string
}

type CellValue = string | number | Date | null

const UK_DATE = 'dd/mm/yyyy'
const WITHHELD = 'withheld'

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

function countCell(n: number, pseudonymised: boolean): CellValue {
  return pseudonymised ? suppressCount(n) : n
}

/** Count, percentage and mean cells for one outcome summary, suppressed as the export requires. */
function outcomeCells(o: BpOutcomeSummary, pseudonymised: boolean): CellValue[] {
  const parts = [o.reduced, o.unchanged, o.increased]
  const hide = pseudonymised && (parts.some(isSmallCount) || isSmallCount(o.patients))
  const pct = (p: number): CellValue => (o.patients === 0 ? null : hide ? WITHHELD : p)
  // A mean over fewer than 5 patients describes those few patients: withheld too.
  const mean = (m: number | null): CellValue => (m === null ? null : pseudonymised && isSmallCount(o.patients) ? WITHHELD : m)
  return [
    pseudonymised ? suppressTotal(o.patients, parts) : o.patients,
    countCell(o.reduced, pseudonymised),
    pct(o.reducedPercent),
    countCell(o.unchanged, pseudonymised),
    pct(o.unchangedPercent),
    countCell(o.increased, pseudonymised),
    pct(o.increasedPercent),
    mean(o.meanSystolicChange),
    mean(o.meanDiastolicChange)
  ]
}

/** At-target counts and their percentages among the patients with both readings, suppressed as above. */
function atTargetCells(o: BpOutcomeSummary, pseudonymised: boolean): CellValue[] {
  const hide = pseudonymised && (isSmallCount(o.atTargetBefore) || isSmallCount(o.atTargetAfter) || isSmallCount(o.patients))
  const pct = (p: number): CellValue => (o.patients === 0 ? null : hide ? WITHHELD : p)
  return [countCell(o.atTargetBefore, pseudonymised), pct(o.atTargetBeforePercent), countCell(o.atTargetAfter, pseudonymised), pct(o.atTargetAfterPercent)]
}

function funnelCells(f: FunnelCounts, pseudonymised: boolean): CellValue[] {
  return [f.eligible, f.invited, f.booked, f.attended, f.followedUp].map((n) => countCell(n, pseudonymised))
}

function writeSummary(workbook: ExcelJS.stream.xlsx.WorkbookWriter, dataset: AuditDataset, options: AuditWorkbookOptions): void {
  const p = options.pseudonymised
  const sheet = addSheet(workbook, 'Summary', [
    { header: 'Section', width: 22 },
    { header: 'Measure', width: 58 },
    { header: 'Value', width: 16 },
    { header: 'Percent', width: 12 },
    { header: 'Note', width: 90 }
  ])
  const outcome = summariseBpOutcome(dataset.patients.flatMap((x) => (x.pair ? [x.pair] : [])))
  const funnel = funnelOf(dataset.patients)
  const [patients, reduced, reducedPct, unchanged, unchangedPct, increased, increasedPct, meanSys, meanDia] = outcomeCells(outcome, p)
  const median = (m: number | null): CellValue => (m === null ? null : p && isSmallCount(outcome.patients) ? WITHHELD : m)

  sheet.add(['About', 'Practice', options.practiceName, null, null])
  sheet.add(['About', 'Audit as of', excelDates()(dataset.asOf), null, 'Only what was recorded on or before this date is counted.'])
  sheet.add(['About', 'Generated', options.generatedAt.toISOString().replace('T', ' ').slice(0, 16) + ' UTC', null, `by ${options.generatedBy}`])
  sheet.add([
    'About',
    'Pseudonymised',
    p ? 'Yes' : 'No',
    null,
    p
      ? 'No names, addresses, NHS numbers or dates of birth. Counts of 1–4 shown as <5; totals beside them rounded to 5 (~) and their percentages withheld (NHS small-number suppression).'
      : 'Identifiable: for use inside the practice only.'
  ])

  const rule =
    'Baseline: BP at the first attended clinic visit (lowest of its readings), else the latest reading in the 12 months before the first invitation. Follow-up: the latest reading after the baseline day (lowest of that day; NICE NG136 1.2.2).'
  sheet.add(['BP outcome (systolic)', 'Patients with a baseline and a follow-up reading', patients ?? null, null, rule])
  sheet.add(['BP outcome (systolic)', 'Reduced', reduced ?? null, reducedPct ?? null, null])
  sheet.add(['BP outcome (systolic)', 'No change', unchanged ?? null, unchangedPct ?? null, 'Same systolic value at follow-up as at baseline.'])
  sheet.add(['BP outcome (systolic)', 'Increased', increased ?? null, increasedPct ?? null, null])
  sheet.add(['BP outcome (systolic)', 'Mean change in systolic (mmHg)', meanSys ?? null, null, 'Follow-up minus baseline: negative is a fall.'])
  sheet.add(['BP outcome (systolic)', 'Median change in systolic (mmHg)', median(outcome.medianSystolicChange), null, null])
  sheet.add(['BP outcome (diastolic)', 'Mean change in diastolic (mmHg)', meanDia ?? null, null, null])
  sheet.add(['BP outcome (diastolic)', 'Median change in diastolic (mmHg)', median(outcome.medianDiastolicChange), null, null])
  const [before, beforePct, after, afterPct] = atTargetCells(outcome, p)
  sheet.add([
    'BP at target',
    'At target at baseline',
    before ?? null,
    beforePct ?? null,
    'Of the patients with both readings. QOF targets: HYP008 ≤140/90 aged 79 or under, HYP009 ≤150/90 aged 80 or over (home readings 5 mmHg lower); age on the day of the reading; systolic and diastolic both within target.'
  ])
  sheet.add(['BP at target', 'At target at follow-up', after ?? null, afterPct ?? null, null])

  const stages: [string, number, string][] = [
    ['Eligible', funnel.eligible, 'Patients who were members of any cohort snapshot.'],
    ['Invited', funnel.invited, 'Sent at least one invitation.'],
    ['Booked', funnel.booked, 'With any clinic appointment not cancelled.'],
    ['Attended', funnel.attended, 'Attended at least one clinic appointment.'],
    ['Followed up', funnel.followedUp, 'With a follow-up reading after their baseline.']
  ]
  for (const [stage, n, note] of stages) {
    const pct = funnel.eligible === 0 ? null : p && (isSmallCount(n) || isSmallCount(funnel.eligible)) ? WITHHELD : percentOf(n, funnel.eligible)
    sheet.add(['Uptake funnel', stage, countCell(n, p), pct, note])
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

function writeBreakdown(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  patients: readonly AuditPatient[],
  groupOf: (p: AuditPatient) => string,
  order: readonly string[],
  pseudonymised: boolean
): void {
  const sheet = addSheet(workbook, name, breakdownColumns)
  for (const row of breakdownBy(patients, groupOf, order)) {
    sheet.add([row.group, ...funnelCells(row.funnel, pseudonymised), ...outcomeCells(row.outcome, pseudonymised), ...atTargetCells(row.outcome, pseudonymised)])
  }
  sheet.commit()
}

/** Random ids, unique within the export: drawn from one buffer of random bytes rather than one call each. */
function pseudoIds(count: number): string[] {
  const ids = new Set<string>()
  while (ids.size < count) {
    const bytes = randomBytes(4 * (count - ids.size))
    for (let i = 0; i + 4 <= bytes.length; i += 4) ids.add(`PX-${bytes.toString('hex', i, i + 4).toUpperCase()}`)
  }
  return [...ids]
}

// The patient list's order: by name (as String.localeCompare would, with one reusable collator).
const byName = new Intl.Collator().compare

function writePatients(workbook: ExcelJS.stream.xlsx.WorkbookWriter, patients: readonly AuditPatient[], pseudonymised: boolean): void {
  const identity: Column[] = pseudonymised
    ? [{ header: 'Pseudo ID (this export only)', width: 24 }]
    : [
        { header: 'NHS number', width: 14 },
        { header: 'Name', width: 28 },
        { header: 'Date of birth', width: 13, date: true }
      ]
  const sheet = addSheet(workbook, 'Patients', [
    ...identity,
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
  // Pseudonymised rows are ordered by their random id, so row order cannot be matched back to the
  // identifiable export either.
  const ids = pseudonymised ? pseudoIds(patients.length) : []
  const rows = patients.map((p, i) => ({ p, id: ids[i] ?? '' }))
  // Pseudo ids are PX- and upper-case hex: plain code-unit order is the collation order.
  if (pseudonymised) rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  else rows.sort((a, b) => byName(a.p.name, b.p.name) || byName(a.p.nhsNumber, b.p.nhsNumber))
  const excelDate = excelDates()
  const outcomeText = { reduced: 'Reduced', unchanged: 'No change', increased: 'Increased' } as const
  const sourceText = { 'first-clinic-visit': 'First clinic visit', 'before-invitation': 'Before invitation' } as const
  for (const { p, id } of rows) {
    sheet.add([
      ...(pseudonymised ? [id] : [p.nhsNumber, p.name, excelDate(p.dateOfBirth)]),
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

/** Writes the workbook to `path` (main chooses the path). */
export async function writeAuditWorkbook(path: string, dataset: AuditDataset, options: AuditWorkbookOptions): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    // Styles for the UK dates and bold headers; inline strings (a shared-strings table costs a
    // lookup per cell and a second pass at the end); fast compression (the file is a few MB either way).
    useStyles: true,
    useSharedStrings: false,
    zip: { zlib: { level: 1 } }
  })
  workbook.creator = 'Clinic Recall'
  workbook.created = options.generatedAt
  const p = options.pseudonymised
  writeSummary(workbook, dataset, options)
  // The programme's focus groups (Black African / African-Caribbean) first, then the rest A–Z.
  const ethnicityOrder = [...new Set(dataset.patients.map((x) => x.ethnicity))].filter((e) => e.startsWith('Black')).sort()
  writeBreakdown(workbook, 'By ethnic group', dataset.patients, (x) => x.ethnicity, ethnicityOrder, p)
  writeBreakdown(workbook, 'By age band', dataset.patients, (x) => x.ageBand, ageBandOrder, p)
  writeBreakdown(workbook, 'By sex', dataset.patients, (x) => x.sex, ['Female', 'Male'], p)
  writeBreakdown(workbook, 'By IMD quintile', dataset.patients, (x) => x.imdQuintile, ['1 (most deprived, Core20)', '2', '3', '4', '5 (least deprived)'], p)
  writePatients(workbook, dataset.patients, p)
  await workbook.commit()
}
