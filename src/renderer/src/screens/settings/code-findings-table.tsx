import type { UnmatchedCodeT } from '../../../../shared/contract'
import { formatUkDate } from '../../format/uk-date'
import { DataTable, type Column } from '../../components/data-table'
import { formatCount } from '../../format/count'

type ImportRef = UnmatchedCodeT['firstImport']

/** One distinct code and term as exported, with what the imports made of it. */
export interface CodeFindingRow {
  code: string
  term: string
  terms: string[]
  events: number
  patients: number
  firstImport: ImportRef
  lastImport: ImportRef
  /** What the row was read as, for rows read from their term; absent for codes that matched nothing. */
  readAs?: string
}

const count = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`

/** "4 codes, 6 events" — the line above either table. */
export function CodeFindingsSummary({ rows, suffix = '' }: { rows: readonly CodeFindingRow[]; suffix?: string }) {
  const events = rows.reduce((n, r) => n + r.events, 0)
  return (
    <p>
      <strong>{count(rows.length, 'code', 'codes')}</strong>, {count(events, 'event', 'events')}
      {suffix}.
    </p>
  )
}

/**
 * The codes the imports did not decide from a list, one row per code and term: the unmatched codes
 * (left out) and the codes read from their term (imported, to be checked) share this table; the
 * second adds what each was read as.
 */
export function CodeFindingsTable({ rows, label }: { rows: readonly CodeFindingRow[]; label: string }) {
  const readAs = rows.some((r) => r.readAs !== undefined)
  const columns: Column<CodeFindingRow>[] = [
    {
      id: 'code',
      header: 'Code',
      cell: (r) => (r.code ? <span className="code-library-code">{r.code}</span> : <span className="muted">(no code)</span>),
      cellClassName: 'nowrap'
    },
    {
      id: 'term',
      header: 'Term in your exports',
      cell: (r) => (
        <>
          {r.term || <span className="muted">(no term)</span>}
          {r.terms.length > 1 && <div className="hint">Also exported as: {r.terms.slice(1).join('; ')}</div>}
        </>
      )
    },
    ...(readAs ? [{ id: 'read-as', header: 'Read as', cell: (r: CodeFindingRow) => r.readAs }] : []),
    { id: 'events', header: 'Events', cell: (r) => formatCount(r.events), numeric: true },
    { id: 'patients', header: 'Patients', cell: (r) => formatCount(r.patients), numeric: true },
    {
      id: 'seen',
      header: 'Seen',
      cell: (r) => seenText(r.firstImport, r.lastImport),
      cellClassName: 'nowrap',
      cellTitle: (r) => r.lastImport.fileNames.join(', ')
    }
  ]
  return (
    <DataTable label={label} className="nhsuk-table--compact" scroll rows={rows} rowKey={(r) => `${r.code}:${r.term}:${r.readAs ?? ''}`} columns={columns} />
  )
}

/** When a code was first and last imported, by import number (as in Import history) and date. */
function seenText(first: ImportRef, last: ImportRef): string {
  const at = (ref: ImportRef) => `${formatUkDate(ref.importedAt.slice(0, 10))} (import #${ref.importId})`
  return first.importId === last.importId ? at(first) : `${at(first)} to ${at(last)}`
}
