import type { UnmatchedCodeT } from '../../../../shared/contract'
import { formatUkDate } from '../../format/uk-date'

type ImportRef = UnmatchedCodeT['firstImport']

/** When a code was first and last imported, by import number (as in Import history) and date. */
export function CodeSeenCell({ first, last }: { first: ImportRef; last: ImportRef }) {
  const at = (ref: ImportRef) => `${formatUkDate(ref.importedAt.slice(0, 10))} (import #${ref.importId})`
  return (
    <td className="nowrap" title={last.fileNames.join(', ')}>
      {first.importId === last.importId ? at(first) : `${at(first)} to ${at(last)}`}
    </td>
  )
}
