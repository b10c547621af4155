import { useState, type FormEvent } from 'react'
import type { OperationOutput } from '../../../../shared/contract'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { useAsyncAction } from '../../components/use-async-action'
import { formatNhsNumber } from '../../format/nhs-number'

type Contact = OperationOutput<'contacts.get'>

/** SMS refusal, large print, preferred channel and "no contact permitted": recorded here because exports do not carry them. */
export function ContactPreferencesCard() {
  const [nhs, setNhs] = useState('')
  const [contact, setContact] = useState<Contact | null>(null)
  const [saved, setSaved] = useState(false)
  const find = useAsyncAction()
  const save = useAsyncAction()

  const lookUp = (event: FormEvent) => {
    event.preventDefault()
    setSaved(false)
    void find.run(async () => {
      setContact(null)
      setContact(await api['contacts.get']({ nhsNumber: nhs }))
    })
  }

  return (
    <Card title="Contact preferences">
      <p>
        Record what the clinical system does not export: a patient who declined SMS, needs large print, prefers a letter or a phone
        call, or must not be contacted at all.
      </p>
      <form className="form-row" onSubmit={lookUp} noValidate>
        <div className="field">
          <label htmlFor="contact-nhs">NHS number</label>
          <input id="contact-nhs" type="text" inputMode="numeric" value={nhs} onChange={(event) => setNhs(event.target.value)} />
        </div>
        <div className="field">
          <BusyButton type="submit" variant="secondary" busy={find.busy} busyLabel="Finding…">
            Find patient
          </BusyButton>
        </div>
      </form>
      <ErrorAlert message={find.error} title="Patient not found" />
      {contact && (
        <div className="subform">
          <p>
            <strong>{contact.name}</strong> ({formatNhsNumber(contact.nhsNumber)}) — mobile {contact.mobile ?? 'none'}, home phone{' '}
            {contact.homePhone ?? 'none'}
            {contact.mainLanguage ? `, main language ${contact.mainLanguage}` : ''}
            {contact.interpreterRequired ? ', interpreter needed' : ''}
          </p>
          <div className="checkbox">
            <input
              id="contact-sms-declined"
              type="checkbox"
              checked={contact.smsDeclined}
              onChange={(event) => setContact({ ...contact, smsDeclined: event.target.checked })}
            />
            <label htmlFor="contact-sms-declined">Declined SMS</label>
          </div>
          <div className="checkbox">
            <input
              id="contact-large-print"
              type="checkbox"
              checked={contact.largePrint}
              onChange={(event) => setContact({ ...contact, largePrint: event.target.checked })}
            />
            <label htmlFor="contact-large-print">Needs large print</label>
          </div>
          <div className="checkbox">
            <input
              id="contact-no-contact"
              type="checkbox"
              checked={contact.noContact}
              onChange={(event) => setContact({ ...contact, noContact: event.target.checked })}
            />
            <label htmlFor="contact-no-contact">No contact permitted (never invited; left out of every cohort)</label>
          </div>
          <div className="field">
            <label htmlFor="contact-channel">Preferred way to be invited</label>
            <select
              id="contact-channel"
              value={contact.preferredChannel}
              onChange={(event) => setContact({ ...contact, preferredChannel: event.target.value as Contact['preferredChannel'] })}
            >
              <option value="any">SMS if possible, else letter</option>
              <option value="letter">Letter</option>
              <option value="phone">Phone call</option>
            </select>
          </div>
          <BusyButton
            busy={save.busy}
            busyLabel="Saving…"
            onClick={() =>
              void save.run(async () => {
                setSaved(false)
                setContact(
                  await api['contacts.setPreferences']({
                    nhsNumber: contact.nhsNumber,
                    smsDeclined: contact.smsDeclined,
                    largePrint: contact.largePrint,
                    preferredChannel: contact.preferredChannel,
                    noContact: contact.noContact
                  })
                )
                setSaved(true)
              })
            }
          >
            Save preferences
          </BusyButton>
          <ErrorAlert message={save.error} title="Preferences not saved" />
          {saved && (
            <p className="alert alert-success" role="status">
              {contact.noContact
                ? 'Saved: no contact permitted. The patient is left out of the next cohort build and of any invitation batch.'
                : 'Preferences saved: the next invitation batch uses them.'}
            </p>
          )}
        </div>
      )}
    </Card>
  )
}
