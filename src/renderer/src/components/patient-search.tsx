// "Find a patient" in the header of every screen, after the NHS.UK header search: a search box with
// its button, and the patients found listed under it as the user types (an ARIA combobox with a
// listbox). Keyboard: Down and Up move through the list, Enter opens the one chosen (or the first),
// Escape closes the list (and empties the box when it is closed). Choosing a patient opens their page.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import '../styles/patients.css'
import type { OperationOutput } from '../../../shared/contract'
import { parsePatientSearch } from '../../../shared/domain/patient-search-query'
import { api } from '../api/client'
import { describeError } from '../api/api-error'
import { formatNhsNumber } from '../format/nhs-number'
import { formatUkDate, todayIso } from '../format/uk-date'
import { useNavigationStore } from '../stores/navigation-store'
import { formatCount } from '../format/count'

type Found = OperationOutput<'patients.find'>
type FoundPatient = Found['patients'][number]

/** Long enough to let a typist finish a word, short enough to feel immediate. */
const TYPING_PAUSE_MS = 200

type Shown = { kind: 'idle' } | { kind: 'problem'; text: string } | { kind: 'searching' } | { kind: 'found'; query: string; found: Found }

function patientLine(p: FoundPatient): string {
  const born = p.dateOfBirth ? `born ${formatUkDate(p.dateOfBirth)}${p.age === null ? '' : ` (${p.age})`}` : 'no date of birth'
  return [formatNhsNumber(p.nhsNumber), born, p.postcode ?? 'no postcode'].join(' · ')
}

export function PatientSearch() {
  const openPatient = useNavigationStore((state) => state.openPatient)
  const [text, setText] = useState('')
  const [shown, setShown] = useState<Shown>({ kind: 'idle' })
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const latest = useRef(0)
  const id = useId()
  const listId = `${id}-results`
  const optionId = (index: number) => `${id}-option-${index}`

  /** Searches for `query`; only the answer to the latest request is shown. */
  const search = async (query: string): Promise<Found | null> => {
    const parsed = parsePatientSearch(query, todayIso())
    if (!parsed.ok) {
      setShown({ kind: 'problem', text: parsed.problem })
      return null
    }
    const request = ++latest.current
    setShown({ kind: 'searching' })
    try {
      const found = await api['patients.find']({ query })
      if (request === latest.current) {
        setShown({ kind: 'found', query, found })
        setActive(-1)
      }
      return found
    } catch (error) {
      if (request === latest.current) setShown({ kind: 'problem', text: describeError(error) })
      return null
    }
  }

  // Search as the user types, once they pause.
  useEffect(() => {
    if (text.trim() === '') {
      latest.current++
      setShown({ kind: 'idle' })
      return
    }
    const timer = setTimeout(() => void search(text), TYPING_PAUSE_MS)
    return () => clearTimeout(timer)
  }, [text])

  const patients = shown.kind === 'found' ? shown.found.patients : []

  const choose = (patient: FoundPatient) => {
    openPatient(patient.nhsNumber)
    setText('')
    setOpen(false)
    setActive(-1)
  }

  /** Enter or the button: the patient chosen in the list, else the first found for exactly this text (searching now if the pause has not passed). */
  const submit = (event?: FormEvent) => {
    event?.preventDefault()
    const chosen = active >= 0 ? patients[active] : undefined
    if (chosen) return choose(chosen)
    setOpen(true)
    if (shown.kind === 'found' && shown.query === text) {
      const first = shown.found.patients[0]
      if (first) choose(first)
      return
    }
    void search(text).then((found) => {
      const first = found?.patients[0]
      if (first) choose(first)
    })
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      setOpen(true)
      if (patients.length === 0) return
      const step = event.key === 'ArrowDown' ? 1 : -1
      setActive((current) => {
        const next = current + step
        return next >= patients.length ? 0 : next < 0 ? patients.length - 1 : next
      })
    } else if (event.key === 'Escape') {
      if (open && shown.kind !== 'idle') setOpen(false)
      else setText('')
      setActive(-1)
    }
  }

  const expanded = open && shown.kind !== 'idle'

  return (
    <div className="header-search">
      <form role="search" aria-label="Patients" className="header-search-form" onSubmit={submit} noValidate>
        <label className="header-search-label" htmlFor={`${id}-input`}>
          Find a patient
        </label>
        <div className="header-search-row">
          <input
            id={`${id}-input`}
            className="header-search-input"
            type="search"
            role="combobox"
            autoComplete="off"
            spellCheck={false}
            placeholder="Name, date of birth, NHS number or postcode"
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listId}
            aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
            aria-describedby={`${id}-status`}
            value={text}
            onChange={(event) => {
              setText(event.target.value)
              setOpen(true)
              setActive(-1)
            }}
            onKeyDown={onKeyDown}
            onFocus={() => setOpen(true)}
            onBlur={(event) => {
              // Leaving the search altogether (not for a click in its list) closes the list.
              if (!event.currentTarget.closest('.header-search')?.contains(event.relatedTarget as Node | null)) setOpen(false)
            }}
          />
          <button className="header-search-submit" type="submit">
            <svg className="header-search-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false" width="27" height="27">
              <path d="M19.71 18.29l-4.11-4.1a7 7 0 1 0-1.41 1.41l4.1 4.11a1 1 0 0 0 1.42 0 1 1 0 0 0 0-1.42zM5 10a5 5 0 1 1 5 5 5 5 0 0 1-5-5z" />
            </svg>
            <span className="visually-hidden">Search</span>
          </button>
        </div>
      </form>
      {/* Outside the list, which is hidden while closed: a live region must stay in the page to be announced. */}
      <p className="visually-hidden" id={`${id}-status`} role="status" aria-live="polite">
        {shown.kind === 'found'
          ? shown.found.total === 0
            ? `No patient found with ${shown.found.searchedFor}.`
            : `${formatCount(shown.found.total)} patient${shown.found.total === 1 ? '' : 's'} found. Use the down arrow to choose one, or Enter to open the first.`
          : shown.kind === 'problem'
            ? shown.text
            : ''}
      </p>
      <div className="header-search-results" hidden={!expanded}>
        {shown.kind === 'searching' && <p className="header-search-note">Searching…</p>}
        {shown.kind === 'problem' && <p className="header-search-note">{shown.text}</p>}
        {shown.kind === 'found' && shown.found.total === 0 && <p className="header-search-note">No patient with {shown.found.searchedFor}.</p>}
        <ul id={listId} role="listbox" aria-label="Patients found" className="header-search-list">
          {patients.map((patient, index) => (
            <li
              key={patient.nhsNumber}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'header-search-option active' : 'header-search-option'}
              // A click chooses before the input's blur closes the list.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(patient)}
            >
              <span className="header-search-name">{patient.name}</span>
              {patient.noLongerRegistered && <span className="header-search-flag"> — {patient.registrationStatus}</span>}
              <span className="header-search-detail">{patientLine(patient)}</span>
            </li>
          ))}
        </ul>
        {shown.kind === 'found' && shown.found.more && (
          <p className="header-search-note">
            Showing {patients.length} of {formatCount(shown.found.total)} with {shown.found.searchedFor}: type more to narrow the search.
          </p>
        )}
      </div>
    </div>
  )
}
