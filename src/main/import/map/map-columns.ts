// Finds the column row of an export (by content: EMIS puts a report-header block of varying
// length above it), gives every column a role, groups repeated event/BP columns by position
// (EMIS repeats column groups, so `Date` may appear twice), and says which system it came from.
import { createHash } from 'node:crypto'
import type { ClinicalConcept } from '../../../shared/domain/clinical-concepts'
import { isNhsNumberCaption, normaliseCaption, roleForCaption, type CaptionRole, type ColumnRoleName } from './column-roles'
import { withoutControlCharacters } from '../read/control-characters'
import { isBlankRow } from '../read/parse-csv'

/** `custom`: a layout read through the column-mapping screen (the user said which column is what). */
export type ExportFormat = 'emis' | 'systmone' | 'generic' | 'custom'

/** Roles chosen by the user for each column position, and where they came from. */
export interface ChosenRoles {
  roles: readonly ColumnRoleName[]
  source: 'saved' | 'chosen'
}

export interface MappedColumn {
  index: number
  /** The caption as shown to the user: duplicates become "Date (2nd)". */
  label: string
  role: ColumnRoleName
  note?: string
}

export interface EventGroup {
  date?: number
  code?: number
  term?: number
  value?: number
  unit?: number
  /** From an EMIS "Group's Field" caption: what the group records, used as the term. */
  groupName?: string
}

export interface WideBpGroup {
  systolic?: number
  diastolic?: number
  date?: number
  systolicDate?: number
  diastolicDate?: number
  combined?: number
  type?: number
}

export interface ColumnMap {
  columns: MappedColumn[]
  nhsNumber: number
  /** Further columns that also hold NHS numbers: not read, but checked against `nhsNumber` on every row. */
  extraNhsNumbers: number[]
  /** Patient fields → column indexes (address lines may be several). */
  patient: Map<ColumnRoleName, number[]>
  eventGroups: EventGroup[]
  bpGroups: WideBpGroup[]
  flags: { index: number; concept: ClinicalConcept }[]
  layout: string
}

/** How far down the header row may be: EMIS's report-header block is about 9 lines. */
const headerSearchDepth = 60

export function findHeaderRow(rows: readonly string[][]): number | null {
  const limit = Math.min(rows.length, headerSearchDepth)
  for (let i = 0; i < limit; i++) {
    if ((rows[i] ?? []).some((cell) => isNhsNumberCaption(cell))) return i
  }
  return null
}

/** The captions that identify a layout: trailing blank captions (a trailing comma) do not count. */
export function layoutCaptions(captions: readonly string[]): string[] {
  const kept = [...captions]
  while (kept.length > 0 && (kept[kept.length - 1] ?? '').trim() === '') kept.pop()
  return kept
}

/** The hash a saved column mapping is filed under: the normalised captions, in order. */
export function layoutHashOf(captions: readonly string[]): string {
  const key = JSON.stringify(layoutCaptions(captions).map(normaliseCaption))
  return createHash('sha256').update(key).digest('hex').slice(0, 32)
}

const looksLikeData = (cell: string) => /^[\d\s/.:+-]+$/.test(cell.trim())

/**
 * The column row of a file with no NHS number caption (an unknown layout): below any report-header
 * block (lines of one or two cells), the first row as wide as the table whose cells are words, not
 * numbers or dates. Null when no row looks like captions.
 */
export function guessHeaderRow(rows: readonly string[][]): number | null {
  const limit = Math.min(rows.length, headerSearchDepth)
  const filled = (row: readonly string[]) => row.filter((c) => c.trim() !== '').length
  let widest = 0
  for (let i = 0; i < limit; i++) widest = Math.max(widest, filled(rows[i] ?? []))
  if (widest < 2) return null
  for (let i = 0; i < limit; i++) {
    const row = rows[i] ?? []
    const cells = row.filter((c) => c.trim() !== '')
    if (cells.length < Math.max(2, Math.ceil(widest * 0.6))) continue
    if (cells.filter(looksLikeData).length <= cells.length / 3) return i
  }
  return null
}

/** The report-header block's lines as text (report name, run date …), blank lines left out. */
export function reportHeaderLines(rows: readonly string[][], headerIndex: number): string[] {
  return rows
    .slice(0, headerIndex)
    .filter((row) => !isBlankRow(row))
    .map((row) =>
      row
        .map((c) => withoutControlCharacters(c).trim())
        .filter((c) => c !== '')
        .join(' ')
    )
}

