import type { UnmatchedCodeT } from '../../../../shared/contract'
import { formatUkDate } from '../../format/uk-date'
import { ScrollArea } from '../../components/scroll-area'

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

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`

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
  return (
    <ScrollArea label={label}>
      <table className="table table-compact" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Term in your exports</th>
            {readAs && <th scope="col">Read as</th>}
            <th scope="col" className="numeric">
              Events
            </th>
            <th scope="col" className="numeric">
              Patients
            </th>
            <th scope="col">Seen</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.code}:${r.term}:${r.readAs ?? ''}`}>
              <td className="nowrap">{r.code ? <span className="code-library-code">{r.code}</span> : <span className="muted">(no code)</span>}</td>
              <td>
                {r.term || <span className="muted">(no term)</span>}
                {r.terms.length > 1 && <div className="hint">Also exported as: {r.terms.slice(1).join('; ')}</div>}
              </td>
              {readAs && <td>{r.readAs}</td>}
              <td className="numeric">{r.events.toLocaleString('en-GB')}</td>
              <td className="numeric">{r.patients.toLocaleString('en-GB')}</td>
              <SeenCell first={r.firstImport} last={r.lastImport} />
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  )
}

/** When a code was first and last imported, by import number (as in Import history) and date. */
function SeenCell({ first, last }: { first: ImportRef; last: ImportRef }) {
  const at = (ref: ImportRef) => `${formatUkDate(ref.importedAt.slice(0, 10))} (import #${ref.importId})`
  return (
    <td className="nowrap" title={last.fileNames.join(', ')}>
      {first.importId === last.importId ? at(first) : `${at(first)} to ${at(last)}`}
    </td>
  )
}
