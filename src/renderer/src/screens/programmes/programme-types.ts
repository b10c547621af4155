// What the Programmes screens show of a programme, and how its status and settings read.
import type { OperationOutput } from '../../../../shared/contract'

export type ProgrammeWithProgress = OperationOutput<'programmes.list'>['programmes'][number]

export const programmeStatusLabels = { active: 'Open', closed: 'Closed' } as const

/** Its follow-up interval in words: its own, or each clinic type's. */
export function followUpInWords(weeks: number | null): string {
  return weeks === null ? 'The clinic type’s interval (Clinics › Follow-up interval)' : `${weeks} weeks after the visit`
}
