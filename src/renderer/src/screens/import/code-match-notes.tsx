import { openCodeLibrary } from '../settings/open-code-library'
import { formatCount } from '../../format/count'

/**
 * What the code lists did not decide in this import: events read from their term alone, and codes
 * in no list. Before the commit nothing is stored yet, so the Code library is named, not linked
 * (following a link would also leave the preview).
 */
export function CodeMatchNotes({ termOnlyMatches, unmatchedCodes, saved }: { termOnlyMatches: number; unmatchedCodes: number; saved: boolean }) {
  if (termOnlyMatches === 0 && unmatchedCodes === 0) return null
  const library = saved ? (
    <button type="button" className="button-link" onClick={openCodeLibrary}>
      Settings › Code library
    </button>
  ) : (
    <strong>Settings › Code library</strong>
  )
  const eventWord = termOnlyMatches === 1 ? 'event' : 'events'
  return (
    <div className="alert alert-info" role="note" aria-label="Codes to check">
      <ul>
        {termOnlyMatches > 0 && (
          <li>
            <strong>{formatCount(termOnlyMatches)}</strong> {eventWord} matched by term only — {saved ? 'check them in ' : 'after importing, check them in '}
            {library}.
          </li>
        )}
        {unmatchedCodes > 0 && (
          <li>
            <strong>{formatCount(unmatchedCodes)}</strong> {unmatchedCodes === 1 ? 'code' : 'codes'} matched no code list:{' '}
            {saved ? 'their rows were' : 'their rows will be'} left out. {saved ? 'See which in ' : 'After importing, see which in '}
            {library}.
          </li>
        )}
      </ul>
    </div>
  )
}
