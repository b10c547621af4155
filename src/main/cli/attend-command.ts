// `clinic-recall attend`: the visit on its clinic's form, or a did-not-attend. The clinic's type
// decides the form and what it needs: a BP review needs at least one --bp (or --bp-declined) and
// takes --adherence; a Time to Talk visit needs no --bp and takes the questionnaires (--phq9 with
// --phq9-item9, --gad7, --ons4, --ucla3). Referrals are made at the visit (--refer sends one,
// --signpost gives the patient the service to contact themselves). Each value is checked by the
// same domain rules the service applies, and refused naming the option typed. The `--json` keys are
// public: add keys, never rename or drop one.
import { CommanderError, type Command } from 'commander'
import type { OperationInput, OperationOutput, VisitInput } from '../../shared/contract'
import { bloodPressureProblem } from '../../shared/domain/bp-plausibility'
import { adherenceStatuses, type AdherenceStatus } from '../../shared/domain/medication-adherence'
import { PHQ9_ITEM9_INDEX } from '../../shared/domain/phq9'
import { isPlaceholderPractice } from '../../shared/domain/practice-settings'
import { visitRecordProblems, type VisitProblem, type VisitRecord } from '../../shared/domain/visit-forms'
import { visitRiskPrompt } from '../../shared/domain/visit-measures'
import type { z } from 'zod'
import { copyDocumentTo } from '../files/copy-documents-out'
import { assertSafeOutputPath } from '../files/output-path-guard'
import { BadInput } from './bad-input'
import { numberOption, positiveInt } from './option-values'
import type { CliCommandDeps } from './cli-command-deps'

interface AttendOptions {
  appointment: number
  bp?: string[]
  dna?: boolean
  bpDeclined?: boolean
  action?: string[]
  adherence?: string
  phq9?: string
  phq9Item9?: string
  gad7?: string
  ons4?: string
  ucla3?: string
  refer?: number[]
  signpost?: number[]
  note?: string
  plan?: string
  summaryOut?: string
  json?: boolean
}

type Visit = z.input<typeof VisitInput>
type Form = OperationOutput<'visits.context'>['form']

const repeat = (v: string, previous: string[] = []) => [...previous, v]
const repeatId =
  (option: string) =>
  (v: string, previous: number[] = []) => [...previous, positiveInt(v, option)]

/** Options that record something at the visit, by the form that takes them (null: either form). */
const visitOptions: readonly { key: keyof AttendOptions; option: string; form: Form | null }[] = [
  { key: 'bp', option: '--bp', form: null },
  { key: 'bpDeclined', option: '--bp-declined', form: 'bp-review' },
  { key: 'action', option: '--action', form: null },
  { key: 'adherence', option: '--adherence', form: 'bp-review' },
  { key: 'phq9', option: '--phq9', form: 'time-to-talk' },
  { key: 'phq9Item9', option: '--phq9-item9', form: 'time-to-talk' },
  { key: 'gad7', option: '--gad7', form: 'time-to-talk' },
  { key: 'ons4', option: '--ons4', form: 'time-to-talk' },
  { key: 'ucla3', option: '--ucla3', form: 'time-to-talk' },
  { key: 'refer', option: '--refer', form: null },
  { key: 'signpost', option: '--signpost', form: null },
  { key: 'note', option: '--note', form: null },
  { key: 'plan', option: '--plan', form: null },
  { key: 'summaryOut', option: '--summary-out', form: null }
]

const given = (opts: AttendOptions, key: keyof AttendOptions) => {
  const value = opts[key]
  return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== false
}

function readings(bp: readonly string[]): { systolic: number; diastolic: number }[] {
  return bp.map((text) => {
    const match = /^\s*(\d{2,3})\s*\/\s*(\d{2,3})\s*$/.exec(text)
    if (!match) throw new BadInput(`--bp "${text}": expected SYSTOLIC/DIASTOLIC such as 152/94`)
    const reading = { systolic: Number(match[1]), diastolic: Number(match[2]) }
    const problem = bloodPressureProblem(reading.systolic, reading.diastolic)
    if (problem) throw new BadInput(`--bp "${text}": ${problem}`)
    return reading
  })
}

function adherence(text: string): AdherenceStatus {
  const found = adherenceStatuses.find((s) => s.id === text.trim())
  if (!found) throw new BadInput(`--adherence "${text}": expected one of ${adherenceStatuses.map((s) => s.id).join(', ')}`)
  return found.id
}

