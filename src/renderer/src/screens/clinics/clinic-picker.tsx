// Choose a clinic session with a free slot, from a date onwards: used to rebook, to book a follow-up
// after a visit, and to book from the worklists.
import type { Ref } from 'react'
import type { OperationOutput } from '../../../../shared/contract'
import { useLoad } from '../../components/use-load'
import { FormField } from '../../components/form-field'
import { api } from '../../api/client'
import { formatUkDate } from '../../format/uk-date'

type ClinicSummary = OperationOutput<'clinics.list'>['clinics'][number]

export function useBookableClinics(from: string, excludeClinicId?: number) {
  const clinics = useLoad(() => api['clinics.list']({}), [])
  const bookable = (clinics.data?.clinics ?? [])
    .filter((c) => c.date >= from && c.booked < c.slots && c.clinicId !== excludeClinicId)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.start < b.start ? -1 : 1))
  return { bookable, loading: clinics.loading, error: clinics.error }
}

export function clinicOptionLabel(c: ClinicSummary): string {
  return `${formatUkDate(c.date)} ${c.start} — ${c.type}${c.clinician ? `, ${c.clinician}` : ''} (${c.slots - c.booked} free)`
}

export function ClinicPicker({
  id,
  label,
  clinics,
  value,
  onChange,
  selectRef
}: {
  id: string
  label: string
  clinics: ClinicSummary[]
  value: number | null
  onChange: (clinicId: number | null) => void
  /** For a caller that moves focus to the picker (a booking opened from a worklist row). */
  selectRef?: Ref<HTMLSelectElement>
}) {
  return (
    <FormField
      id={id}
      label={label}
      width="wide"
      control={(control) => (
        <select {...control} ref={selectRef} value={value ?? ''} onChange={(event) => onChange(event.target.value ? Number(event.target.value) : null)}>
          <option value="">{clinics.length === 0 ? 'No upcoming clinic with a free slot' : 'Choose a clinic…'}</option>
          {clinics.map((c) => (
            <option key={c.clinicId} value={c.clinicId}>
              {clinicOptionLabel(c)}
            </option>
          ))}
        </select>
      )}
    />
  )
}
