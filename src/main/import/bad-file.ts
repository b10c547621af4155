// The one message shape for a file the importer cannot read at all: what is wrong, with the file's
// name, and how to get a proper CSV out of the clinical system.
import { AppError } from '../../shared/result'

export const howToExportCsv =
  'To export a CSV from EMIS Web: Population Reporting → select the search → open its list report → ' +
  'Export → choose "CSV" and save the file, then import that file here. ' +
  'From SystmOne: Clinical Reporting → Breakdown Results → Export → CSV.'

export function badFile(fileName: string, problem: string): AppError {
  return new AppError('bad_file', `"${fileName}" ${problem}. ${howToExportCsv}`, { file: fileName })
}