/** "L,S,H,A": life satisfaction, worthwhile, happiness, anxiety, each 0–10; one left empty was not answered. */
function ons4(text: string): { lifeSatisfaction: number | null; worthwhile: number | null; happiness: number | null; anxiety: number | null } {
  const parts = text.split(',').map((p) => p.trim())
  if (parts.length !== 4)
    throw new BadInput(`--ons4 "${text}": expected four answers L,S,H,A (life satisfaction, worthwhile, happiness, anxiety), e.g. 6,7,5,4`)
  const [l, s, h, a] = parts.map((p) => (p === '' ? null : numberOption(p, '--ons4')))
  return { lifeSatisfaction: l ?? null, worthwhile: s ?? null, happiness: h ?? null, anxiety: a ?? null }
}

/** The option a problem's field belongs to, and the value typed there. */
function optionOf(field: string, opts: AttendOptions): { option: string; value: string | undefined } {
  if (field.startsWith('readings')) return { option: '--bp', value: opts.bp?.join(' ') }
  if (field === 'bpDeclined') return { option: '--bp-declined', value: undefined }
  if (field.startsWith('adherence')) return { option: '--adherence', value: opts.adherence }
  if (field === `phq9.items[${PHQ9_ITEM9_INDEX}]`) return { option: '--phq9-item9', value: opts.phq9Item9 }
  if (field.startsWith('phq9')) return { option: '--phq9', value: opts.phq9 }
  if (field.startsWith('gad7')) return { option: '--gad7', value: opts.gad7 }
  if (field.startsWith('ons4')) return { option: '--ons4', value: opts.ons4 }
  if (field.startsWith('ucla3')) return { option: '--ucla3', value: opts.ucla3 }
  return { option: '--appointment', value: String(opts.appointment) }
}

function refusedOption(problem: VisitProblem, opts: AttendOptions, riskPrompt: string | null, clinicType: string): BadInput {
  const risk = riskPrompt ? ` Same-day risk: ${riskPrompt}` : ''
  if (problem.field === 'readings') {
    return new BadInput(
      `--bp: a BP review (clinic type "${clinicType}") needs at least one --bp SYS/DIA, or --bp-declined if the patient declined; a Time to Talk visit needs no --bp`
    )
  }
  const { option, value } = optionOf(problem.field, opts)
  return new BadInput(`${option}${value === undefined ? '' : ` ${value}`}: ${problem.message}${risk}`)
}

/** The visit on the form the clinic's type uses, from the options; refuses an option of the other form by name. */
function visitOf(opts: AttendOptions, form: Form, clinicType: string, appointmentId: number): Visit {
  for (const v of visitOptions) {
    if (v.form !== null && v.form !== form && given(opts, v.key)) {
      const which = form === 'bp-review' ? 'a BP review' : 'a Time to Talk review'
      throw new BadInput(`${v.option}: appointment ${appointmentId} is ${which} (clinic type "${clinicType}"), which does not record it`)
    }
  }
  if (opts.phq9 !== undefined && opts.phq9Item9 === undefined) {
    throw new BadInput(
      `--phq9 ${opts.phq9}: a PHQ-9 total needs item 9 too: add --phq9-item9 N (0–3), because an answer above 0 needs a risk assessment the same day`
    )
  }
  if (opts.phq9Item9 !== undefined && opts.phq9 === undefined) throw new BadInput(`--phq9-item9 ${opts.phq9Item9}: give the PHQ-9 total with --phq9 too`)

  const referrals = [
    ...(opts.refer ?? []).map((serviceId) => ({ serviceId, kind: 'sent' as const })),
    ...(opts.signpost ?? []).map((serviceId) => ({ serviceId, kind: 'self-referral' as const }))
  ]
  const common = { readings: readings(opts.bp ?? []), agreedPlan: opts.plan ?? '', referrals }
  if (form === 'bp-review') {
    return {
      form,
      ...common,
      bpDeclined: !!opts.bpDeclined,
      adherence: opts.adherence === undefined ? null : { status: adherence(opts.adherence), reasons: [] }
    }
  }
  const total = (option: string, text: string | undefined) => (text === undefined ? null : { total: numberOption(text, option) })
  const phq9 =
    opts.phq9 === undefined
      ? null
      : {
          items: [...Array<number | null>(PHQ9_ITEM9_INDEX).fill(null), numberOption(opts.phq9Item9 ?? '', '--phq9-item9')],
          total: numberOption(opts.phq9, '--phq9')
        }
  return {
    form,
    ...common,
    phq9,
    gad7: total('--gad7', opts.gad7),
    ons4: opts.ons4 === undefined ? null : ons4(opts.ons4),
    ucla3: total('--ucla3', opts.ucla3)
  }
}

