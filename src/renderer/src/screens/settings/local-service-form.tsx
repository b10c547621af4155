// Adding or editing one local service. The phone and web checks are the shared ones main applies,
// run here first so a mistake is shown beside its field; whatever main still refuses is shown
// above the buttons. Editing a shipped example offers "details checked", which takes off its
// example mark (and the notice at the start of what it offers).
import { useState, type FormEvent } from 'react'
import type { OperationInput, OperationOutput } from '../../../../shared/contract'
import {
  localServiceCategories,
  localServiceCategoryLabels,
  serviceContactProblem,
  servicePhoneProblem,
  serviceWebProblem,
  type LocalServiceCategory
} from '../../../../shared/domain/local-services'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { ErrorAlert } from '../../components/error-alert'
import { ErrorSummary } from '../../components/error-summary'
import { FormField } from '../../components/form-field'
import { useAsyncAction } from '../../components/use-async-action'

type Service = OperationOutput<'services.list'>['services'][number]

interface Draft {
  name: string
  category: LocalServiceCategory
  offers: string
  selfReferral: boolean
  practiceReferral: boolean
  phone: string
  web: string
  address: string
  openingTimes: string
  checked: boolean
}

const emptyDraft: Draft = {
  name: '',
  category: 'social-prescribing',
  offers: '',
  selfReferral: false,
  practiceReferral: true,
  phone: '',
  web: '',
  address: '',
  openingTimes: '',
  checked: false
}

function draftOf(service: Service | null): Draft {
  if (!service) return emptyDraft
  return {
    name: service.name,
    category: service.category,
    offers: service.offers,
    selfReferral: service.selfReferral,
    practiceReferral: service.practiceReferral,
    phone: service.phone ?? '',
    web: service.web ?? '',
    address: service.address ?? '',
    openingTimes: service.openingTimes ?? '',
    checked: false
  }
}

type Field = 'name' | 'phone' | 'web' | 'routes'
type FieldErrors = Partial<Record<Field, string>>
/** The order the fields come on the form, which the error summary keeps. */
const fieldOrder: readonly Field[] = ['name', 'routes', 'phone', 'web']

function problemsOf(draft: Draft): FieldErrors {
  const errors: FieldErrors = {}
  if (draft.name.trim() === '') errors.name = 'Give the service a name.'
  const phone = draft.phone.trim() === '' ? null : servicePhoneProblem(draft.phone)
  if (phone) errors.phone = phone
  const web = draft.web.trim() === '' ? null : serviceWebProblem(draft.web)
  if (web) errors.web = web
  if (!draft.selfReferral && !draft.practiceReferral) errors.routes = 'Say who may refer: the patient themselves, the practice, or both.'
  return errors
}

interface Props {
  /** The service being edited, or null to add one. */
  service: Service | null
  idPrefix: string
  onSaved: (service: Service) => void
  onCancel: () => void
}

