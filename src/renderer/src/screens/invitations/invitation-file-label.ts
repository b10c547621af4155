import type { GeneratedFileT } from '../../../../shared/contract'
import { documentLabel } from '../../components/document-label'

/** Link text for a batch's files: the batch sheet and regenerated copies named for what they are. */
export function invitationFileLabel(file: GeneratedFileT): string {
  const regenerated = file.kind.endsWith('-regenerated')
  const kind = file.kind.replace(/-regenerated$/, '')
  const label =
    kind === 'batch-sheet-csv'
      ? 'Download batch sheet (CSV)'
      : kind === 'letters-large-print-docx'
        ? 'Download large-print letters (Word)'
        : documentLabel(file)
  return regenerated ? `${label} — regenerated` : label
}
