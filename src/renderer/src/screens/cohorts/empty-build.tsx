// An empty cohort is not saved without asking: the build is refused with the reason (nothing
// imported, nobody on the register, no readings in the window, everyone excluded — with counts),
// shown here with a choice to save it anyway, e.g. to record that nobody qualified this quarter.
import { ApiError } from '../../api/api-error'
import { BusyButton } from '../../components/busy-button'

/** The reason an empty build was refused (cohorts.build without saveIfEmpty), or null for any other failure. */
export function emptyBuildRefusal(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== 'conflict') return null
  const details = error.details as { emptyReason?: unknown } | undefined
  return typeof details?.emptyReason === 'string' ? details.emptyReason : null
}

interface Props {
  reason: string
  saving: boolean
  onSave: () => void
  onKeep: () => void
}

export function EmptyBuildConfirm({ reason, saving, onSave, onKeep }: Props) {
  return (
    <div className="alert alert-warning" role="alert">
      <h3 className="alert-title">This cohort is empty: it has not been saved</h3>
      <p className="alert-message">{reason}</p>
      <div className="button-row">
        <BusyButton variant="secondary" className="nhsuk-button--small" busy={saving} busyLabel="Saving…" onClick={onSave}>
          Save the empty cohort anyway
        </BusyButton>
        <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={onKeep}>
          Do not save it
        </button>
      </div>
    </div>
  )
}

/** Why the cohort shown (a preview, or a build just saved) has nobody in it. */
export function EmptyCohortReason({ reason }: { reason: string }) {
  return (
    <div className="alert alert-info" role="status">
      <p className="alert-message">No members: {reason}</p>
    </div>
  )
}
