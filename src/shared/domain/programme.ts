// A programme: one clinic project the practice runs and reports on its own — the seed programme's
// pharmacist-led BP review for Black African / African-Caribbean patients, a Time to Talk review,
// a recall for patients with no recent BP. Its cohort definition (with the parameters it is built
// with) says who is eligible; its clinic types and letter templates how they are seen and invited;
// its outcome measure what its audit reports. Cohort snapshots, invitation batches, clinics and
// appointments belong to a programme, so two programmes on the same patients never mix.
//
// The defaults below are the practice's starting point for each built-in definition and match the
// data migration that gave existing snapshots their programmes: a BP cohort books into a BP clinic
// and reports blood pressure; Time to Talk books into Time to Talk and reports wellbeing.
import type { CohortParameters } from './cohort-parameters'

export type ProgrammeOutcome = 'bp' | 'wellbeing'
export type ProgrammeStatus = 'active' | 'closed'

export const programmeOutcomeLabels: Record<ProgrammeOutcome, string> = {
  bp: 'Blood pressure',
  wellbeing: 'Wellbeing (PHQ-9, GAD-7, ONS4, UCLA-3)'
}

export interface Programme {
  programmeId: number
  name: string
  /** A built-in cohort definition id or a saved custom cohort (`custom-3`). */
  definition: string
  /** Overrides of the definition's parameters used for every build of this programme. */
  parameters: Partial<CohortParameters>
  clinicTypes: string[]
  templateIds: string[]
  /** Weeks from a visit to its follow-up; null = the clinic type's interval. */
  followUpWeeks: number | null
  outcome: ProgrammeOutcome
  startDate: string
  status: ProgrammeStatus
  createdAt: string
  createdBy: string
}

interface ProgrammeDefaults {
  clinicTypes: string[]
  templateIds: string[]
  outcome: ProgrammeOutcome
}

const builtInDefaults: Record<string, ProgrammeDefaults> = {
  'uncontrolled-hypertension': { clinicTypes: ['Hypertension review'], templateIds: ['hypertension-review'], outcome: 'bp' },
  'hypertension-black-african-caribbean': { clinicTypes: ['Pharmacist BP clinic'], templateIds: ['pharmacist-bp-clinic'], outcome: 'bp' },
  'no-recent-bp': { clinicTypes: ['Hypertension review'], templateIds: ['hypertension-review'], outcome: 'bp' },
  'time-to-talk': { clinicTypes: ['Time to Talk'], templateIds: ['time-to-talk'], outcome: 'wellbeing' }
}

/** What a new programme on this definition starts with when the practice does not say otherwise. */
export function programmeDefaultsFor(definition: string): ProgrammeDefaults {
  return builtInDefaults[definition] ?? { clinicTypes: ['Hypertension review'], templateIds: ['hypertension-review'], outcome: 'bp' }
}

/** Problems with a programme's name, in words; null when it will do. */
export function programmeNameProblem(name: string, otherActiveNames: readonly string[]): string | null {
  const trimmed = name.trim()
  if (trimmed.length === 0) return 'Give the programme a name.'
  if (trimmed.length > 120) return 'A programme name can be at most 120 characters.'
  const key = trimmed.toLowerCase()
  if (otherActiveNames.some((n) => n.trim().toLowerCase() === key))
    return `An active programme is already called “${trimmed}”. Choose another name, or close that one first.`
  return null
}
