// One patient's contact preferences, to change and save: SMS refusal, large print, "no contact
// permitted", the preferred channel and an interpreter need. Used by the Invitations screen's card
// (after looking the patient up by NHS number) and by the patient's page.
import { useState } from 'react'
import type { OperationOutput } from '../../../../shared/contract'
import { interpreterLanguageProblem } from '../../../../shared/domain/contact-channel'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { ErrorAlert } from '../../components/error-alert'
import { FormField } from '../../components/form-field'
import { useAsyncAction } from '../../components/use-async-action'
import { formatNhsNumber } from '../../format/nhs-number'

export type Contact = OperationOutput<'contacts.get'>

/** What the practice's export says about language, shown beside the app's own record. */
function exportLanguageText(contact: Contact): string {
  const language = contact.exportMainLanguage ? `main language ${contact.exportMainLanguage}` : 'no main language'
  const interpreter =
    contact.exportInterpreterRequired === null ? 'interpreter not recorded' : contact.exportInterpreterRequired ? 'interpreter needed' : 'no interpreter needed'
  return `${language}, ${interpreter}`
}

interface Props {
  /** The preferences as recorded; the form starts from them. */
  contact: Contact
  /** Told the preferences as saved. */
  onSaved?: (saved: Contact) => void
  /** Shows the patient's name, NHS number and phone numbers above the choices (the patient page has them already). */
  showPatient?: boolean
}

export function ContactPreferencesForm({ contact: recorded, onSaved, showPatient = true }: Props) {
  const [contact, setContact] = useState<Contact>(recorded)
  // Typed separately from `contact`: empty means "no record here", which saves as null.
  const [interpreter, setInterpreter] = useState(recorded.interpreterLanguage ?? '')
  const [saved, setSaved] = useState(false)
  const save = useAsyncAction()
  const show = (next: Contact) => {
    setContact(next)
    setInterpreter(next.interpreterLanguage ?? '')
  }

  return (
    <div className="subform">
      {showPatient && (
        <p>
          <strong>{contact.name}</strong> ({formatNhsNumber(contact.nhsNumber)}) — mobile {contact.mobile ?? 'none'}, home phone {contact.homePhone ?? 'none'}
          {contact.mainLanguage ? `, main language ${contact.mainLanguage}` : ''}
          {contact.interpreterRequired ? `, interpreter needed${contact.mainLanguage ? ` (${contact.mainLanguage})` : ''}` : ''}
          {contact.languageSource === 'app' ? ' (recorded here)' : ''}
        </p>
      )}
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
      <FormField
        id="contact-channel"
        label="Preferred way to be invited"
        control={(control) => (
          <select
            {...control}
            value={contact.preferredChannel}
            onChange={(event) => setContact({ ...contact, preferredChannel: event.target.value as Contact['preferredChannel'] })}
          >
            <option value="any">SMS if possible, else letter</option>
            <option value="letter">Letter</option>
            <option value="phone">Phone call</option>
          </select>
        )}
      />
      <div className="form-row">
        <FormField
          id="contact-interpreter"
          label="Interpreter needed — language"
          width="wide"
          describedBy="contact-interpreter-export"
          control={(control) => (
            <input {...control} type="text" placeholder="e.g. Polish" value={interpreter} onChange={(event) => setInterpreter(event.target.value)} />
          )}
        />
        <div className="field">
          <button type="button" className="nhsuk-button nhsuk-button--secondary" disabled={interpreter === ''} onClick={() => setInterpreter('')}>
            Remove interpreter
          </button>
        </div>
      </div>
      <p className="hint" id="contact-interpreter-export">
        The export says: {exportLanguageText(contact)}.{' '}
        {contact.interpreterLanguage === null
          ? 'Leave empty to go by the export.'
          : interpreter.trim() === ''
            ? 'Save preferences to remove the language recorded here; the export then applies again.'
            : 'The language recorded here is used instead until it is removed; a new import does not change it.'}
      </p>
      <BusyButton
        busy={save.busy}
        busyLabel="Saving…"
        onClick={() =>
          void save.run(async () => {
            setSaved(false)
            const language = interpreter.trim()
            // Checked here too so the reason shows before anything is sent; main checks it again.
            const problem = language === '' ? null : interpreterLanguageProblem(language)
            if (problem !== null) throw new Error(`Interpreter language: ${problem}`)
            const next = await api['contacts.setPreferences']({
              nhsNumber: contact.nhsNumber,
              smsDeclined: contact.smsDeclined,
              largePrint: contact.largePrint,
              preferredChannel: contact.preferredChannel,
              noContact: contact.noContact,
              interpreterLanguage: language === '' ? null : language
            })
            show(next)
            setSaved(true)
            onSaved?.(next)
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
  )
}
