import { useState, type FormEvent } from 'react'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { FormField } from '../../components/form-field'
import { useAsyncAction } from '../../components/use-async-action'
import { ContactPreferencesForm, type Contact } from './contact-preferences-form'

/**
 * SMS refusal, large print, preferred channel and "no contact permitted": recorded here because exports
 * do not carry them. Also an interpreter need staff learnt of, which wins over the export's while set.
 */
export function ContactPreferencesCard() {
  const [nhs, setNhs] = useState('')
  const [contact, setContact] = useState<Contact | null>(null)
  const [lookUps, setLookUps] = useState(0)
  const find = useAsyncAction()

  const lookUp = (event: FormEvent) => {
    event.preventDefault()
    void find.run(async () => {
      setContact(null)
      setContact(await api['contacts.get']({ nhsNumber: nhs }))
      setLookUps((count) => count + 1)
    })
  }

  return (
    <Card title="Contact preferences">
      <p>
        Record what the clinical system does not export: a patient who declined SMS, needs large print, prefers a letter or a phone call, or must not be
        contacted at all — and an interpreter need, which is used instead of the export&apos;s while recorded here.
      </p>
      <form className="form-row" onSubmit={lookUp} noValidate>
        <FormField
          id="contact-nhs"
          label="NHS number"
          control={(control) => <input {...control} type="text" inputMode="numeric" value={nhs} onChange={(event) => setNhs(event.target.value)} />}
        />
        <div className="field">
          <BusyButton type="submit" variant="secondary" busy={find.busy} busyLabel="Finding…">
            Find patient
          </BusyButton>
        </div>
      </form>
      <ErrorAlert message={find.error} title="Patient not found" />
      {/* Keyed by look-up: each one starts the form again from what is recorded. */}
      {contact && <ContactPreferencesForm key={lookUps} contact={contact} />}
    </Card>
  )
}