/** The record as the domain checks it (the schema's defaults filled in). */
function asRecord(visit: Visit): VisitRecord {
  if (visit.form === 'bp-review') {
    return {
      form: 'bp-review',
      readings: visit.readings ?? [],
      bpDeclined: visit.bpDeclined ?? false,
      adherence: visit.adherence ? { status: visit.adherence.status, reasons: visit.adherence.reasons ?? [] } : null,
      medicineChanges: [],
      homeBpMonitoring: 'not-discussed',
      mecc: {}
    }
  }
  return {
    form: 'time-to-talk',
    concerns: [],
    phq9: visit.phq9 ?? null,
    gad7: visit.gad7 ?? null,
    ons4: visit.ons4 ? { lifeSatisfaction: null, worthwhile: null, happiness: null, anxiety: null, ...visit.ons4 } : null,
    ucla3: visit.ucla3 ?? null,
    readings: visit.readings ?? []
  }
}

/** A referral the service refused names the option it came from (`--refer 3`), not `referrals[0]`. */
function referralOption(message: string, opts: AttendOptions): string {
  const match = /^referrals\[(\d+)\](?:\.\w+)?: /.exec(message)
  if (!match) return message
  const index = Number(match[1])
  const refer = opts.refer ?? []
  const option = index < refer.length ? `--refer ${refer[index]}` : `--signpost ${(opts.signpost ?? [])[index - refer.length]}`
  return `${option}: ${message.slice(match[0].length)}`
}

