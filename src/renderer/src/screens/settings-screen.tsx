import { useEffect, useState, type FormEvent } from 'react'
import type { PracticeSettingsT } from '../../../shared/contract'
import { api } from '../api/client'
import { BusyButton } from '../components/busy-button'
import { Card } from '../components/card'
import { ErrorAlert } from '../components/error-alert'
import { FormField } from '../components/form-field'
import { useAsyncAction } from '../components/use-async-action'
import { useLoad } from '../components/use-load'
import { FollowUpIntervalsCard } from './clinics/follow-up-intervals-card'
import { CodeLibrarySection } from './settings/code-library-section'
import { BackupsSection } from './settings/backups-section'
import { LocalServicesCard } from './settings/local-services-card'
import { isPlaceholderPractice } from '../../../shared/domain/practice-settings'

type TextField = Exclude<keyof PracticeSettingsT, 'addressLines'>

const fields: { key: TextField; label: string; multiline?: boolean; hint?: string }[] = [
  { key: 'practiceName', label: 'Practice name' },
  { key: 'phone', label: 'Phone' },
  { key: 'email', label: 'Email' },
  { key: 'website', label: 'Website' },
  { key: 'clinicLocation', label: 'Clinic location', hint: 'Printed in letters as where the clinic is held.' },
  { key: 'signatory', label: 'Letters signed by' },
  {
    key: 'bookingInstructions',
    label: 'How to book',
    multiline: true,
    hint: 'One or two plain-English sentences printed in every invitation letter.'
  }
]

export function SettingsScreen() {
  const loaded = useLoad(() => api['settings.get']({}), [])
  const [settings, setSettings] = useState<PracticeSettingsT | null>(null)
  const [address, setAddress] = useState('')
  const [saved, setSaved] = useState(false)
  const save = useAsyncAction()

  useEffect(() => {
    if (loaded.data) {
      setSettings(loaded.data)
      setAddress(loaded.data.addressLines.join('\n'))
    }
  }, [loaded.data])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!settings) return
    setSaved(false)
    void save.run(async () => {
      const addressLines = address
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.length > 0)
      if (addressLines.length > 6) throw new Error('Practice address: use at most 6 lines.')
      const updated = await api['settings.update']({ ...settings, addressLines })
      setSettings(updated)
      setAddress(updated.addressLines.join('\n'))
      setSaved(true)
    })
  }

  return (
    <div className="screen">
      <h1>Settings</h1>
      <Card title="Practice details">
        <ErrorAlert message={loaded.error} />
        {!settings && !loaded.error && <p className="muted">Loading…</p>}
        {settings && isPlaceholderPractice(settings) && (
          <p className="alert alert-warning" role="note">
            Some details still say “set in Settings”: letters would print those words. Replace them with the practice’s own details before creating invitation
            letters.
          </p>
        )}
        {settings && (
          <form className="form" onSubmit={submit} noValidate>
            {fields.slice(0, 1).map((field) => (
              <SettingField key={field.key} field={field} settings={settings} onChange={setSettings} />
            ))}
            <FormField
              id="settings-address"
              label="Practice address (one line per row)"
              control={(control) => <textarea {...control} rows={4} value={address} onChange={(event) => setAddress(event.target.value)} />}
            />
            {fields.slice(1).map((field) => (
              <SettingField key={field.key} field={field} settings={settings} onChange={setSettings} />
            ))}
            <BusyButton type="submit" busy={save.busy} busyLabel="Saving…">
              Save settings
            </BusyButton>
            <ErrorAlert message={save.error} title="Settings were not saved" />
            {saved && (
              <p className="alert alert-success" role="status">
                Settings saved.
              </p>
            )}
          </form>
        )}
      </Card>
      {/* The same setting as on the Clinics screen: practices look for it in both places. */}
      <FollowUpIntervalsCard />
      <LocalServicesCard />
      <CodeLibrarySection />
      <BackupsSection />
    </div>
  )
}

function SettingField({
  field,
  settings,
  onChange
}: {
  field: (typeof fields)[number]
  settings: PracticeSettingsT
  onChange: (settings: PracticeSettingsT) => void
}) {
  const id = `settings-${field.key}`
  const value = settings[field.key]
  const update = (next: string) => onChange({ ...settings, [field.key]: next })
  return (
    <FormField
      id={id}
      label={field.label}
      hint={field.hint}
      control={(control) =>
        field.multiline ? (
          <textarea {...control} rows={3} value={value} onChange={(event) => update(event.target.value)} />
        ) : (
          <input {...control} type="text" value={value} onChange={(event) => update(event.target.value)} />
        )
      }
    />
  )
}
