import { useEffect, useState, type FormEvent } from 'react'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { FormField } from '../../components/form-field'
import { useAsyncAction } from '../../components/use-async-action'
import { useLoad } from '../../components/use-load'
import { formatUkDate, todayIso } from '../../format/uk-date'
import { useProgrammeStore } from '../../stores/programme-store'
import { builtInClinicTypes } from '../../../../shared/domain/clinic-types'

export function CreateClinicForm({ onCreated }: { onCreated: (clinicId: number, date: string) => void }) {
  const [type, setType] = useState('Hypertension review')
  const [date, setDate] = useState(todayIso())
  const [start, setStart] = useState('09:00')
  const [slots, setSlots] = useState('12')
  const [slotMinutes, setSlotMinutes] = useState('15')
  const [clinician, setClinician] = useState('')
  const [location, setLocation] = useState('')
  const [created, setCreated] = useState<string | null>(null)
  const create = useAsyncAction()
  const programmes = useLoad(() => api['programmes.list']({}), [])
  const openProgrammes = (programmes.data?.programmes ?? []).filter((p) => p.status === 'active')
  // The programme the clinic is for (optional), kept while the user moves between screens; a
  // programme page's "Create a clinic for it" sets it.
  const { clinicFor, setClinicFor } = useProgrammeStore()
  const programme = openProgrammes.find((p) => p.programmeId === clinicFor) ?? null

  const chooseProgramme = (programmeId: number | null) => {
    setClinicFor(programmeId)
    const firstType = openProgrammes.find((p) => p.programmeId === programmeId)?.clinicTypes[0]
    if (firstType) setType(firstType)
  }

  // Sent here for a programme: start on its clinic type, once its settings have loaded.
  const [typeFromProgramme, setTypeFromProgramme] = useState(false)
  useEffect(() => {
    const firstType = programme?.clinicTypes[0]
    if (typeFromProgramme || !firstType) return
    setType(firstType)
    setTypeFromProgramme(true)
  }, [programme, typeFromProgramme])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setCreated(null)
    void create.run(async () => {
      const slotCount = Number(slots)
      const minutes = Number(slotMinutes)
      if (!type.trim()) throw new Error('Clinic type: enter what the clinic is for, e.g. "Hypertension review".')
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error('Date: enter the clinic date.')
      if (!/^\d{2}:\d{2}$/.test(start)) throw new Error('Start time: enter a time such as 09:00.')
      if (!Number.isInteger(slotCount) || slotCount < 1 || slotCount > 100) throw new Error('Number of slots: enter a whole number from 1 to 100.')
      if (!Number.isInteger(minutes) || minutes < 5 || minutes > 120) throw new Error('Slot length: enter a whole number of minutes from 5 to 120.')
      const result = await api['clinics.create']({
        type: type.trim(),
        date,
        start,
        slots: slotCount,
        slotMinutes: minutes,
        ...(clinician.trim() ? { clinician: clinician.trim() } : {}),
        ...(location.trim() ? { location: location.trim() } : {}),
        ...(programme ? { programmeId: programme.programmeId } : {})
      })
      setCreated(`Clinic created: ${type.trim()} on ${formatUkDate(date)} from ${start}${programme ? ` for “${programme.name}”` : ''}.`)
      onCreated(result.clinicId, date)
    })
  }

  return (
    <Card title="Create a clinic">
      <form className="form" onSubmit={submit} noValidate>
        {openProgrammes.length > 0 && (
          <div className="form-row">
            <FormField
              id="clinic-programme"
              label="Programme (optional)"
              width="wide"
              hint={
                programme
                  ? `Every appointment in it counts for “${programme.name}”.`
                  : 'Without one, each appointment counts for the programme that invited its patient.'
              }
              control={(control) => (
                <select
                  {...control}
                  value={programme ? String(programme.programmeId) : ''}
                  onChange={(event) => chooseProgramme(event.target.value === '' ? null : Number(event.target.value))}
                >
                  <option value="">No programme — each appointment takes its patient’s</option>
                  {openProgrammes.map((p) => (
                    <option key={p.programmeId} value={p.programmeId}>
                      {p.name}
                    </option>
                  ))}
                </select>
              )}
            />
          </div>
        )}
        <div className="form-row">
          <FormField
            id="clinic-type"
            label="Clinic type"
            width="wide"
            hint="Pick one or type your own; the follow-up interval is set per type below."
            control={(control) => (
              <input {...control} type="text" value={type} maxLength={80} list="clinic-types" onChange={(event) => setType(event.target.value)} />
            )}
          >
            <datalist id="clinic-types">
              {builtInClinicTypes.map((t) => (
                <option key={t.type} value={t.type}>
                  {t.hint}
                </option>
              ))}
            </datalist>
          </FormField>
          <FormField
            id="clinic-date"
            label="Date"
            control={(control) => <input {...control} type="date" value={date} onChange={(event) => setDate(event.target.value)} />}
          />
          <FormField
            id="clinic-start"
            label="Start time"
            control={(control) => <input {...control} type="time" value={start} onChange={(event) => setStart(event.target.value)} />}
          />
        </div>
        <div className="form-row">
          <FormField
            id="clinic-slots"
            label="Number of slots"
            width="narrow"
            control={(control) => (
              <input {...control} type="number" inputMode="numeric" min={1} max={100} value={slots} onChange={(event) => setSlots(event.target.value)} />
            )}
          />
          <FormField
            id="clinic-slot-minutes"
            label="Slot length (minutes)"
            width="narrow"
            control={(control) => (
              <input
                {...control}
                type="number"
                inputMode="numeric"
                min={5}
                max={120}
                value={slotMinutes}
                onChange={(event) => setSlotMinutes(event.target.value)}
              />
            )}
          />
          <FormField
            id="clinic-clinician"
            label="Clinician"
            control={(control) => <input {...control} type="text" value={clinician} maxLength={80} onChange={(event) => setClinician(event.target.value)} />}
          />
          <FormField
            id="clinic-location"
            label="Location"
            width="wide"
            control={(control) => <input {...control} type="text" value={location} maxLength={200} onChange={(event) => setLocation(event.target.value)} />}
          />
        </div>
        <BusyButton type="submit" busy={create.busy} busyLabel="Creating clinic…">
          Create clinic
        </BusyButton>
        <ErrorAlert message={create.error} title="The clinic was not created" />
        {created && (
          <p className="alert alert-success" role="status">
            {created}
          </p>
        )}
      </form>
    </Card>
  )
}
