import { api } from '../../api/client'
import { useLoad } from '../../components/use-load'
import { formatUkDate } from '../../format/uk-date'

/**
 * For a patient's facts list (<dl>): which import they came from, and a warning when the latest run
 * of that report no longer lists them — they are kept, not deleted, but may have left the practice.
 */
export function PatientImportStatus({ patientId }: { patientId: number }) {
  const { data } = useLoad(() => api['imports.patientStatus']({ patientId }), [patientId])
  if (!data?.lastImport) return null
  const absent = data.notInLatestExport
  return (
    <>
      <dt>From import</dt>
      <dd>
        #{data.lastImport.importId} ({data.lastImport.fileNames.join(', ')}, {formatUkDate(data.lastImport.importedAt.slice(0, 10))})
        {absent && (
          <div className="text-warning" role="note">
            Not in latest export: import #{absent.importId} ({absent.fileNames.join(', ')}, {formatUkDate(absent.importedAt.slice(0, 10))}) no longer lists this
            patient. Kept, not deleted — check whether they have left the practice or died.
          </div>
        )}
      </dd>
    </>
  )
}