export function LocalServiceForm({ service, idPrefix, onSaved, onCancel }: Props) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(service))
  const [errors, setErrors] = useState<FieldErrors>({})
  // Counts the presses of Save: each one with problems brings the error summary into view with focus.
  const [attempts, setAttempts] = useState(0)
  const save = useAsyncAction()
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }))
  const id = (field: string) => `${idPrefix}-${field}`
  const noContact = serviceContactProblem({ name: draft.name || 'This service', phone: draft.phone, web: draft.web, address: draft.address })

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const found = problemsOf(draft)
    setErrors(found)
    setAttempts((count) => count + 1)
    if (Object.keys(found).length > 0) return
    const input: OperationInput<'services.save'> = {
      ...(service ? { serviceId: service.serviceId } : {}),
      name: draft.name,
      category: draft.category,
      offers: draft.offers,
      selfReferral: draft.selfReferral,
      practiceReferral: draft.practiceReferral,
      phone: draft.phone,
      web: draft.web,
      address: draft.address,
      openingTimes: draft.openingTimes,
      ...(service?.isExample && draft.checked ? { checked: true } : {})
    }
    void save.run(async () => onSaved(await api['services.save'](input)))
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={service ? `Edit ${service.name}` : 'Add a local service'}>
      <ErrorSummary
        title="The service was not saved"
        problems={fieldOrder.flatMap((field) => (errors[field] ? [{ message: errors[field], fieldId: id(field === 'routes' ? 'self' : field) }] : []))}
        focusOn={attempts}
      />
      <div className="form-row">
        <FormField
          id={id('name')}
          label="Name"
          width="wide"
          error={errors.name}
          control={(control) => <input {...control} type="text" maxLength={120} value={draft.name} onChange={(event) => set('name', event.target.value)} />}
        />
        <FormField
          id={id('category')}
          label="Kind of service"
          control={(control) => (
            <select {...control} value={draft.category} onChange={(event) => set('category', event.target.value as LocalServiceCategory)}>
              {localServiceCategories.map((c) => (
                <option key={c} value={c}>
                  {localServiceCategoryLabels[c]}
                </option>
              ))}
            </select>
          )}
        />
      </div>
      <FormField
        id={id('offers')}
        label="What it offers"
        hint="In the words you would read to the patient."
        control={(control) => <textarea {...control} rows={3} maxLength={1000} value={draft.offers} onChange={(event) => set('offers', event.target.value)} />}
      />
      <fieldset>
        <legend>Who may refer</legend>
        <div className="checkbox">
          <input id={id('self')} type="checkbox" checked={draft.selfReferral} onChange={(event) => set('selfReferral', event.target.checked)} />
          <label htmlFor={id('self')}>The patient can refer themselves</label>
        </div>
        <div className="checkbox">
          <input id={id('practice')} type="checkbox" checked={draft.practiceReferral} onChange={(event) => set('practiceReferral', event.target.checked)} />
          <label htmlFor={id('practice')}>The practice can send a referral</label>
        </div>
        {errors.routes && (
          <p className="nhsuk-error-message" role="alert">
            <span className="visually-hidden">Error: </span>
            {errors.routes}
          </p>
        )}
      </fieldset>
      <div className="form-row">
        <FormField
          id={id('phone')}
          label="Phone"
          error={errors.phone}
          control={(control) => (
            <input
              {...control}
              type="text"
              inputMode="tel"
              autoComplete="off"
              maxLength={40}
              value={draft.phone}
              onChange={(event) => set('phone', event.target.value)}
            />
          )}
        />
        <FormField
          id={id('web')}
          label="Web address"
          width="wide"
          hint="In full, starting https://"
          error={errors.web}
          control={(control) => (
            <input
              {...control}
              type="text"
              inputMode="url"
              autoComplete="off"
              maxLength={300}
              value={draft.web}
              onChange={(event) => set('web', event.target.value)}
            />
          )}
        />
      </div>
      <div className="form-row">
        <FormField
          id={id('address')}
          label="Address"
          width="wide"
          control={(control) => (
            <textarea {...control} rows={2} maxLength={300} value={draft.address} onChange={(event) => set('address', event.target.value)} />
          )}
        />
        <FormField
          id={id('opening')}
          label="Opening times"
          width="wide"
          control={(control) => (
            <input {...control} type="text" maxLength={300} value={draft.openingTimes} onChange={(event) => set('openingTimes', event.target.value)} />
          )}
        />
      </div>
      {noContact && (
        <p className="alert alert-warning" role="note">
          {noContact}
        </p>
      )}
      {service?.isExample && (
        <div className="checkbox">
          <input id={id('checked')} type="checkbox" checked={draft.checked} onChange={(event) => set('checked', event.target.checked)} />
          <label htmlFor={id('checked')}>I have checked these details with the service: it is no longer an example</label>
        </div>
      )}
      <ErrorAlert message={save.error} title="The service was not saved" />
      <div className="button-row">
        <BusyButton type="submit" busy={save.busy} busyLabel="Saving…">
          {service ? 'Save changes' : 'Add service'}
        </BusyButton>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
