// The one message shape for a file the importer cannot read at all: what the file is, with its
// name, and how to get the right export out of the clinical system instead.
import { AppError } from '../../../shared/result'

export const howToExportCsv =
  'To export from EMIS Web: Reporting > Population Reporting > select the search > open its list report > ' +
  'Export as CSV (or Excel) and save the file, then import that file here. ' +
  'From SystmOne: Clinical Reporting > run the search > Breakdown > choose the fields > Export (CSV).'

export function badFile(fileName: string, problem: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('bad_file', `"${fileName}" ${problem}. ${howToExportCsv}`, { file: fileName, ...details })
}
