import type { TermOnlyMatchT } from '../../../../shared/contract'
import { Card } from '../../components/card'
import { CodeSeenCell } from './code-seen-cell'

/** Rows read from their term alone: the app's guess, listed so a clinician can check it. */
export function TermOnlyMatchesCard({ matches }: { matches: TermOnlyMatchT[] | null }) {
  if (matches === null) return null
  const events = matches.reduce((n, m) => n + m.events, 0)
  return (
    <Card title="Codes read from their term only">
      <p>
        These codes are in no list (or the export had no code column), so Clinic Recall read each row from its term. They{' '}
        <strong>were imported</strong> and count towards registers and readings. Ask a clinician to check each is read correctly;
        a wrong one should be recorded with a listed code in the clinical system.
      </p>
      {matches.length === 0 ? (
        <p>None: every row imported so far was read from a listed code.</p>
      ) : (
        <>
          <p>
            <strong>{matches.length.toLocaleString('en-GB')}</strong> {matches.length === 1 ? 'code' : 'codes'},{' '}
            {events.toLocaleString('en-GB')} {events === 1 ? 'event' : 'events'}.
          </p>
          <div className="table-wrap table-scroll">
            <table className="table table-compact" aria-label="Codes read from their term only">
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Term in your exports</th>
                  <th scope="col">Read as</th>
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
                {matches.map((m) => (
                  <tr key={`${m.code}:${m.term}:${m.matchedAs}`}>
                    <td className="nowrap">{m.code ? <span className="code-library-code">{m.code}</span> : <span className="muted">(no code)</span>}</td>
                    <td>
                      {m.term}
                      {m.terms.length > 1 && <div className="hint">Also exported as: {m.terms.slice(1).join('; ')}</div>}
                    </td>
                    <td>{m.matchedAsText}</td>
                    <td className="numeric">{m.events.toLocaleString('en-GB')}</td>
                    <td className="numeric">{m.patients.toLocaleString('en-GB')}</td>
                    <CodeSeenCell first={m.firstImport} last={m.lastImport} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Card>
  )
}
