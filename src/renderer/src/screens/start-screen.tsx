import { useState, type FormEvent } from 'react'
import type { UserT } from '../../../shared/contract'
import { BusyButton } from '../components/busy-button'
import { ErrorAlert } from '../components/error-alert'
import { FormField } from '../components/form-field'
import { useAsyncAction } from '../components/use-async-action'
import { useLoad } from '../components/use-load'
import { api } from '../api/client'
import { useSessionStore } from '../stores/session-store'
import { roleLabels } from '../../../shared/format/activity-actions'

const roles: { value: UserT['role']; label: string; hint: string }[] = [
  { value: 'clinician', label: roleLabels.clinician, hint: 'pharmacist, nurse or GP: reviews cohorts, runs clinics' },
  { value: 'admin', label: roleLabels.admin, hint: 'imports exports, sends invitations, books patients' },
  { value: 'manager', label: roleLabels.manager, hint: 'uptake and outcomes, audit workbook' }
]

export function StartScreen() {
  const signIn = useSessionStore((state) => state.signIn)
  const [name, setName] = useState('')
  const [role, setRole] = useState<UserT['role']>('clinician')
  const { run, busy, error, setError } = useAsyncAction()
  // Names already in the activity log, offered as suggestions so staff pick the same spelling each
  // time. Only the names: the log itself names patients, so it waits until someone has signed in.
  const known = useLoad(() => api['session.knownUsers']({}), [])
  const knownNames = known.data?.names ?? []

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!name.trim()) {
      setError('Enter your name: it is recorded in the activity log against everything you do.')
      return
    }
    void run(() => signIn({ name: name.trim(), role }))
  }

  return (
    <div className="start">
      <h1>Who is using Clinic Recall?</h1>
      <p className="lead">Pick your name and role. Everything you import, build, send or export is logged under it.</p>
      <form className="card form" onSubmit={submit} noValidate>
        <ErrorAlert message={error} />
        <FormField
          id="start-name"
          label="Your name"
          control={(control) => (
            <input
              {...control}
              type="text"
              autoComplete="name"
              value={name}
              maxLength={80}
              list="known-users"
              onChange={(event) => setName(event.target.value)}
            />
          )}
        >
          <datalist id="known-users">
            {knownNames.map((known) => (
              <option key={known} value={known} />
            ))}
          </datalist>
        </FormField>
        <fieldset className="field">
          <legend>Your role</legend>
          {roles.map((option) => (
            <div className="radio" key={option.value}>
              <input
                type="radio"
                id={`role-${option.value}`}
                name="role"
                value={option.value}
                checked={role === option.value}
                onChange={() => setRole(option.value)}
              />
              <label htmlFor={`role-${option.value}`}>
                {option.label} <span className="hint">— {option.hint}</span>
              </label>
            </div>
          ))}
        </fieldset>
        <BusyButton type="submit" busy={busy} busyLabel="Signing in…">
          Sign in
        </BusyButton>
      </form>
    </div>
  )
}
