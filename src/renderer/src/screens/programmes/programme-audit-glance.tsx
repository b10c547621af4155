// A programme's audit at a glance on its page: the uptake chart with its table and the BP outcome in
// one line, and the way to its full audit (charts by equity group, the workbooks) on the Audit screen.
import '../../styles/audit.css'
import { api } from '../../api/client'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { useLoad } from '../../components/use-load'
import { ChartPatternDefs } from '../audit/chart-style'
import { funnelStyles, UptakeFunnelChart } from '../audit/uptake-funnel-chart'

interface Props {
  programmeId: number
  name: string
  /** Reload when the programme's work changes. */
  version: number
  onOpenAudit: () => void
}

export function ProgrammeAuditGlance({ programmeId, name, version, onOpenAudit }: Props) {
  const summary = useLoad(() => api['audit.summary']({ programmeId }), [programmeId, version])
  const outcome = summary.data?.bpOutcome
  return (
    <Card
      title="Its audit at a glance"
      actions={
        <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small no-print" onClick={onOpenAudit}>
          Open the full audit
        </button>
      }
    >
      <ErrorAlert message={summary.error} title="The audit could not be calculated" />
      {summary.loading && !summary.data && <p className="muted">Calculating…</p>}
      {summary.data && outcome && (
        <>
          <ChartPatternDefs styles={funnelStyles} />
          <p>
            {outcome.patients === 0 ? (
              'No patient has a baseline and a follow-up BP yet.'
            ) : (
              <>
                Of <strong>{outcome.patients}</strong> patient{outcome.patients === 1 ? '' : 's'} with a baseline and a follow-up BP, systolic was reduced for{' '}
                <strong>{outcome.reduced}</strong>, unchanged for <strong>{outcome.unchanged}</strong> and increased for <strong>{outcome.increased}</strong>.
              </>
            )}
          </p>
          <UptakeFunnelChart id={`programme-${programmeId}-funnel`} funnel={summary.data.funnel} scope={name} />
        </>
      )}
    </Card>
  )
}
