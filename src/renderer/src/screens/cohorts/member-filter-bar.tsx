import { useMemo, useState } from 'react'
import type { CohortEntryT } from '../../../../shared/contract'
import { FormField } from '../../components/form-field'
import { formatEthnicity } from '../../format/ethnicity'
import { ageBands, parseSystolicAbove, type AgeBandChoice, type MemberFilter, type PriorityChoice } from './member-filter'

interface Props {
  entries: readonly CohortEntryT[]
  filter: MemberFilter
  onChange: (filter: MemberFilter) => void
}

const priorityChoices: { value: PriorityChoice; label: string }[] = [
  { value: 'all', label: 'All priorities' },
  { value: 'P1', label: 'P1' },
  { value: 'P2', label: 'P2' },
  { value: 'P3', label: 'P3' },
  { value: 'P4', label: 'P4' },
  { value: 'none', label: 'No priority' }
]

/** The filters above the members table: plain selects and one number, each a labelled FormField. */
export function MemberFilterBar({ entries, filter, onChange }: Props) {
  // The systolic box keeps what was typed, so a half-typed or wrong value can be told, not lost.
  const [systolicText, setSystolicText] = useState(filter.systolicAbove === null ? '' : String(filter.systolicAbove))
  const systolic = parseSystolicAbove(systolicText)
  // The ethnicities present in this list (an option that matches nobody is noise), plus the one
  // chosen: after a rebuild it may match nobody, and the select must still show what filters.
  const ethnicities = useMemo(() => {
    const values = new Set(entries.map((entry) => entry.ethnicity ?? ''))
    if (filter.ethnicity !== 'all') values.add(filter.ethnicity)
    return [...values].map((value) => ({ value, label: formatEthnicity(value || null) })).sort((a, b) => a.label.localeCompare(b.label))
  }, [entries, filter.ethnicity])

  return (
    <div className="form-row member-filters" role="group" aria-label="Filter members">
      <FormField
        id="member-filter-priority"
        label="Priority"
        control={(control) => (
          <select {...control} value={filter.priority} onChange={(event) => onChange({ ...filter, priority: event.target.value as PriorityChoice })}>
            {priorityChoices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        )}
      />
      <FormField
        id="member-filter-ethnicity"
        label="Ethnicity"
        control={(control) => (
          <select {...control} value={filter.ethnicity} onChange={(event) => onChange({ ...filter, ethnicity: event.target.value })}>
            <option value="all">All ethnicities</option>
            {ethnicities.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        )}
      />
      <FormField
        id="member-filter-age"
        label="Age band"
        control={(control) => (
          <select {...control} value={filter.ageBand} onChange={(event) => onChange({ ...filter, ageBand: event.target.value as AgeBandChoice })}>
            <option value="all">All ages</option>
            {ageBands.map((band) => (
              <option key={band.id} value={band.id}>
                {band.label}
              </option>
            ))}
            <option value="unknown">Age not known</option>
          </select>
        )}
      />
      <FormField
        id="member-filter-systolic"
        label="Systolic above (mmHg)"
        width="narrow"
        error={'error' in systolic ? systolic.error : undefined}
        control={(control) => (
          <input
            {...control}
            type="text"
            inputMode="numeric"
            value={systolicText}
            onChange={(event) => {
              setSystolicText(event.target.value)
              const parsed = parseSystolicAbove(event.target.value)
              // While the value is wrong the list keeps the last good floor; the message says why.
              if ('value' in parsed) onChange({ ...filter, systolicAbove: parsed.value })
            }}
          />
        )}
      />
    </div>
  )
}
