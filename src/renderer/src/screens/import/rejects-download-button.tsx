import { BusyButton } from '../../components/busy-button'
import { ErrorAlert } from '../../components/error-alert'
import { useAsyncAction } from '../../components/use-async-action'
import { downloadRejectsCsv } from './download-rejects'

/** "Download rejected rows (CSV)": file, row, column, value and reason, for the practice to fix at source. */
export function RejectsDownloadButton({ which, small = false }: { which: { importId: number } | { previewId: string }; small?: boolean }) {
  const action = useAsyncAction()
  return (
    <>
      <BusyButton
        variant="secondary"
        className={small ? 'button-small' : undefined}
        busy={action.busy}
        busyLabel="Preparing…"
        onClick={() => void action.run(() => downloadRejectsCsv(which))}
      >
        {small ? 'CSV' : 'Download rejected rows (CSV)'}
      </BusyButton>
      <ErrorAlert message={action.error} title="The rejects file could not be made" />
    </>
  )
}
