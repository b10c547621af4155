// Referrals with no outcome: patients referred or signposted to a local service weeks ago (6 unless
// changed here) with nothing recorded since, so nobody sent somewhere is forgotten when the
// service never picked them up or they never went. Each row takes its outcome where it stands;
// the notice after recording one offers to take it back, putting the referral on the list again.
import { useState } from 'react'
import type { OperationOutput } from '../../../../shared/contract'
import {
  DEFAULT_REFERRAL_OUTCOME_WEEKS,
  referralKindLabels,
  referralOutcomeLabels,
  referralOutcomes,
  type ReferralOutcome
} from '../../../../shared/domain/local-services'
import { api } from '../../api/client'
import { Card } from '../../components/card'
import { DataTable } from '../../components/data-table'
import { ErrorAlert } from '../../components/error-alert'
import { FormField } from '../../components/form-field'
import { useAsyncAction } from '../../components/use-async-action'
import { useLoad } from '../../components/use-load'
import { formatNhsNumber } from '../../format/nhs-number'
import { formatUkDate } from '../../format/uk-date'

type Due = OperationOutput<'referrals.due'>['due'][number]

const weekChoices = [2, 4, 6, 8, 12]

interface Recorded {
  referral: Due
  outcome: ReferralOutcome
}

/** `asOf` follows the screen's as-of date (today when not given). */
export function ReferralsAwaitingOutcome({ asOf }: { asOf?: string | undefined }) {
  const [weeks, setWeeks] = useState(DEFAULT_REFERRAL_OUTCOME_WEEKS)
  const list = useLoad(() => api['referrals.due']({ ...(asOf ? { asOf } : {}), weeks }), [asOf, weeks])
  const [chosen, setChosen] = useState<Record<number, ReferralOutcome | ''>>({})
  const [recorded, setRecorded] = useState<Recorded | null>(null)
  const action = useAsyncAction()
  const due = list.data?.due ?? []

  const record = (referral: Due) => {
    const outcome = chosen[referral.referralId]
    if (!outcome) {
      action.setError(`Choose the outcome of ${referral.name}'s referral to ${referral.service} first.`)
      return
    }
    void action.run(async () => {
      await api['referrals.setOutcome']({ referralId: referral.referralId, outcome })
      setRecorded({ referral, outcome })
      list.reload()
    })
  }

  const takeBack = (done: Recorded) =>
    void action.run(async () => {
      await api['referrals.setOutcome']({ referralId: done.referral.referralId, outcome: null })
      setRecorded(null)
      list.reload()
    })

  return (
    <Card title="Referrals with no outcome">
      <div className="form-row">
        <FormField
          id="referrals-due-weeks"
          label="No outcome after"
          width="narrow"
          control={(control) => (
            <select {...control} value={weeks} onChange={(event) => setWeeks(Number(event.target.value))}>
              {weekChoices.map((w) => (
                <option key={w} value={w}>
                  {w} weeks
                </option>
              ))}
            </select>
          )}
        />
      </div>
      <ErrorAlert message={list.error} />
      <ErrorAlert message={action.error} title="Outcome not recorded" />
      {recorded && (
        <p className="alert alert-success" role="status">
          Outcome recorded for {recorded.referral.name} ({recorded.referral.service}): {referralOutcomeLabels[recorded.outcome]}.{' '}
          <button type="button" className="button-link" disabled={action.busy} onClick={() => takeBack(recorded)}>
            Take it back
          </button>
        </p>
      )}
      {list.data && (
        <DataTable<Due>
          label="Referrals with no outcome"
          rows={due}
          rowKey={(r) => r.referralId}
          empty={<p>None: every referral made more than {list.data.weeks} weeks ago has its outcome recorded.</p>}
          columns={[
            {
              id: 'referred',
              header: 'Referred',
              cellClassName: 'nowrap',
              sortValue: (r) => r.referredOn,
              cell: (r) => (
                <>
                  {formatUkDate(r.referredOn)} <span className="muted">{r.weeksWaiting} weeks ago</span>
                </>
              )
            },
            { id: 'nhs', header: 'NHS number', cell: (r) => formatNhsNumber(r.nhsNumber), cellClassName: 'nowrap', sortValue: (r) => r.nhsNumber },
            { id: 'name', header: 'Name', cell: (r) => r.name, sortValue: (r) => r.name },
            {
              id: 'service',
              header: 'Service',
              sortValue: (r) => r.service,
              cell: (r) => (
                <>
                  {r.service}
                  <div className="muted">{referralKindLabels[r.kind]}</div>
                  {r.serviceContactProblem && (
                    <p className="text-warning" role="note">
                      {r.serviceContactProblem}
                    </p>
                  )}
                </>
              )
            },
            { id: 'note', header: 'Note', cell: (r) => r.note || <span className="muted">—</span> },
            {
              id: 'outcome',
              header: 'Outcome',
              cell: (r) => (
                <>
                  <select
                    aria-label={`Outcome of ${r.name}'s referral to ${r.service}`}
                    value={chosen[r.referralId] ?? ''}
                    onChange={(event) => setChosen((current) => ({ ...current, [r.referralId]: event.target.value as ReferralOutcome | '' }))}
                  >
                    <option value="">Choose…</option>
                    {referralOutcomes.map((o) => (
                      <option key={o} value={o}>
                        {referralOutcomeLabels[o]}
                      </option>
                    ))}
                  </select>
                  <div className="button-row">
                    <button
                      type="button"
                      className="nhsuk-button nhsuk-button--small"
                      aria-label={`Record the outcome of ${r.name}'s referral to ${r.service}`}
                      disabled={action.busy}
                      onClick={() => record(r)}
                    >
                      Record
                    </button>
                  </div>
                </>
              )
            }
          ]}
        />
      )}
    </Card>
  )
}