const ordinal = (n: number) => {
  const suffix = n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'
  return `${n}${suffix}`
}

export function mapColumns(captions: readonly string[], chosen?: ChosenRoles): ColumnMap {
  const counts = new Map<string, number>()
  for (const c of captions) {
    const n = normaliseCaption(c)
    if (n !== '') counts.set(n, (counts.get(n) ?? 0) + 1)
  }
  const seen = new Map<string, number>()
  const columns: MappedColumn[] = []
  const patient = new Map<ColumnRoleName, number[]>()
  const eventGroups: EventGroup[] = []
  const bpGroups: WideBpGroup[] = []
  const flags: { index: number; concept: ClinicalConcept }[] = []

  // If both an NHS Number and a SystmOne "Patient ID" column exist, the NHS number is the key.
  const hasRealNhsColumn = captions.some((c) => isNhsNumberCaption(c) && normaliseCaption(c) !== 'patient id')
  let nhsNumber = -1
  const extraNhsNumbers: number[] = []
  const chosenNote = chosen?.source === 'saved' ? 'from your saved mapping' : 'as you chose in the column mapping'
  const roleAt = (caption: string, index: number): CaptionRole => {
    const byCaption = roleForCaption(caption)
    if (!chosen) return byCaption
    const role = chosen.roles[index] ?? 'ignored'
    // The group name of an EMIS "Group's Field" caption still says what an event column records.
    return { role, note: chosenNote, ...(byCaption.group !== undefined && role.startsWith('event.') ? { group: byCaption.group } : {}) }
  }

  captions.forEach((caption, index) => {
    const n = normaliseCaption(caption)
    const occurrence = (seen.get(n) ?? 0) + 1
    seen.set(n, occurrence)
    const label = (counts.get(n) ?? 0) > 1 ? `${caption.trim()} (${ordinal(occurrence)})` : caption.trim()
    const mapped = roleAt(caption, index)
    const group = mapped.group
    let { role, note } = mapped

    if (!chosen && n === 'patient id' && !hasRealNhsColumn) {
      role = 'nhsNumber'
      note = 'SystmOne "Patient ID" read as the NHS number (checked by Modulus 11)'
    }
    if (role === 'nhsNumber') {
      if (nhsNumber === -1) nhsNumber = index
      else {
        role = 'ignored'
        note = 'a second NHS number column: the first one is used, and every row is checked to hold the same number in both'
        extraNhsNumbers.push(index)
      }
    }

    if (role.startsWith('patient.')) {
      const list = patient.get(role) ?? []
      if (list.length > 0 && role !== 'patient.address.line') {
        role = 'ignored'
        note = `a second "${caption.trim()}" column: the first one is used`
      } else {
        list.push(index)
        patient.set(role, list)
      }
    } else if (role.startsWith('event.')) {
      const field = role.slice('event.'.length) as keyof Omit<EventGroup, 'groupName'>
      let current = eventGroups[eventGroups.length - 1]
      // A field already present, or a different "Group's" name, starts the next column group.
      if (!current || current[field] !== undefined || (group !== undefined && current.groupName !== undefined && current.groupName !== group)) {
        current = {}
        eventGroups.push(current)
      }
      current[field] = index
      if (group !== undefined) current.groupName = group
      // Repeated captions (`Date, Code Term, Date, Code Term`) are told apart by their position.
      if ((counts.get(n) ?? 0) > 1) note = [note, `column group ${eventGroups.length}`].filter(Boolean).join('; ')
    } else if (role.startsWith('bp.')) {
      const field = role.slice('bp.'.length) as keyof WideBpGroup
      let current = bpGroups[bpGroups.length - 1]
      if (!current || current[field] !== undefined) {
        current = {}
        bpGroups.push(current)
      }
      current[field] = index
      if ((counts.get(n) ?? 0) > 1) note = [note, `BP column group ${bpGroups.length}`].filter(Boolean).join('; ')
    } else if (role.startsWith('flag.')) {
      flags.push({ index, concept: role.slice('flag.'.length) as ClinicalConcept })
    }
    columns.push({ index, label, role, ...(note !== undefined ? { note } : {}) })
  })

  // An event group with nothing saying what was recorded (no code, term or group name) cannot be
  // classified: its columns are shown as ignored rather than silently half-read.
  const usableEvents = eventGroups.filter((g) => g.code !== undefined || g.term !== undefined || g.groupName !== undefined)
  for (const g of eventGroups) {
    if (usableEvents.includes(g)) continue
    for (const index of [g.date, g.value, g.unit]) {
      const column = index === undefined ? undefined : columns[index]
      if (column) {
        column.role = 'ignored'
        column.note = 'no Code or Term column beside it, so what it records is unknown'
      }
    }
  }
  const usableBp = bpGroups.filter((g) => g.systolic !== undefined || g.diastolic !== undefined || g.combined !== undefined)
  // "Systolic BP, Diastolic BP, Date": a plain Date column with no event beside it dates the BP.
  const spareDates = eventGroups.filter((g) => !usableEvents.includes(g) && g.date !== undefined && g.value === undefined)
  for (const [i, g] of usableBp.entries()) {
    const spare = spareDates[i]?.date
    const column = spare === undefined ? undefined : columns[spare]
    if (g.date !== undefined || g.systolicDate !== undefined || g.diastolicDate !== undefined || !column) continue
    g.date = column.index
    column.role = 'bp.date'
    column.note = 'read as the blood pressure date'
  }

  const layoutParts = [usableEvents.length > 0 ? 'events' : null, usableBp.length > 0 ? 'wide-bp' : null, flags.length > 0 ? 'flags' : null].filter(
    (p): p is string => p !== null
  )
  const layout = layoutParts.length > 0 ? layoutParts.join('+') : 'patients'

  return { columns, nhsNumber, extraNhsNumbers, patient, eventGroups: usableEvents, bpGroups: usableBp, flags, layout }
}

