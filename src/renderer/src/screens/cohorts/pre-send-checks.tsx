// What "Check who gets what" found, shown above "Create invitation letters" so nothing is printed
// before staff have seen it: what blocks the batch (practice details still placeholders or blank),
// who moves to the phone list or cannot be contacted because their address cannot take a letter,
// which letters must be finished by hand, and who another programme invited recently.
import type { ReactNode } from 'react'
import type { OperationOutput } from '../../../../shared/contract'
import { formatUkDate } from '../../format/uk-date'
import { formatNhsNumber } from '../../format/nhs-number'
import { useNavigationStore } from '../../stores/navigation-store'
import { formatCount } from '../../format/count'

type Batch = OperationOutput<'invitations.createBatch'>

export function PreSendChecks({ batch }: { batch: Batch }) {
  const go = useNavigationStore((state) => state.go)
  const phoned = batch.noUsableAddress.filter((m) => m.movedToPhone)
  const notContacted = batch.noUsableAddress.filter((m) => !m.movedToPhone)
  const byHand = batch.sheet.filter((row) => row.writeByHand)
  const nothingFound = batch.blockedBecause === null && batch.noUsableAddress.length === 0 && byHand.length === 0 && batch.recentlyInvitedElsewhere.length === 0
  return (
    <section className="pre-send-checks" aria-label="Checks before creating">
      <h3>Checks before creating</h3>
      {batch.blockedBecause !== null && (
        <div className="alert alert-error" role="alert">
          <h4 className="alert-title">Cannot create yet: the letters would print placeholder practice details</h4>
          <p className="alert-message">{batch.blockedBecause}</p>
          {batch.practiceDetailsToFill.length > 0 && (
            <ul aria-label="Practice details to fill in">
              {batch.practiceDetailsToFill.map((detail) => (
                <li key={detail.field}>
                  {detail.label}: {detail.problem === 'placeholder' ? 'still the placeholder “set in Settings”' : 'blank'}
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => go('settings')}>
            Open Settings
          </button>
        </div>
      )}
      {phoned.length > 0 && (
        <CheckList summary={`Moved to the phone list: no usable postal address (${formatCount(phoned.length)})`}>
          {phoned.map((m) => (
            <li key={m.nhsNumber}>
              {m.name} ({formatNhsNumber(m.nhsNumber)}): {m.reason}
            </li>
          ))}
        </CheckList>
      )}
      {notContacted.length > 0 && (
        <CheckList summary={`Cannot be contacted: no usable postal address and no phone number (${formatCount(notContacted.length)})`}>
          {notContacted.map((m) => (
            <li key={m.nhsNumber}>
              {m.name} ({formatNhsNumber(m.nhsNumber)}): {m.reason}
            </li>
          ))}
        </CheckList>
      )}
      {byHand.length > 0 && (
        <CheckList summary={`Letters to finish by hand (${formatCount(byHand.length)})`}>
          {byHand.map((row) => (
            <li key={row.nhsNumber}>
              {row.name} ({formatNhsNumber(row.nhsNumber)}): {row.note}
            </li>
          ))}
        </CheckList>
      )}
      <RecentlyInvitedList batch={batch} />
      {nothingFound && <p className="hint">Nothing to fix: the practice details are filled in and every letter can be posted and printed in full.</p>}
    </section>
  )
}

function CheckList({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="recently-invited" open>
      <summary>{summary}</summary>
      <ul>{children}</ul>
    </details>
  )
}

/** Members another programme had invited recently: who, by which programme, when, and whether they are left out. */
export function RecentlyInvitedList({ batch }: { batch: Batch }) {
  if (batch.recentlyInvitedElsewhere.length === 0) return null
  return (
    <details className="recently-invited" open>
      <summary>Invited recently by another programme ({formatCount(batch.recentlyInvitedElsewhere.length)})</summary>
      <ul>
        {batch.recentlyInvitedElsewhere.map((r) => (
          <li key={r.nhsNumber}>
            {r.name} ({formatNhsNumber(r.nhsNumber)}): “{r.programme}” on {formatUkDate(r.sentOn)} —{' '}
            {r.leftOut ? 'left out of this batch' : 'invited again (invite anyway)'}
          </li>
        ))}
      </ul>
    </details>
  )
}
