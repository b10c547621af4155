// What the rules see of a patient: the stored facts, already typed. Built in main from the
// database; every rule in shared/domain is a pure function of this and an as-of date.
import type { BpMeasure } from './bp-measures'
import type { ClinicalConcept } from './clinical-concepts'
import type { EthnicCategory } from './ethnicity'
import type { BpSetting } from './bp-setting'
import type { InvitationHistory } from './invitation-history'

export type { BpSetting }

export interface BpReading {
  /** ISO date YYYY-MM-DD */
  date: string
  systolic: number
  diastolic: number
  setting: BpSetting
  /**
   * What the code measured (bp-measures.ts). Absent for readings stored before kinds were recorded
   * and for readings entered at a visit: then the setting's usual kind (clinic reading, home
   * average, ABPM daytime average).
   */
  measure?: BpMeasure
}

export interface CodedEvent {
  /** ISO date, or null when a register flag column said "yes" without a date. */
  date: string | null
  concept: ClinicalConcept
  code: string
  term: string
  /** A number recorded with the code, where a rule reads one (the BMI value of a BMIVAL_COD row). */
  value?: number | null
  /** How the row was recognised: its code is in a list, or only its term matched ("check"). Absent: by code or a flag column. */
  matchedBy?: 'code' | 'term' | 'flag'
}

export interface PatientRecord {
  patientId: number
  nhsNumber: string
  title: string | null
  givenName: string | null
  familyName: string | null
  dateOfBirth: string | null
  sex: string | null
  ethnicityText: string | null
  ethnicityCategory: EthnicCategory | null
  registrationStatus: string | null
  imdDecile: number | null
  readings: BpReading[]
  events: CodedEvent[]
  /** Programme state the exclusions need. */
  nextBookedAppointmentOn: string | null
  /** The latest invitation sent from Clinic Recall on or before the as-of date (what a snapshot keeps). */
  lastInvitedOn: string | null
  /**
   * Every invitation sent from Clinic Recall the record knows of (YYYY-MM-DD, oldest first). "Invited
   * recently" looks at each one in its window, so an invitation outside it — later than the as-of
   * date — never hides an earlier one inside it. Absent where only lastInvitedOn was kept (a record
   * re-derived from a snapshot): lastInvitedOn is then the one date known.
   */
  invitedOn?: readonly string[]
  /** Contact preferences say "no contact permitted"; absent means contact is allowed. */
  noContactPermitted?: boolean
  /**
   * The app's invitations and latest kept booking up to the as-of date: read only for cohorts that
   * ask about invitation state (custom cohorts, invitation-state.ts); absent otherwise.
   */
  invitationHistory?: InvitationHistory
}

/** "Jane SMITH" style display name for lists; "(name not in export)" when the export has none. */
export function displayName(p: Pick<PatientRecord, 'givenName' | 'familyName' | 'title'>): string {
  const parts = [p.givenName, p.familyName].filter((x): x is string => !!x && x.trim() !== '')
  return parts.length ? parts.join(' ') : '(name not in export)'
}
