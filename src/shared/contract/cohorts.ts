// Cohort definitions, builds (snapshots), previews, the "why" for a patient, and comparing builds.
import { z } from 'zod'
import type { OperationName } from '../operation-names'
import { CustomCohortIdSchema, CustomCriterion, SaveCustomCohortInput } from '../custom-cohort-schema'
import { bpMeasureIds } from '../domain/bp-measures'
import { BloodPressure, BpSetting, CohortDefinitionId, Empty, IsoDate, Priority, StoredIsoDate, TargetMode } from './common'
import type * as Domain from '../domain/cohort-entry'

export const ExplanationStep = z.object({
  /** Stable rule id, e.g. `register.hypertension`, `exclude.bp-declined`. */
  rule: z.string(),
  label: z.string(),
  /** The published source the rule follows, e.g. `QOF HYP008`, `NICE NG136 1.2.2`. */
  source: z.string(),
  outcome: z.enum(['pass', 'fail', 'info']),
  detail: z.string()
}) satisfies z.ZodType<Domain.ExplanationStep>

export const ConsideredReading = z.object({
  date: StoredIsoDate,
  systolic: z.number().int(),
  diastolic: z.number().int(),
  setting: BpSetting,
  /** Whether this reading supplied the systolic, the diastolic, both or neither of the current BP. */
  used: z.enum(['both', 'systolic', 'diastolic', 'none']),
  /** What the code measured: clinic reading, home average, ABPM daytime/24-hour/night-time average, summary. */
  measure: z.enum(bpMeasureIds).optional(),
  /** Set when the reading was recorded but cannot be the current BP: why ("it is an ABPM night-time average …"). */
  notUsedBecause: z.string().optional(),
  /** The reading is at severe (P1) level for its own kind (clinic ≥ 180/120, home/ABPM ≥ 170/115). */
  severe: z.boolean().optional()
}) satisfies z.ZodType<Domain.ConsideredReading>

export const Explanation = z.object({
  steps: z.array(ExplanationStep),
  readingsConsidered: z.array(ConsideredReading),
  bpRule: z.string(),
  target: z.object({ systolic: z.number(), diastolic: z.number(), comparator: z.enum(['<=', '<']), label: z.string() }).nullable()
}) satisfies z.ZodType<Domain.Explanation>

export const CohortEntry = z.object({
  patientId: z.number().int(),
  nhsNumber: z.string(),
  name: z.string(),
  age: z.number().int().nullable(),
  sex: z.string().nullable(),
  ethnicity: z.string().nullable(),
  priority: Priority.nullable(),
  bp: BloodPressure.nullable(),
  /** For excluded patients: the exclusion rule id that applied. */
  rule: z.string().nullable(),
  /** Short human-readable reasons, in order: the `cohort build --json` interface. */
  reasons: z.array(z.string()),
  /** Severe (P1) reading: listed even when excluded, per the spec's safety rule. */
  severe: z.boolean(),
  /** The rule that chose the current BP, in words (shown next to every computed BP). */
  bpRule: z.string(),
  /**
   * The full "why" (every rule checked, readings considered, target). Snapshots leave it out — 40k
   * explanations would be tens of megabytes — and `cohorts.explain` gives it for one patient.
   */
  explanation: Explanation.optional()
}) satisfies z.ZodType<Domain.CohortEntry>

export const ExplainedCohortEntry = CohortEntry.extend({ explanation: Explanation })

export const CohortPatientExplanation = z.object({
  cohortId: z.number().int(),
  status: z.enum(['member', 'excluded']),
  entry: ExplainedCohortEntry,
  /** How the explanation was obtained, e.g. re-evaluated with the facts recorded up to the build. */
  basis: z.string()
})

/** cohorts.explainPreview: one patient's "why" in an unsaved preview (nothing stored). */
export const CohortPreviewExplanation = z.object({
  status: z.enum(['member', 'excluded']),
  entry: ExplainedCohortEntry,
  basis: z.string()
})

/** One patient's place in a snapshot: member, excluded (by which rule) or not listed (not eligible). */
export const CohortPlacement = z.object({
  status: z.enum(['member', 'excluded', 'not-listed']),
  priority: Priority.nullable(),
  rule: z.string().nullable(),
  bp: BloodPressure.nullable(),
  reasons: z.array(z.string())
})

export const CohortChange = z.object({
  patientId: z.number().int(),
  nhsNumber: z.string(),
  name: z.string(),
  from: CohortPlacement,
  to: CohortPlacement
})

