// Reading export files: columns and mappings, preview, the import job, rejects and history.
import { z } from 'zod'
import type { OperationName } from '../operation-names'
import { DownloadedFile, Empty, ImportFormatChoice } from './common'

export const ImportFileInput = z.object({
  name: z.string().min(1).max(260),
  /** The file's bytes, base64: the renderer reads what the user picked; main never takes a path from it. */
  contentBase64: z.string()
})

export const ColumnRole = z.object({
  index: z.number().int(),
  caption: z.string(),
  /** What the importer will read from this column, e.g. `nhsNumber`, `event.date`, `ignored`. */
  role: z.string(),
  note: z.string().optional()
})

export const RejectedRow = z.object({
  file: z.string(),
  row: z.number().int(),
  column: z.string(),
  reason: z.string(),
  /** The cell as exported, so the practice can find it (absent when the problem is the whole row). */
  value: z.string().optional()
})

export const ImportFilePreview = z.object({
  name: z.string(),
  format: z.string(),
  layout: z.string(),
  headerRowNumber: z.number().int(),
  reportHeader: z.array(z.string()),
  columns: z.array(ColumnRole),
  rowsRead: z.number().int(),
  emptyRowsSkipped: z.number().int(),
  /** What the file was, by its content: a CSV (any encoding) or an Excel workbook. */
  fileType: z.enum(['csv', 'xlsx']),
  /** In words: the format detected and why, the layout, the encoding or sheet, the mapping used. */
  detection: z.string(),
  mapping: z.object({
    /** auto: captions recognised; saved: the mapping saved for this layout; chosen: given with this preview. */
    source: z.enum(['auto', 'saved', 'chosen']),
    layoutHash: z.string(),
    /** The column row as exported (trailing blank captions left off): what a mapping is saved against. */
    captions: z.array(z.string()),
    savedAt: z.string().nullable(),
    savedBy: z.string().nullable()
  })
})

/** One column of a file as the column-mapping screen shows it. */
export const ImportColumnInfo = z.object({
  index: z.number().int(),
  /** The caption as shown: repeated captions are numbered, e.g. "Date (2nd)". */
  caption: z.string(),
  role: z.string(),
  note: z.string().optional(),
  /** A few values from the first data rows, so the user can see what the column holds. */
  samples: z.array(z.string())
})

export const ImportFileColumns = z.object({
  name: z.string(),
  fileType: z.enum(['csv', 'xlsx']),
  detection: z.string(),
  headerRowNumber: z.number().int(),
  captions: z.array(z.string()),
  layoutHash: z.string(),
  mappingSource: z.enum(['auto', 'saved', 'chosen']),
  savedAt: z.string().nullable(),
  columns: z.array(ImportColumnInfo),
  /** True when no column holds NHS numbers yet: the file cannot be imported until one is chosen. */
  needsMapping: z.boolean()
})

/** Roles for each column position of one header layout (see shared/import-column-roles.ts). */
export const ColumnMappingInput = z.object({
  layoutHash: z.string().min(1).max(100),
  roles: z.array(z.string().max(60)).max(2000)
})

export const SavedColumnMapping = z.object({
  layoutHash: z.string(),
  captions: z.array(z.string()),
  roles: z.array(z.string()),
  savedAt: z.string(),
  savedBy: z.string()
})

export const ImportPreviewPatient = z.object({
  nhsNumber: z.string(),
  name: z.string(),
  dateOfBirth: z.string().nullable(),
  isNew: z.boolean(),
  readings: z.number().int(),
  events: z.number().int()
})

export const ImportPreview = z.object({
  previewId: z.string(),
  format: z.string(),
  files: z.array(ImportFilePreview),
  rowsRead: z.number().int(),
  patientsInFile: z.number().int(),
  patientsNew: z.number().int(),
  patientsExisting: z.number().int(),
  readingsInFile: z.number().int(),
  eventsInFile: z.number().int(),
  rejected: z.array(RejectedRow),
  warnings: z.array(z.string()),
  samplePatients: z.array(ImportPreviewPatient),
  alreadyImported: z.boolean(),
  /** Rows imported but disagreeing with another row of the same patient (two dates of birth, two sexes). */
  conflicts: z.array(RejectedRow).default([]),
  /** Patients of the previous run of this report who are not in this one: kept, marked "not in latest export". */
  patientsNotInExport: z.number().int().default(0),
  /** The export's own run date (report header), which decides whether its demographics are the newest. */
  exportedOn: z.string().nullable().default(null),
  /** Events read from their term alone (their code is in no shipped list): listed in Settings › Code library to check. */
  termOnlyMatches: z.number().int().default(0),
  /** Distinct codes in the files that matched no code list; their rows are not imported. */
  unmatchedCodes: z.number().int().default(0)
})

