// Under the as-of date: when the newest export was run more than a month ago, say so and offer its
// run date, so a cohort is not built "as of today" from data that cannot know what happened since
// (export-age.ts). Today stays the default: the practice chooses.
import { outOfDateExportRunDate } from '../../../../shared/domain/export-age'
import { api } from '../../api/client'
import { useLoad } from '../../components/use-load'
import { formatUkDate, todayIso } from '../../format/uk-date'

export function AsOfHint({ asOf, onUse }: { asOf: string; onUse: (runDate: string) => void }) {
  const imports = useLoad(() => api['imports.list']({}), [])
  const runDate = imports.data
    ? outOfDateExportRunDate(
        imports.data.imports.map((i) => i.exportedOn),
        todayIso()
      )
    : null
  if (runDate === null) return null
  return (
    <div className="alert alert-warning" role="note">
      <p className="alert-message">
        The newest export was run on {formatUkDate(runDate)}, more than a month ago. A cohort as of {asOf === runDate ? 'that date' : formatUkDate(asOf)}{' '}
        {asOf === runDate
          ? 'is what that export can vouch for.'
          : 'would treat every reading, booking and diagnosis since then as not there: import a new export, or build as of its run date.'}
      </p>
      {asOf !== runDate && (
        <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => onUse(runDate)}>
          Use {formatUkDate(runDate)}, the export&apos;s run date
        </button>
      )}
    </div>
  )
}