// The adjustable parameters of one build (cohort-parameters.ts); stored with the snapshot.
const CohortParametersShape = z.object({
  lookbackMonths: z.number().int().min(1).max(120),
  exceptionLookbackMonths: z.number().int().min(1).max(120),
  invitedWithinDays: z.number().int().min(0).max(365),
  recentDiagnosisMonths: z.number().int().min(0).max(60),
  includeMixedBlackCategories: z.boolean(),
  conditionThreshold: z.number().int().min(1).max(20),
  disabledExclusions: z.array(z.string()).max(40)
})

export const CohortParametersInput = CohortParametersShape.partial().strict()

export const ExclusionCount = z.object({
  rule: z.string(),
  label: z.string(),
  source: z.string(),
  count: z.number().int(),
  /** Whether it was applied in this build: switched off by the user, or skipped as QOF-only in NICE mode (absent in older snapshots). */
  state: z.enum(['on', 'switched-off', 'qof-only']).optional(),
  /** Applies in QOF mode only (the 9-month rules). */
  qofOnly: z.boolean().optional()
}) satisfies z.ZodType<Domain.ExclusionCount>

/** cohorts.preview: a build's counts and its first patients, nothing stored. */
export const CohortPreview = z.object({
  definition: CohortDefinitionId,
  definitionVersion: z.number().int(),
  name: z.string(),
  asOf: StoredIsoDate,
  mode: TargetMode,
  memberCount: z.number().int(),
  excludedCount: z.number().int(),
  /** Excluded patients whose current BP is severe (the safety rule: no exclusion hides a severe reading). */
  severeExcludedCount: z.number().int(),
  notEligibleCount: z.number().int(),
  priorityCounts: z.object({ P1: z.number().int(), P2: z.number().int(), P3: z.number().int(), P4: z.number().int(), none: z.number().int() }),
  exclusionCounts: z.array(ExclusionCount),
  /** The parameters used (definition defaults with the overrides). */
  parameters: CohortParametersShape.partial(),
  members: z.array(CohortEntry),
  excluded: z.array(CohortEntry),
  /** Why the build has no members (nothing imported, nobody on the register, no readings in the window, everyone excluded), with counts; null when it has members. */
  emptyReason: z.string().nullable().optional()
})

export const CohortSnapshot = z.object({
  cohortId: z.number().int(),
  /** The programme the snapshot belongs to (null only for snapshots the app could not attribute). */
  programmeId: z.number().int().nullable(),
  definition: CohortDefinitionId,
  definitionVersion: z.number().int(),
  name: z.string(),
  asOf: StoredIsoDate,
  mode: TargetMode,
  builtAt: z.string(),
  builtBy: z.string(),
  members: z.array(CohortEntry),
  excluded: z.array(CohortEntry),
  exclusionCounts: z.array(ExclusionCount),
  /** Patients considered but not eligible (e.g. not on the register): counted, not listed. */
  notEligibleCount: z.number().int(),
  /** The parameters the build used (switched-off exclusions, D/E switch, threshold …). */
  parameters: CohortParametersShape.partial().optional(),
  /** From an empty build: why it has no members, with counts (absent when it has members, and when a stored snapshot is read back). */
  emptyReason: z.string().nullable().optional()
})

export const CohortSummary = z.object({
  cohortId: z.number().int(),
  programmeId: z.number().int().nullable(),
  definition: CohortDefinitionId,
  name: z.string(),
  asOf: StoredIsoDate,
  mode: TargetMode,
  builtAt: z.string(),
  builtBy: z.string(),
  memberCount: z.number().int(),
  excludedCount: z.number().int()
})

export const CohortComparison = z.object({
  from: CohortSummary.extend({ definitionVersion: z.number().int(), parameters: z.record(z.string(), z.unknown()) }),
  to: CohortSummary.extend({ definitionVersion: z.number().int(), parameters: z.record(z.string(), z.unknown()) }),
  /** What differs between the two builds' settings (definition, version, as-of, mode, parameters), in words. */
  settingsChanged: z.array(z.object({ setting: z.string(), from: z.string(), to: z.string() })),
  /** Members of "to" who were not members of "from". */
  joined: z.array(CohortChange),
  /** Members of "from" who are not members of "to". */
  left: z.array(CohortChange),
  /** Members of both whose priority group changed. */
  priorityChanged: z.array(CohortChange),
  /** Members of both with the same priority. */
  unchangedCount: z.number().int()
})

