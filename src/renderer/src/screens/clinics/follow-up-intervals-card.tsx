// The follow-up interval per clinic type (default 6 weeks, adjustable 4–12 per clinic type;
// severe BP is always 7 days). Saved per type; the visit form proposes the date from it.
import { useState } from 'react'
import type { OperationOutput } from '../../../../shared/contract'
import { clinicName } from '../../../../shared/domain/clinic-types'
import { api } from '../../api/client'
import { Card } from '../../components/card'
import { DataTable } from '../../components/data-table'
import { ErrorAlert } from '../../components/error-alert'
import { useAsyncAction } from '../../components/use-async-action'
import { useLoad } from '../../components/use-load'

type Interval = OperationOutput<'clinics.followUpIntervals'>['types'][number]

const weekChoices = [4, 5, 6, 7, 8, 9, 10, 11, 12]

export function FollowUpIntervalsCard() {
  const intervals = useLoad(() => api['clinics.followUpIntervals']({}), [])
  const save = useAsyncAction()
  const [saved, setSaved] = useState<string | null>(null)

  const change = (type: string, weeks: number) =>
    void save.run(async () => {
      setSaved(null)
      const result = await api['clinics.setFollowUpInterval']({ type, weeks })
      setSaved(`Follow-up after a ${clinicName(result.type)}: ${result.weeks} weeks.`)
      intervals.reload()
    })

  return (
    <Card title="Follow-up interval for each kind of clinic">
      <p className="muted">
        After a visit the follow-up is proposed this many weeks later (programme default 6, adjustable 4–12). A severe BP (clinic 180/120 or higher, P1) is
        always followed up within 7 days (NICE NG136 1.5.1).
      </p>
      <ErrorAlert message={intervals.error ?? save.error} />
      {saved && (
        <p className="alert alert-success" role="status">
          {saved}
        </p>
      )}
      {intervals.data && (
        <DataTable<Interval>
          label="Follow-up interval for each kind of clinic"
          className="nhsuk-table--compact"
          rows={intervals.data.types}
          rowKey={(t) => t.type}
          columns={[
            { id: 'type', header: 'Clinic type', cell: (t) => t.type, rowHeader: true },
            {
              id: 'weeks',
              header: 'Follow-up after',
              cell: (t) => (
                <select
                  aria-label={`Follow-up weeks for ${t.type}`}
                  value={t.weeks}
                  disabled={save.busy}
                  onChange={(event) => change(t.type, Number(event.target.value))}
                >
                  {weekChoices.map((w) => (
                    <option key={w} value={w}>
                      {w} weeks
                    </option>
                  ))}
                </select>
              )
            },
            { id: 'set-by', header: 'Set by', cell: (t) => (t.practiceSet ? 'Practice' : 'Programme default') }
          ]}
        />
      )}
    </Card>
  )
}
