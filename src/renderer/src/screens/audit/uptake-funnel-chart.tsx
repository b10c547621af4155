// The uptake funnel as a bar chart with its table: eligible → invited (1st) → sent a 2nd and a 3rd
// invitation → booked → attended → followed up. The reminders are a share of those invited (not a
// step everyone passes), so their bars are striped and their labels say so.
import type { AuditSummaryT } from '../../../../shared/contract'
import { DataTable } from '../../components/data-table'
import { ChartFigure } from './chart-figure'
import { chartColours, ChartLegend, type BarStyle } from './chart-style'
import { CountBarChart } from './count-bar-chart'

type Funnel = AuditSummaryT['funnel']

const stepStyle: BarStyle = { label: 'Step of the funnel', colour: chartColours.blue, pattern: 'solid' }
const reminderStyle: BarStyle = { label: 'Reminders (of those invited)', colour: chartColours.blue, pattern: 'stripes' }
export const funnelStyles = [stepStyle, reminderStyle]

interface Stage {
  key: keyof Funnel
  label: string
  reminder: boolean
}

const stages: Stage[] = [
  { key: 'eligible', label: 'Eligible', reminder: false },
  { key: 'invited1', label: 'Invited (1st)', reminder: false },
  { key: 'invited2', label: '2nd invitation', reminder: true },
  { key: 'invited3', label: '3rd invitation', reminder: true },
  { key: 'booked', label: 'Booked', reminder: false },
  { key: 'attended', label: 'Attended', reminder: false },
  { key: 'followedUp', label: 'Followed up', reminder: false }
]

interface StageRow {
  key: string
  label: string
  reminder: boolean
  patients: number
  /** Of the eligible patients, in words ("45%"), or "—" while nobody is eligible. */
  share: string
}

function stageRows(funnel: Funnel): StageRow[] {
  return stages.map((stage) => {
    const patients = funnel[stage.key]
    const share = funnel.eligible > 0 ? `${Math.round((patients / funnel.eligible) * 100)}%` : '—'
    return { key: stage.key, label: stage.label, reminder: stage.reminder, patients, share }
  })
}

/** The label at the end of a bar: the count, and its share of the eligible. */
function barLabel(row: StageRow): string {
  return row.key === 'eligible' || row.share === '—' ? String(row.patients) : `${row.patients} (${row.share})`
}

export function UptakeFunnelChart({ funnel, id, scope }: { funnel: Funnel; id: string; scope: string }) {
  const rows = stageRows(funnel)
  const title = `From eligible to followed up (${scope})`
  const description =
    'Distinct patients at each step; each step counts only patients who reached the one before it. The striped bars are reminders: those invited who were also sent a 2nd or a 3rd invitation. Percentages are of the eligible patients.'
  return (
    <ChartFigure
      id={id}
      title={title}
      description={description}
      tablePlacement="beside"
      chart={
        <CountBarChart
          rows={rows}
          rowKey={(row) => row.key}
          styleOf={(row) => (row.reminder ? reminderStyle : stepStyle)}
          barLabel={barLabel}
          title={title}
          height={300}
          labelWidth={120}
          labelRoom={90}
        />
      }
      legend={<ChartLegend label="Key to the uptake chart" items={funnelStyles} />}
      table={
        <DataTable<StageRow>
          label={`Uptake funnel (${scope})`}
          className="nhsuk-table--compact"
          rows={rows}
          rowKey={(row) => row.key}
          rowClassName={(row) => (row.reminder ? 'row-reminder' : undefined)}
          columns={[
            { id: 'stage', header: 'Step', cell: (row) => row.label, rowHeader: true },
            { id: 'patients', header: 'Patients', cell: (row) => row.patients, numeric: true },
            { id: 'share', header: '% of eligible', cell: (row) => row.share, numeric: true }
          ]}
        />
      }
    />
  )
}
