// What one export file is read with: the code lists, today (dates after it are rejected), the
// clinical system chosen (or 'auto') and the column mapping, if any, for the file's header layout.
import type { CodeLibrary } from '../../../shared/domain/clinical-codes'
import type { ChosenRoles } from './map-columns'

/** A column mapping for one header layout: saved earlier, or chosen for this preview. */
export interface MappingChoice extends ChosenRoles {
  savedAt?: string | null
  savedBy?: string | null
}

export interface ReadOptions {
  library: CodeLibrary
  /** Today (ISO): dates after it are rejected. */
  today: string
  format: 'auto' | 'emis' | 'systmone'
  /** The mapping to use for a header layout (by `layoutHashOf`), if the user made one; else captions decide. */
  mappingFor?: (layoutHash: string) => MappingChoice | undefined
}
