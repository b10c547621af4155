import { useRef, useState } from 'react'
import type { BackupEntryT } from '../../../../shared/contract'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { Card } from '../../components/card'
import { DataTable } from '../../components/data-table'
import { ErrorAlert } from '../../components/error-alert'
import { useAsyncAction } from '../../components/use-async-action'
import { useLoad } from '../../components/use-load'
import { formatMegabytes } from '../../format/file-size'
import { formatUkDateTime } from '../../format/uk-date'

const kindLabels: Record<BackupEntryT['kind'], string> = {
  'before-import': 'Before an import',
  daily: 'Daily',
  manual: 'Backed up by hand',
  'before-restore': 'Before a restore'
}

/**
 * Settings › Backups: every backup main has checked and kept, newest first, with "Back up now" and
 * "Restore…". A restore names the backup by the name the list gave (main finds the file itself)
 * and, once done, the whole page reloads so no screen keeps showing the replaced data.
 */
export function BackupsSection() {
  const list = useLoad(() => api['backups.list']({}), [])
  const create = useAsyncAction()
  const restore = useAsyncAction()
  const [created, setCreated] = useState<string | null>(null)
  const [chosen, setChosen] = useState<BackupEntryT | null>(null)
  const dialog = useRef<HTMLDialogElement>(null)

  const backUpNow = () => {
    setCreated(null)
    void create.run(async () => {
      const result = await api['backups.create']({})
      setCreated(result.file)
      list.reload()
    })
  }

  const askToRestore = (backup: BackupEntryT) => {
    restore.setError(null)
    setChosen(backup)
    dialog.current?.showModal()
  }

  const close = () => {
    dialog.current?.close()
    setChosen(null)
  }

  const confirmRestore = () => {
    if (!chosen) return
    void restore.run(async () => {
      await api['backups.restore']({ name: chosen.name })
      window.location.reload()
    })
  }

  return (
    <Card
      title="Backups"
      actions={
        <BusyButton busy={create.busy} busyLabel="Backing up…" variant="secondary" onClick={backUpNow}>
          Back up now
        </BusyButton>
      }
    >
      <ErrorAlert message={list.error} />
      <ErrorAlert message={create.error} title="No backup was taken" />
      {created && (
        <p className="alert alert-success" role="status">
          Backup taken and checked: {created}
        </p>
      )}
      {list.data && (
        <>
          <p className="hint">
            Clinic Recall keeps a checked copy of the database before every import, once a day, and whenever you press Back up now (the last{' '}
            {list.data.keepPerKind} of each kind), in <code>{list.data.folder || '(in-memory database: no backups)'}</code>.
          </p>
          <DataTable<BackupEntryT>
            label="All backups"
            rows={list.data.backups}
            rowKey={(b) => b.name}
            empty={<p>No backups yet.</p>}
            columns={[
              {
                id: 'kind',
                header: 'Kind',
                cell: (b) => (
                  <>
                    {kindLabels[b.kind]}
                    <div className="hint">
                      <code>{b.name}</code>
                    </div>
                  </>
                )
              },
              { id: 'taken', header: 'Taken', cell: (b) => formatUkDateTime(b.createdAt), cellClassName: 'nowrap' },
              { id: 'size', header: 'Size', cell: (b) => formatMegabytes(b.byteSize) },
              {
                id: 'restore',
                header: <span className="visually-hidden">Restore</span>,
                cell: (b) => (
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--secondary"
                    onClick={() => askToRestore(b)}
                    aria-label={`Restore the backup of ${formatUkDateTime(b.createdAt)}`}
                  >
                    Restore…
                  </button>
                )
              }
            ]}
          />
        </>
      )}
      <dialog ref={dialog} className="card" aria-labelledby="restore-title" onClose={() => setChosen(null)}>
        {chosen && (
          <>
            <h2 id="restore-title">Restore the backup of {formatUkDateTime(chosen.createdAt)}?</h2>
            <p>
              All of the current data will be replaced by the backup of {formatUkDateTime(chosen.createdAt)} ({kindLabels[chosen.kind].toLowerCase()}). Anything
              imported, built, booked or recorded since then will no longer show.
            </p>
            <p>A safety copy of the current database is taken first, so this can be undone by restoring that copy.</p>
            <p className="hint">Anyone else using Clinic Recall on this database will see the restored data too.</p>
            <ErrorAlert message={restore.error} title="The backup was not restored" />
            <div className="card-actions">
              <BusyButton busy={restore.busy} busyLabel="Restoring…" variant="warning" onClick={confirmRestore}>
                Replace the current data with this backup
              </BusyButton>
              <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={close} disabled={restore.busy}>
                Cancel
              </button>
            </div>
          </>
        )}
      </dialog>
    </Card>
  )
}
