import { formatUkDateTime } from '../../format/uk-date'
import type { DefinitionInfo } from './custom-criteria-form'

/** Under the definition picker: what the chosen cohort is, its version and sources; for a custom one, its criteria and who saved it. */
export function DefinitionSummary({ definition }: { definition: DefinitionInfo }) {
  return (
    <div className="hint">
      <p>
        {definition.description}{' '}
        <span className="muted">
          (version {definition.version}; sources: {definition.sources.join(', ')})
        </span>
      </p>
      {definition.kind === 'custom' && (
        <>
          <ul className="criteria-list" aria-label="Criteria of this custom cohort">
            {definition.criteria.map((criterion) => (
              <li key={criterion.rule}>{criterion.label}</li>
            ))}
          </ul>
          {definition.custom && (
            <p className="muted">
              Saved {formatUkDateTime(definition.custom.savedAt)} by {definition.custom.savedBy}
            </p>
          )}
        </>
      )}
    </div>
  )
}
