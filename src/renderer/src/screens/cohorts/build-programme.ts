// Which programme a cohort build goes to. Choosing a programme chooses its cohort definition;
// choosing a definition keeps the programme when it builds that definition, else takes the one open
// programme that does (so a practice with one programme per cohort never has to pick). With none,
// the build starts one named after the cohort (the service does); with several, the user must say
// which, and the build is refused until then, so two programmes' audits never mix.
import type { ProgrammeWithProgress } from '../programmes/programme-types'

export type BuildProgramme = { kind: 'programme'; programme: ProgrammeWithProgress } | { kind: 'new' } | { kind: 'choose'; count: number } | { kind: 'loading' }

/** The programme a build of `definition` goes to, given the one picked (if any) and the open programmes. */
export function programmeForBuild(definition: string, pickedId: number | null, open: ProgrammeWithProgress[] | null): BuildProgramme {
  if (open === null) return { kind: 'loading' }
  const picked = open.find((p) => p.programmeId === pickedId && p.definition === definition)
  if (picked) return { kind: 'programme', programme: picked }
  const ofDefinition = open.filter((p) => p.definition === definition)
  const [only] = ofDefinition
  if (only && ofDefinition.length === 1) return { kind: 'programme', programme: only }
  return ofDefinition.length === 0 ? { kind: 'new' } : { kind: 'choose', count: ofDefinition.length }
}