export const CohortDefinitionInfo = z.object({
  id: CohortDefinitionId,
  name: z.string(),
  description: z.string(),
  version: z.number().int(),
  sources: z.array(z.string()),
  kind: z.enum(['built-in', 'custom']),
  /** Every criterion, in words with its source (custom ones as chosen in the builder). */
  criteria: z.array(z.object({ rule: z.string(), label: z.string(), source: z.string() })),
  /** Every exclusion of the definition, in the order tried; each can be switched off for a build. */
  exclusions: z.array(z.object({ rule: z.string(), label: z.string(), source: z.string(), qofOnly: z.boolean() })),
  /** Which parameter switches mean something for this definition (shown on the cohort screen). */
  switches: z.object({ includeMixedBlackCategories: z.boolean(), conditionThreshold: z.boolean() }),
  /** A saved custom cohort: its criteria as data (to edit them), when and by whom this version was saved. */
  custom: z.object({ criteria: z.array(CustomCriterion), savedAt: z.string(), savedBy: z.string() }).nullable()
})

/** The cohorts operations: each name with the schema of its input and of its output. */
export const cohortsOperations = {
  'cohorts.definitions': { input: Empty, output: z.object({ definitions: z.array(CohortDefinitionInfo) }) },
  'cohorts.build': {
    input: z.object({
      definition: CohortDefinitionId,
      asOf: IsoDate.optional(),
      mode: TargetMode.default('qof'),
      /** Overrides of the definition's parameters for this build (stored with the snapshot). */
      params: CohortParametersInput.optional(),
      /**
       * Also return every listed patient's full explanation (`entry.explanation`): readings
       * considered, the one chosen and why, the target, the priority rule, each exclusion checked.
       * Off by default: 40k explanations are tens of megabytes (`cohort build --explain`).
       */
      explain: z.boolean().optional(),
      /** The programme this build is for; without one, the one open programme on this definition (started if there is none). */
      programmeId: z.number().int().optional(),
      /**
       * Save the snapshot even when it has no members. Off by default: an empty build is refused
       * (`conflict`, saying why it is empty) so the screen can ask first; `cohort build` saves it.
       */
      saveIfEmpty: z.boolean().default(false)
    }),
    output: CohortSnapshot
  },
  /**
   * The counts a build would give — members, per priority group, each exclusion, not eligible — and
   * the first `limit` members and excluded patients with their reasons, without storing anything:
   * for rebuilding live as a parameter changes. `cohorts.build` stores the snapshot.
   */
  'cohorts.preview': {
    input: z.object({
      definition: CohortDefinitionId,
      asOf: IsoDate.optional(),
      mode: TargetMode.default('qof'),
      params: CohortParametersInput.optional(),
      limit: z.number().int().min(0).max(500).optional()
    }),
    output: CohortPreview
  },
  /** Save a new custom cohort, or a new version of one (`definition`); snapshots keep the version they used. */
  'cohorts.saveCustom': { input: SaveCustomCohortInput, output: CohortDefinitionInfo },
  /** Archive a custom cohort: no longer listed or buildable; its versions and snapshots are kept. */
  'cohorts.archiveCustom': { input: z.object({ definition: CustomCohortIdSchema }), output: z.object({ archived: z.literal(true) }) },
  'cohorts.list': { input: Empty, output: z.object({ cohorts: z.array(CohortSummary) }) },
  'cohorts.get': { input: z.object({ cohortId: z.number().int() }), output: CohortSnapshot },
  'cohorts.explain': { input: z.object({ cohortId: z.number().int(), patientId: z.number().int() }), output: CohortPatientExplanation },
  /**
   * One patient's "why" in an unsaved preview (the live rebuild): evaluated now with this definition,
   * as-of date, mode and parameters, nothing stored. `cohorts.explain` is the same for a snapshot.
   */
  'cohorts.explainPreview': {
    input: z.object({
      definition: CohortDefinitionId,
      asOf: IsoDate.optional(),
      mode: TargetMode.default('qof'),
      params: CohortParametersInput.optional(),
      patientId: z.number().int()
    }),
    output: CohortPreviewExplanation
  },
  'cohorts.compare': { input: z.object({ fromCohortId: z.number().int(), toCohortId: z.number().int() }), output: CohortComparison }
} as const satisfies Partial<Record<OperationName, { input: z.ZodType; output: z.ZodType }>>
