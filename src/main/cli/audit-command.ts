// `clinic-recall audit [--programme ID]`: the BP outcome and uptake funnel of one programme, or of
// the whole practice with each programme's own figures — with the wellbeing table, adherence at
// baseline and referrals where the audit has them — and optionally the audit workbook.
import type { Command } from 'commander'
import type { OperationOutput } from '../../shared/contract'
import { copyDocumentTo } from '../files/copy-documents-out'
import { assertSafeOutputPath } from '../files/output-path-guard'
import { dateOption, positiveInt } from './option-values'
import type { CliCommandDeps } from './cli-command-deps'

type Summary = OperationOutput<'audit.summary'>
type Funnel = Summary['funnel']
type Wellbeing = NonNullable<Summary['wellbeingOutcome']>

/** The wellbeing table in lines: PHQ-9 and GAD-7 reliable change, ONS4 and UCLA-3 means. */
function wellbeingLines(w: Wellbeing): string[] {
  const change = (name: string, c: Wellbeing['phq9']) =>
    `  ${name}: ${c.patients} with both — reliable improvement ${c.improved}, no reliable change ${c.unchanged}, reliable deterioration ${c.worse}`
  const mean = (v: number | null) => (v === null ? '—' : v.toFixed(1))
  const scores = (name: string, s: Wellbeing['ons4']['anxiety']) =>
    `  ${name}: ${s.patients} with both — mean ${mean(s.meanBaseline)} → ${mean(s.meanFollowUp)} (change ${mean(s.meanChange)})`
  return [
    `Wellbeing: invited patients with a baseline and a follow-up score: ${w.patients}`,
    change('PHQ-9', w.phq9),
    change('GAD-7', w.gad7),
    scores('ONS4 life satisfaction', w.ons4.lifeSatisfaction),
    scores('ONS4 worthwhile', w.ons4.worthwhile),
    scores('ONS4 happiness', w.ons4.happiness),
    scores('ONS4 anxiety', w.ons4.anxiety),
    `${scores('UCLA-3', w.ucla3)}; lonely at baseline ${w.ucla3.lonelyAtBaseline}, at follow-up ${w.ucla3.lonelyAtFollowUp}, no longer lonely ${w.ucla3.noLongerLonely}`
  ]
}

function adherenceLines(a: NonNullable<Summary['adherence']>): string[] {
  return [
    `Adherence at the first visit: ${a.patients} asked; not taking as prescribed ${a.notTakingAsPrescribed} ` +
      `(forgets ${a.status.forgets}, stopped ${a.status.stopped}, side effects ${a.status['side-effects']}, prescription not collected ${a.status['not-collected']})`,
    `  reasons: forgets ${a.reasons.forgets}, side effects ${a.reasons['side-effects']}, prescription cost ${a.reasons['prescription-cost']}, ` +
      `not needed ${a.reasons['not-needed']}, practical difficulty ${a.reasons['practical-difficulty']}, other ${a.reasons.other}`
  ]
}

function referralLines(referrals: Summary['referrals']): string[] {
  if (referrals.length === 0) return []
  return [
    'Referrals to local services:',
    ...referrals.map(
      (r) =>
        `  ${r.service}: referred ${r.referred} — accepted ${r.accepted}, attended ${r.attended}, declined ${r.declined}, not known ${r.unknown}, no outcome yet ${r.noOutcome}`
    )
  ]
}

function funnelLine(f: Funnel): string {
  return (
    `eligible ${f.eligible} → invited ${f.invited1} (2nd invitation ${f.invited2}, 3rd ${f.invited3}) → ` +
    `booked ${f.booked} → attended ${f.attended} → followed up ${f.followedUp}`
  )
}

export function addAuditCommand(program: Command, { call, print, open }: CliCommandDeps): void {
  program
    .command('audit')
    .description('BP outcome and uptake funnel of one programme or the whole practice; optionally the audit workbook')
    .option('--as-of <date>', 'YYYY-MM-DD (default today)', (v) => dateOption(v, '--as-of'))
    .option('--programme <id>', 'audit this programme only (see "programme list"); default: the whole practice', (v) => positiveInt(v, '--programme'))
    .option('--out <file>', 'write the audit workbook (.xlsx) here')
    .option('--pseudonymised', 'no names, NHS numbers or dates of birth; small numbers suppressed')
    .option('--json', 'print JSON')
    .action(async (opts: { asOf?: string; programme?: number; out?: string; pseudonymised?: boolean; json?: boolean }) => {
      // Refused before anything is exported: the workbook must never land on the database or a backup.
      const target = opts.out ? assertSafeOutputPath(open(), opts.out, '--out') : null
      const scope = opts.programme === undefined ? {} : { programmeId: opts.programme }
      // An unknown programme is refused here (not_found, exit 1) before any workbook is written.
      const summary = await call('audit.summary', { asOf: opts.asOf, ...scope })
      let workbook: string | null = null
      if (target) {
        const file = await call('audit.exportWorkbook', { asOf: opts.asOf, pseudonymised: !!opts.pseudonymised, ...scope })
        workbook = copyDocumentTo(open(), file.fileId, target, '--out')
      }
      const json = {
        asOf: summary.asOf,
        programmeId: summary.programmeId,
        programmeName: summary.programmeName,
        bpOutcome: summary.bpOutcome,
        funnel: summary.funnel,
        programmes: summary.programmes.map((p) => ({
          programmeId: p.programmeId,
          name: p.name,
          outcome: p.outcome,
          status: p.status,
          bpOutcome: p.bpOutcome,
          funnel: p.funnel
        })),
        workbook,
        wellbeingOutcome: summary.wellbeingOutcome,
        adherence: summary.adherence,
        referrals: summary.referrals
      }
      const o = summary.bpOutcome
      const others = summary.programmeId === null ? summary.programmes : []
      print(!!opts.json, json, () =>
        [
          summary.programmeName === null
            ? `Audit of the whole practice (every programme, each patient counted once) as of ${summary.asOf}`
            : `Audit of the programme "${summary.programmeName}" (${summary.programmeId}) as of ${summary.asOf}`,
          `Invited patients with a baseline and a follow-up reading: ${o.patients}`,
          `  reduced systolic: ${o.reduced} (${o.reducedPercent}%)  no change: ${o.unchanged} (${o.unchangedPercent}%)  increased: ${o.increased} (${o.increasedPercent}%)`,
          `Funnel: ${funnelLine(summary.funnel)}`,
          ...(summary.wellbeingOutcome ? wellbeingLines(summary.wellbeingOutcome) : []),
          ...(summary.adherence ? adherenceLines(summary.adherence) : []),
          ...referralLines(summary.referrals),
          ...(others.length > 0 ? ['Each programme on its own (patients in more than one are counted in each):'] : []),
          ...others.map(
            (p) =>
              `  ${p.programmeId} "${p.name}"${p.status === 'closed' ? ' (closed)' : ''}: BP table ${p.bpOutcome.patients} (reduced ${p.bpOutcome.reduced}); ${funnelLine(p.funnel)}`
          ),
          ...(workbook ? [`Workbook: ${workbook}`] : [])
        ].join('\n')
      )
    })
}
