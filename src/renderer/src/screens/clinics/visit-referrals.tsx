// The local services a patient is referred or signposted to at the visit: any of the practice's
// active services, each sent by the practice or given to the patient to contact themselves (only
// the ways the service takes), with a warning beside one the patient could not be told how to reach.
import type { OperationOutput } from '../../../../shared/contract'
import { localServiceCategoryLabels, type ReferralKind } from '../../../../shared/domain/local-services'
import { DataTable } from '../../components/data-table'

type Service = OperationOutput<'services.list'>['services'][number]
type Chosen = { serviceId: number; kind: ReferralKind }

interface Props {
  services: Service[]
  chosen: Chosen[]
  onChange: (chosen: Chosen[]) => void
  error?: string | undefined
}

const kindLabels: Record<ReferralKind, string> = { 'self-referral': 'Patient refers themselves', sent: 'Practice sends the referral' }

function contactOf(s: Service): string {
  return [s.phone, s.web, s.address].filter((v): v is string => v !== null && v.trim() !== '').join(' · ')
}

export function VisitReferrals({ services, chosen, onChange, error }: Props) {
  const active = services.filter((s) => s.active)
  const chosenOf = (serviceId: number) => chosen.find((c) => c.serviceId === serviceId)
  const toggle = (s: Service, on: boolean) =>
    onChange(on ? [...chosen, { serviceId: s.serviceId, kind: s.selfReferral ? 'self-referral' : 'sent' }] : chosen.filter((c) => c.serviceId !== s.serviceId))
  const setKind = (serviceId: number, kind: ReferralKind) => onChange(chosen.map((c) => (c.serviceId === serviceId ? { ...c, kind } : c)))
  const warnings = active.filter((s) => chosenOf(s.serviceId) && s.contactProblem)

  return (
    <fieldset className={`field visit-referrals${error ? ' nhsuk-form-group--error' : ''}`}>
      <legend>Referrals and signposting</legend>
      <p className="hint">Tick each service the patient is referred or signposted to today. The services are set in Settings → Local services.</p>
      <DataTable<Service>
        label="Local services to refer to"
        className="nhsuk-table--compact"
        rows={active}
        rowKey={(s) => s.serviceId}
        empty={<p className="muted">No active local services: add them in Settings → Local services.</p>}
        columns={[
          {
            id: 'refer',
            header: 'Refer',
            cell: (s) => (
              <input
                type="checkbox"
                aria-label={`Refer or signpost to ${s.name}`}
                checked={chosenOf(s.serviceId) !== undefined}
                onChange={(event) => toggle(s, event.target.checked)}
              />
            )
          },
          {
            id: 'service',
            header: 'Service',
            rowHeader: true,
            cell: (s) => (
              <>
                <strong title={localServiceCategoryLabels[s.category]}>{s.name}</strong>
                {s.isExample && <span className="nhsuk-tag tag-inline nhsuk-tag--yellow">Example</span>}
              </>
            )
          },
          {
            id: 'how',
            header: 'How',
            cell: (s) => {
              const picked = chosenOf(s.serviceId)
              if (!picked)
                return (
                  <span className="muted">{[s.selfReferral && 'self-referral', s.practiceReferral && 'practice referral'].filter(Boolean).join(' or ')}</span>
                )
              return (
                <div role="radiogroup" aria-label={`How the patient is referred to ${s.name}`}>
                  {(['self-referral', 'sent'] as const)
                    .filter((kind) => (kind === 'sent' ? s.practiceReferral : s.selfReferral))
                    .map((kind) => (
                      <div className="radio" key={kind}>
                        <input
                          type="radio"
                          id={`referral-${s.serviceId}-${kind}`}
                          name={`referral-${s.serviceId}`}
                          checked={picked.kind === kind}
                          onChange={() => setKind(s.serviceId, kind)}
                        />
                        <label htmlFor={`referral-${s.serviceId}-${kind}`}>{kindLabels[kind]}</label>
                      </div>
                    ))}
                </div>
              )
            }
          },
          {
            id: 'contact',
            header: 'How to reach it',
            cell: (s) => (s.contactProblem ? <span className="warnings">No contact details</span> : contactOf(s)),
            cellClassName: 'referral-contact'
          }
        ]}
      />
      {warnings.map((s) => (
        <p key={s.serviceId} className="alert alert-warning" role="status">
          {s.contactProblem}
        </p>
      ))}
      {error && <p className="nhsuk-error-message">{error}</p>}
    </fieldset>
  )
}