const emisCaptions = new Set(
  [
    'emis number',
    'code term',
    'calling name',
    'family name',
    "usual gp's full name",
    'organisation code',
    'organisation name',
    'house name / flat number',
    'number and street',
    "user details' full name",
    'episode (first, new...)',
    'associated text'
  ].map(normaliseCaption)
)
const systmOneCaptions = new Set(['patient id', 'age in years', 'clinician', 'appointment date'].map(normaliseCaption))

/** EMIS: its captions or a report-header block; SystmOne: its Breakdown captions (`NHS number`). */
export function detectFormat(captions: readonly string[], reportHeader: readonly string[]): ExportFormat {
  return detectFormatWithEvidence(captions, reportHeader).format
}

/** The format and, in words, why: the preview shows this so detection is never silent. */
export function detectFormatWithEvidence(
  captions: readonly string[],
  reportHeader: readonly string[]
): { format: 'emis' | 'systmone' | 'generic'; evidence: string } {
  const emisSeen: string[] = []
  const systmOneSeen: string[] = []
  for (const caption of captions) {
    const n = normaliseCaption(caption)
    if (emisCaptions.has(n)) emisSeen.push(caption.trim())
    if (systmOneCaptions.has(n)) systmOneSeen.push(caption.trim())
    // SystmOne writes "NHS number" (EMIS "NHS Number", but so does almost every other report).
    if (caption.trim() === 'NHS number') systmOneSeen.push(caption.trim())
    // and may name a Breakdown field by its path: "Demographics -> Age in years".
    else if (/\S\s*->\s*\S/.test(caption)) systmOneSeen.push(caption.trim())
  }
  const emis = emisSeen.length + (reportHeader.length > 0 ? 1 : 0)
  const systmOne = systmOneSeen.length
  const list = (names: string[]) =>
    names
      .slice(0, 4)
      .map((c) => `"${c}"`)
      .join(', ') + (names.length > 4 ? ' …' : '')
  if (emis === 0 && systmOne === 0) {
    return { format: 'generic', evidence: 'no EMIS Web or SystmOne captions and no report-header block' }
  }
  if (emis >= systmOne) {
    const why = [
      reportHeader.length > 0 ? `a report-header block (${reportHeader.length} lines) above the column row` : null,
      emisSeen.length > 0 ? `EMIS Web column captions (${list(emisSeen)})` : null
    ].filter((w): w is string => w !== null)
    return { format: 'emis', evidence: why.join(' and ') }
  }
  return { format: 'systmone', evidence: `SystmOne Breakdown column captions (${list(systmOneSeen)})` }
}
