import { useState } from 'react'
import type { OperationOutput } from '../../../../shared/contract'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { FormField } from '../../components/form-field'
import { useAsyncAction } from '../../components/use-async-action'
import { saveBase64File } from '../../files/download-document'
import { readFileAsBase64 } from '../../files/read-file-base64'
import { formatUkDateTime } from '../../format/uk-date'

type WordTemplate = OperationOutput<'templates.list'>['wordTemplate']

/** The practice's own Word letter (letterhead, signature) that every batch's DOCX is filled into. */
export function WordTemplateCard({ word, onChanged }: { word: WordTemplate; onChanged: () => void }) {
  const [file, setFile] = useState<File | null>(null)
  const upload = useAsyncAction()
  const remove = useAsyncAction()
  const download = useAsyncAction()
  return (
    <Card title="Practice Word template">
      <p>
        Upload your practice&apos;s letter as a Word <code>.docx</code> file with merge fields in braces where the patient&apos;s details go, for example{' '}
        <code>{'{addressBlock}'}</code>, <code>{'{greeting}'}</code>, <code>{'{nhsNumber}'}</code> and <code>{'{letterBody}'}</code> (the wording of the
        template chosen for the batch). Your letterhead and signature stay as they are.
      </p>
      {word ? (
        <p className="alert alert-info" role="status">
          In use: <strong>{word.fileName}</strong>, uploaded by {word.uploadedBy} on {formatUkDateTime(word.uploadedAt)} — fields:{' '}
          {word.fields.map((f) => `{${f}}`).join(' ')}
        </p>
      ) : (
        <p className="muted">No Word template uploaded: the Word letters use the plain built-in layout.</p>
      )}
      <FormField
        id="word-template-file"
        label="Word template (.docx)"
        control={(control) => (
          <input
            {...control}
            type="file"
            accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        )}
      />
      <div className="button-row">
        <BusyButton
          busy={upload.busy}
          busyLabel="Checking…"
          disabled={!file}
          onClick={() =>
            void upload.run(async () => {
              if (!file) return
              await api['templates.uploadWord']({ name: file.name, contentBase64: await readFileAsBase64(file) })
              onChanged()
            })
          }
        >
          Upload Word template
        </BusyButton>
        {word && (
          <BusyButton
            variant="secondary"
            busy={remove.busy}
            busyLabel="Removing…"
            onClick={() =>
              void remove.run(async () => {
                await api['templates.removeWord']({})
                onChanged()
              })
            }
          >
            Stop using it
          </BusyButton>
        )}
        <BusyButton
          variant="secondary"
          busy={download.busy}
          busyLabel="Preparing…"
          onClick={() =>
            void download.run(async () => {
              const f = await api['templates.builtInWord']({})
              saveBase64File(f)
            })
          }
        >
          Download the built-in layout to start from
        </BusyButton>
      </div>
      <ErrorAlert message={upload.error} title="Word template not uploaded" />
      <ErrorAlert message={remove.error ?? download.error} />
    </Card>
  )
}
