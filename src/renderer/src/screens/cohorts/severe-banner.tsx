import type { CohortEntryT } from '../../../../shared/contract'
import { formatBp } from '../../format/blood-pressure'
import { formatNhsNumber } from '../../format/nhs-number'
import { formatUkDate } from '../../format/uk-date'
import { formatCount } from '../../format/count'

interface Props {
  entries: CohortEntryT[]
  ruleLabels: Map<string, string>
  onWhy: (entry: CohortEntryT) => void
}

/** Safety rule: an exclusion never hides a severe reading. */
export function SevereBanner({ entries, ruleLabels, onWhy }: Props) {
  if (entries.length === 0) return null
  return (
    <section className="alert alert-error severe-banner" aria-labelledby="severe-banner-title">
      <h2 className="alert-title" id="severe-banner-title">
        Severe readings — excluded, please check ({formatCount(entries.length)})
      </h2>
      <p className="alert-message">
        These patients were excluded from the cohort but their current BP is severe (P1). NICE NG136 1.5.1: review within 7 days. Check each one with a
        clinician.
      </p>
      <ul className="severe-list">
        {entries.map((entry) => (
          <li key={entry.patientId}>
            <button type="button" className="button-link" onClick={() => onWhy(entry)}>
              {entry.name}
            </button>{' '}
            <span className="nowrap">{formatNhsNumber(entry.nhsNumber)}</span> — BP <strong>{formatBp(entry.bp)}</strong>
            {entry.bp && ` on ${formatUkDate(entry.bp.date)}`} — excluded by:{' '}
            <strong>{entry.rule ? (ruleLabels.get(entry.rule) ?? entry.rule) : 'an exclusion'}</strong>
          </li>
        ))}
      </ul>
    </section>
  )
}
