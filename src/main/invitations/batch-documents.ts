// The documents of an invitation batch, made from what was sent: one print-ready PDF of standard
// letters (one page each, DL window), a large-print PDF, a DOCX of the letters from the practice's
// Word template, the SMS upload CSV, the call list and the batch sheet. The same function makes them
// for a new batch and for regenerating a recorded one, so the two cannot differ.
import { batchSheetCsv, phoneListCsv, type BatchSheetRow } from '../documents/batch-sheet-csv'
import { CSV_MIME } from '../documents/csv-text'
import { discardStaged, PDF_MIME, stageDocument, type StagedDocument } from '../documents/document-store'
import { builtInWordTemplate, DOCX_MIME, renderLettersDocx } from '../documents/invitation-letters-docx'
import { renderLettersPdf } from '../documents/invitation-letters-pdf'
import { renderLargePrintLettersPdf } from '../documents/large-print-letters-pdf'
import { smsUploadCsv } from '../documents/sms-upload-csv'
import type { ServiceContext } from '../context'
import type { SentContent } from './batch-record'

export interface PlannedFile {
  kind: string
  mimeType: string
  fileName: string
  bytes: Buffer
}

/** Every document of a batch, from what was sent: used to create it and to regenerate it. */
export async function renderBatchFiles(
  stem: string,
  contents: readonly SentContent[],
  sheet: readonly BatchSheetRow[],
  wordTemplate: Buffer | null,
  docx: boolean
): Promise<PlannedFile[]> {
  const letters = contents.flatMap((c) => (c.channel === 'letter' ? [c.letter] : []))
  const standard = letters.filter((l) => !l.largePrint)
  const large = letters.filter((l) => l.largePrint)
  const sms = contents.flatMap((c) => (c.channel === 'sms' ? [c.recipient] : []))
  const files: PlannedFile[] = []
  if (standard.length > 0) files.push({ kind: 'letters-pdf', mimeType: PDF_MIME, fileName: `${stem}.pdf`, bytes: await renderLettersPdf(standard) })
  if (large.length > 0) {
    const { bytes } = await renderLargePrintLettersPdf(large)
    files.push({ kind: 'letters-large-print-pdf', mimeType: PDF_MIME, fileName: `${stem}-large-print.pdf`, bytes })
  }
  // Word: the standard letters in the practice's template; large-print letters in the built-in
  // layout at 16 pt (a practice letterhead cannot be scaled up reliably).
  if (docx && standard.length > 0) {
    files.push({ kind: 'letters-docx', mimeType: DOCX_MIME, fileName: `${stem}.docx`, bytes: renderLettersDocx(standard, wordTemplate) })
  }
  if (docx && large.length > 0) {
    files.push({
      kind: 'letters-large-print-docx',
      mimeType: DOCX_MIME,
      fileName: `${stem}-large-print.docx`,
      bytes: renderLettersDocx(large, builtInWordTemplate(true))
    })
  }
  if (sms.length > 0) files.push({ kind: 'sms-csv', mimeType: CSV_MIME, fileName: `${stem}-sms-upload.csv`, bytes: Buffer.from(smsUploadCsv(sms), 'utf8') })
  if (sheet.some((r) => r.channel === 'phone')) {
    files.push({ kind: 'phone-list-csv', mimeType: CSV_MIME, fileName: `${stem}-phone-list.csv`, bytes: Buffer.from(phoneListCsv(sheet), 'utf8') })
  }
  files.push({ kind: 'batch-sheet-csv', mimeType: CSV_MIME, fileName: `${stem}-batch-sheet.csv`, bytes: Buffer.from(batchSheetCsv(sheet), 'utf8') })
  return files
}

/** The start of every file name of a batch's documents (the CLI checks `--out` against it first). */
export function batchFileStem(cohortId: number, attempt: number, date: string): string {
  return `invitations-cohort-${cohortId}-attempt-${attempt}-${date}`
}

/** Writes every planned file under its partial name; if one fails, none is left behind. */
export function stageAll(ctx: ServiceContext, planned: readonly PlannedFile[]): StagedDocument[] {
  const staged: StagedDocument[] = []
  try {
    for (const f of planned) staged.push(stageDocument(ctx, f))
  } catch (error) {
    discardStaged(staged)
    throw error
  }
  return staged
}