export function addAttendCommand(program: Command, { call, print, open }: CliCommandDeps): void {
  program
    .command('attend')
    .description("record a visit on its clinic's form (the clinic's type decides what is required: a Time to Talk visit needs no --bp), or a did-not-attend")
    .requiredOption('--appointment <id>', 'appointment id', (v) => positiveInt(v, '--appointment'))
    .option('--bp <sys/dia>', 'a BP reading, e.g. 152/94 (repeat for several); a BP review needs one unless --bp-declined', repeat)
    .option('--dna', 'did not attend')
    .option('--bp-declined', 'BP review: the patient declined to have their blood pressure taken')
    .option('--adherence <status>', `BP review: ${adherenceStatuses.map((s) => s.id).join(' | ')}`)
    .option('--phq9 <total>', 'Time to Talk: PHQ-9 total 0–27 (needs --phq9-item9)')
    .option('--phq9-item9 <n>', 'Time to Talk: the answer to PHQ-9 item 9, 0–3; required with --phq9 (above 0 prompts a same-day risk assessment)')
    .option('--gad7 <total>', 'Time to Talk: GAD-7 total 0–21')
    .option('--ons4 <L,S,H,A>', 'Time to Talk: ONS4 life satisfaction, worthwhile, happiness, anxiety, each 0–10 (leave one empty if not answered)')
    .option('--ucla3 <total>', 'Time to Talk: UCLA-3 loneliness total 3–9')
    .option('--refer <serviceId>', 'send a referral to this local service (see "services list"; repeatable)', repeatId('--refer'))
    .option('--signpost <serviceId>', 'give the patient this local service to refer themselves (repeatable)', repeatId('--signpost'))
    .option('--action <action>', 'medication-change | lifestyle-advice | home-bp-monitoring | referral (repeatable)', repeat)
    .option('--note <text>', 'free-text note for the record')
    .option('--plan <text>', 'what was agreed, in words for the patient (printed on the "What we agreed" summary)')
    .option('--summary-out <file>', 'also print the "What we agreed" summary PDF to this file')
    .option('--json', 'print JSON')
    .action(async (opts: AttendOptions) => {
      const recorded = visitOptions.filter((v) => given(opts, v.key))
      if (opts.dna && recorded.length > 0) {
        throw new CommanderError(
          2,
          'clinic-recall.usage',
          `--dna records a did-not-attend: give no visit options with it (${recorded.map((v) => v.option).join(', ')})`
        )
      }
      if (!opts.dna && recorded.length === 0) {
        throw new CommanderError(
          2,
          'clinic-recall.usage',
          'Give --dna, or what was recorded at the visit: --bp SYS/DIA (a BP review needs one, or --bp-declined; a Time to Talk visit needs no --bp), the questionnaires, --refer, --note'
        )
      }
      let result: OperationOutput<'appointments.attend'>
      let summaryFile: string | null = null
      if (opts.dna) {
        result = await call('appointments.markDidNotAttend', { appointmentId: opts.appointment })
      } else {
        // Checked before anything is looked up, so a mistyped reading is named whatever the appointment.
        readings(opts.bp ?? [])
        const context = await call('visits.context', { appointmentId: opts.appointment })
        const visit = visitOf(opts, context.form, context.clinicType, opts.appointment)
        const record = asRecord(visit)
        const problems = visitRecordProblems(record, context.clinicType)
        const first = problems[0]
        if (first) throw refusedOption(first, opts, visitRiskPrompt(record), context.clinicType)
        // Refused before the visit is recorded: the copy must never land on the database or a backup,
        // and a summary that cannot be printed must not leave a visit recorded behind an exit 1.
        const target = opts.summaryOut === undefined ? null : assertSafeOutputPath(open(), opts.summaryOut, '--summary-out')
        if (target !== null && isPlaceholderPractice(await call('settings.get', {}))) {
          throw new BadInput(
            '--summary-out: the "What we agreed" summary cannot be printed until the practice details are filled in (they still say "set in Settings"): set them with `clinic-recall settings set` or in Settings, then record the visit'
          )
        }
        const input: OperationInput<'appointments.attend'> = {
          appointmentId: opts.appointment,
          visit,
          actions: (opts.action ?? []) as OperationInput<'appointments.attend'>['actions'],
          note: opts.note ?? ''
        }
        try {
          result = await call('appointments.attend', input)
        } catch (error) {
          if (error instanceof BadInput) throw new BadInput(referralOption(error.message, opts), error.code)
          throw error
        }
        if (target !== null) {
          const summary = await call('visits.summaryPdf', { appointmentId: opts.appointment })
          summaryFile = copyDocumentTo(open(), summary.file.fileId, target, '--summary-out')
          result = { ...result, visit: result.visit ? { ...result.visit, warnings: [...result.visit.warnings, ...summary.warnings] } : result.visit }
        }
      }
      const visit = result.visit
      const json = {
        status: result.status,
        bp: result.bp ? `${result.bp.systolic}/${result.bp.diastolic}` : null,
        bpReading: result.bp,
        priority: result.priority,
        followUpDue: result.followUpDue,
        followUpReason: result.followUpReason,
        form: visit?.form ?? null,
        scores: (visit?.scores ?? []).map((s) => ({
          measure: s.measure,
          name: s.name,
          score: s.score,
          band: s.band,
          bandLabel: s.bandLabel,
          enteredAs: s.enteredAs
        })),
        riskPrompt: visit?.riskPrompt ?? false,
        riskPromptText: visit?.riskPromptText ?? null,
        referrals: (visit?.referrals ?? []).map((r) => ({
          referralId: r.referralId,
          serviceId: r.serviceId,
          service: r.service,
          kind: r.kind,
          referredOn: r.referredOn
        })),
        warnings: visit?.warnings ?? [],
        summaryFile
      }
      print(!!opts.json, json, () => {
        if (result.status !== 'attended') return `Recorded as ${result.status}.`
        return [
          ...(json.riskPromptText ? [`SAME-DAY RISK: ${json.riskPromptText}`] : []),
          `Attended${visit ? ` (${visit.form === 'time-to-talk' ? 'Time to Talk review' : 'BP review'})` : ''}: ${json.bp ? `BP ${json.bp} (lowest of the readings)` : 'no BP taken'}. Follow-up due ${result.followUpDue}: ${result.followUpReason}`,
          ...json.scores.map((s) => `  ${s.name}: ${s.score} (${s.bandLabel})`),
          ...json.referrals.map((r) => `  ${r.kind === 'sent' ? 'Referred to' : 'Signposted to'} ${r.service} (referral ${r.referralId})`),
          ...json.warnings.map((w) => `  warning: ${w}`),
          ...(summaryFile ? [`  "What we agreed" summary: ${summaryFile}`] : [])
        ].join('\n')
      })
    })
}