/** Keys are the CLI's public `import --json` interface: add, never rename. */
export const ImportResult = z.object({
  importId: z.number().int().nullable(),
  format: z.string(),
  rowsRead: z.number().int(),
  patientsAdded: z.number().int(),
  patientsUpdated: z.number().int(),
  readingsAdded: z.number().int(),
  eventsAdded: z.number().int(),
  rejected: z.array(RejectedRow),
  warnings: z.array(z.string()),
  alreadyImported: z.boolean(),
  conflicts: z.array(RejectedRow).default([]),
  patientsNotInExport: z.number().int().default(0),
  /** The copy of the database taken just before this import (in backups/ beside it), if one was made. */
  backupFile: z.string().nullable().default(null),
  /** As in ImportPreview: what the files hold, so an import already made reports the same. */
  termOnlyMatches: z.number().int().default(0),
  unmatchedCodes: z.number().int().default(0)
})

export const ImportSummary = z.object({
  importId: z.number().int(),
  fileNames: z.array(z.string()),
  format: z.string(),
  importedAt: z.string(),
  importedBy: z.string(),
  rowsRead: z.number().int(),
  patientsAdded: z.number().int(),
  patientsUpdated: z.number().int(),
  readingsAdded: z.number().int(),
  eventsAdded: z.number().int(),
  rejectedCount: z.number().int(),
  warnings: z.array(z.string()),
  conflictCount: z.number().int().default(0),
  patientsNotInExport: z.number().int().default(0),
  exportedOn: z.string().nullable().default(null),
  backupFile: z.string().nullable().default(null)
})

/** Where a background import is: reading the files, ready to commit, committing, or finished. */
export const ImportJobPhase = z.enum(['reading', 'checking', 'ready', 'committing', 'done', 'failed', 'cancelled'])

export const ImportProgress = z.object({
  jobId: z.string(),
  phase: ImportJobPhase,
  /** One line for the user, e.g. "Reading export.csv (2 of 3)". */
  message: z.string(),
  bytesDone: z.number().int(),
  bytesTotal: z.number().int(),
  rowsDone: z.number().int(),
  rowsTotal: z.number().int(),
  preview: ImportPreview.nullable(),
  result: ImportResult.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable()
})

export const DatabaseBackup = z.object({
  name: z.string(),
  createdAt: z.string(),
  byteSize: z.number().int(),
  importId: z.number().int().nullable()
})

export const ImportRef = z.object({ importId: z.number().int(), importedAt: z.string(), fileNames: z.array(z.string()) })

/** The imports operations: each name with the schema of its input and of its output. */
export const importsOperations = {
  'imports.preview': {
    input: z.object({
      files: z.array(ImportFileInput).min(1).max(20),
      format: ImportFormatChoice.default('auto'),
      /** Column mappings for this preview only, by layout; a saved mapping is used without this. */
      mappings: z.array(ColumnMappingInput).max(20).default([])
    }),
    output: ImportPreview
  },
  /** The columns of each file with what they would be read as and sample values (the mapping screen). */
  'imports.columns': {
    input: z.object({ files: z.array(ImportFileInput).min(1).max(20), mappings: z.array(ColumnMappingInput).max(20).default([]) }),
    output: z.object({ files: z.array(ImportFileColumns) })
  },
  /** Saves the mapping for a header layout; files with the same captions then use it automatically. */
  'imports.saveMapping': {
    input: z.object({ captions: z.array(z.string().max(300)).min(1).max(2000), roles: z.array(z.string().max(60)).max(2000) }),
    output: SavedColumnMapping
  },
  'imports.mappings': { input: Empty, output: z.object({ mappings: z.array(SavedColumnMapping) }) },
  'imports.forgetMapping': { input: z.object({ layoutHash: z.string().min(1).max(100) }), output: z.object({ forgotten: z.boolean() }) },
  'imports.commit': { input: z.object({ previewId: z.string() }), output: ImportResult },
  'imports.list': { input: Empty, output: z.object({ imports: z.array(ImportSummary) }) },
  /** Reads the files off the UI thread (a worker); poll imports.progress for the preview. */
  'imports.start': {
    input: z.object({
      files: z.array(ImportFileInput).min(1).max(20),
      format: ImportFormatChoice.default('auto'),
      /** As for imports.preview: column mappings for this import only. */
      mappings: z.array(ColumnMappingInput).max(20).default([])
    }),
    output: z.object({ jobId: z.string() })
  },
  'imports.progress': { input: z.object({ jobId: z.string() }), output: ImportProgress },
  /** Stops a running import; whatever phase it is in, the database is left as it was. */
  'imports.cancel': { input: z.object({ jobId: z.string() }), output: z.object({ cancelled: z.boolean(), message: z.string() }) },
  /** Rejected and conflicting rows as a CSV (file, row, column, value, reason) of a preview or a stored import. */
  'imports.rejectsCsv': {
    input: z.union([z.object({ importId: z.number().int() }), z.object({ previewId: z.string() })]),
    output: DownloadedFile
  },
  'imports.backups': { input: Empty, output: z.object({ folder: z.string(), keep: z.number().int(), backups: z.array(DatabaseBackup) }) },
  /** The import a patient last came from, and the one whose report no longer lists them ("not in latest export"). */
  'imports.patientStatus': {
    input: z.object({ patientId: z.number().int() }),
    output: z.object({ lastImport: ImportRef.nullable(), notInLatestExport: ImportRef.nullable() })
  }
} as const satisfies Partial<Record<OperationName, { input: z.ZodType; output: z.ZodType }>>
