import { downloadDocument } from '../files/download-document'
import { useAsyncAction } from './use-async-action'
import { ErrorAlert } from './error-alert'

/** A link that saves a generated document (letters PDF, SMS CSV, workbook) through a Blob download. */
export function DocumentLink({ fileId, label }: { fileId: number; label: string }) {
  const { run, busy, error } = useAsyncAction()
  return (
    <span className="document-link">
      <a
        href="#download"
        aria-disabled={busy}
        onClick={(event) => {
          event.preventDefault()
          void run(() => downloadDocument(fileId))
        }}
      >
        {label}
      </a>
      {busy && <span className="muted"> Preparing download…</span>}
      <ErrorAlert message={error} title="Download failed" />
    </span>
  )
}
