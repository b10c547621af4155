import { useEffect, useMemo, useState } from 'react'
import type { OperationOutput, PracticeSettingsT } from '../../../../shared/contract'
import { buildInvitationLetter, type InvitationLetter } from '../../../../shared/domain/letter-content'
import { fillMergeFields, isTemplateKey, templateProblems } from '../../../../shared/domain/letter-templates'
import { smsLength } from '../../../../shared/domain/sms-message'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { FormField } from '../../components/form-field'
import { useAsyncAction } from '../../components/use-async-action'
import { formatUkDateTime, todayIso } from '../../format/uk-date'

type TemplateList = OperationOutput<'templates.list'>

// A made-up patient for the preview: never a real record.
const samplePatient = {
  nhsNumber: '9434765919',
  title: 'Mrs',
  givenName: 'Jane',
  familyName: 'Sample',
  addressLines: ['12 Example Road', 'London'],
  postcode: 'SW9 7AB',
  dateOfBirth: '1956-05-03'
}

export function TemplateEditor({ list, practice, onSaved }: { list: TemplateList; practice: PracticeSettingsT; onSaved: () => void }) {
  const [key, setKey] = useState(list.templates[0]?.key ?? 'hypertension-review')
  const current = list.templates.find((t) => t.key === key) ?? list.templates[0]
  const [title, setTitle] = useState(current?.title ?? '')
  const [body, setBody] = useState(current?.body ?? '')
  const [smsText, setSmsText] = useState(current?.smsText ?? '')
  const [saved, setSaved] = useState<string | null>(null)
  const save = useAsyncAction()

  useEffect(() => {
    setTitle(current?.title ?? '')
    setBody(current?.body ?? '')
    setSmsText(current?.smsText ?? '')
  }, [current])

  const problems = templateProblems({ title, body, smsText })
  const preview: InvitationLetter | null = useMemo(() => {
    if (!current || !isTemplateKey(current.key)) return null
    return buildInvitationLetter({
      practice,
      patient: samplePatient,
      attempt: current.key === 'second-invitation' ? 2 : 1,
      date: todayIso(),
      template: { key: current.key, name: current.name, version: current.version, title, body, smsText }
    })
  }, [current, practice, title, body, smsText])
  const sms = fillMergeFields(smsText, { practiceName: practice.practiceName.trim(), practicePhone: practice.phone.trim() })
  const length = smsLength(sms)
  const changed = !!current && (title !== current.title || body !== current.body || smsText !== current.smsText)

  const submit = () =>
    void save.run(async () => {
      setSaved(null)
      const result = await api['templates.save']({ key, title, body, smsText })
      setSaved(`Saved as version ${result.version}. New invitations use it; letters already sent keep their own version.`)
      onSaved()
    })

  return (
    <Card title="Letter templates">
      <div className="form-row">
        <FormField
          id="template-key"
          label="Template"
          hint={current && (current.builtIn ? 'Built-in wording.' : `Edited by ${current.savedBy ?? 'unknown'} on ${formatUkDateTime(current.savedAt)}.`)}
          control={(control) => (
            <select {...control} value={key} onChange={(event) => setKey(event.target.value)}>
              {list.templates.map((t) => (
                <option key={t.key} value={t.key}>
                  {t.name} (version {t.version})
                </option>
              ))}
            </select>
          )}
        />
      </div>
      <div className="template-editor">
        <div>
          <FormField
            id="template-title"
            label="Title"
            control={(control) => <input {...control} type="text" value={title} onChange={(event) => setTitle(event.target.value)} />}
          />
          <FormField
            id="template-body"
            label="Letter text"
            hint={
              <>
                Blank line = new paragraph. “## Heading” starts a section; “!! Heading” starts the boxed call to action (one per letter). Merge fields in
                braces, e.g. {'{firstName}'}.
              </>
            }
            control={(control) => <textarea {...control} rows={18} value={body} onChange={(event) => setBody(event.target.value)} />}
          />
          <FormField
            id="template-sms"
            label="SMS text"
            control={(control) => <textarea {...control} rows={3} value={smsText} onChange={(event) => setSmsText(event.target.value)} />}
          >
            {/* Named "SMS text length" for screen readers: the live count stays its own paragraph, not the field's hint. */}
            <p className={length.length > length.limit ? 'hint text-error' : 'hint'} aria-label="SMS text length">
              {length.length} of {length.limit} characters with your practice name and phone.
              {length.nonGsm.length > 0 && ` Characters outside the SMS alphabet: ${length.nonGsm.join(' ')}.`}
            </p>
          </FormField>
          {problems.length > 0 && (
            <div className="alert alert-warning" role="alert">
              <p className="alert-title">Fix before saving</p>
              <ul>
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          )}
          <BusyButton busy={save.busy} busyLabel="Saving…" onClick={submit} disabled={problems.length > 0 || !changed}>
            Save as a new version
          </BusyButton>
          <ErrorAlert message={save.error} title="Template not saved" />
          {saved && (
            <p className="alert alert-success" role="status">
              {saved}
            </p>
          )}
          <details className="merge-fields">
            <summary>Merge fields</summary>
            <dl>
              {list.fields.map((f) => (
                <div key={f.name}>
                  <dt>
                    <code>{`{${f.name}}`}</code>
                  </dt>
                  <dd>
                    {f.description}
                    {f.personal ? ' (letters only, never SMS)' : ''}
                  </dd>
                </div>
              ))}
            </dl>
          </details>
        </div>
        <LetterPreview letter={preview} />
      </div>
    </Card>
  )
}

function LetterPreview({ letter }: { letter: InvitationLetter | null }) {
  if (!letter) return null
  return (
    <article className="letter-preview" aria-label="Letter preview">
      <p className="muted">Preview with a sample patient</p>
      <div className="letter-preview-header">
        <strong>{letter.practiceHeader.name}</strong>
        {letter.practiceHeader.lines.map((l) => (
          <div key={l}>{l}</div>
        ))}
      </div>
      <div className="letter-preview-address">
        {letter.recipientAddress.map((l) => (
          <div key={l}>{l}</div>
        ))}
      </div>
      <div className="letter-preview-meta">
        <div>{letter.dateText}</div>
        <strong>{letter.nhsNumberLine}</strong>
      </div>
      <h3 className="letter-preview-title">{letter.title}</h3>
      <p>{letter.greeting}</p>
      {letter.sections.map((s, i) => (
        <section key={i} className={s.emphasis ? 'letter-preview-box' : undefined}>
          {s.heading && <h4>{s.heading}</h4>}
          {s.paragraphs.map((p, j) => (
            <p key={j}>{p}</p>
          ))}
        </section>
      ))}
      <p>{letter.signOff.closing}</p>
      <p>
        <strong>{letter.signOff.signatory}</strong>
        <br />
        {letter.signOff.practiceName}
      </p>
    </article>
  )
}
