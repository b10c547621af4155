// Making Every Contact Count (MECC): at a BP review the clinician offers very brief advice on the
// lifestyle topics that raise blood pressure and cardiovascular risk, and records for each whether
// advice was given, the patient declined it, or it was not discussed. "Declined" and "not discussed"
// are kept apart because an audit of brief advice counts offers, and a declined offer was one.
import type { MeasureProblem } from './scored-measure'

export const MECC_SOURCE =
  'Making Every Contact Count (MECC): NHS England, Health Education England and Public Health England, MECC consensus statement (2016).'

export const meccTopics = [
  { id: 'smoking', label: 'Smoking' },
  { id: 'alcohol', label: 'Alcohol' },
  { id: 'physical-activity', label: 'Physical activity' },
  { id: 'healthy-weight', label: 'Healthy weight' }
] as const

export type MeccTopic = (typeof meccTopics)[number]['id']

export const meccOutcomes = [
  { id: 'given', label: 'Brief advice given' },
  { id: 'declined', label: 'Offered, declined' },
  { id: 'not-discussed', label: 'Not discussed' }
] as const

export type MeccOutcome = (typeof meccOutcomes)[number]['id']

/** A topic left out was not discussed. */
export type MeccRecord = Readonly<Partial<Record<MeccTopic, MeccOutcome>>>

export function meccOutcomeFor(record: MeccRecord, topic: MeccTopic): MeccOutcome {
  return record[topic] ?? 'not-discussed'
}

export function meccProblems(record: MeccRecord): MeasureProblem[] {
  return Object.entries(record).flatMap(([topic, outcome]): MeasureProblem[] => {
    if (!meccTopics.some((t) => t.id === topic)) {
      return [{ field: topic, message: `MECC topic “${topic}” is not one of: ${meccTopics.map((t) => t.id).join(', ')}.` }]
    }
    if (outcome !== undefined && !meccOutcomes.some((o) => o.id === outcome)) {
      return [{ field: topic, message: `MECC ${topic}: “${String(outcome)}” is not one of: ${meccOutcomes.map((o) => o.id).join(', ')}.` }]
    }
    return []
  })
}
