// `clinic-recall patients find QUERY` and `clinic-recall patient show NHS_NUMBER`: the header search
// and the patient page, for a practice that scripts them. NHS numbers print 3-3-4 in text (as on
// every screen) and as 10 digits in JSON.
import type { Command } from 'commander'
import type { OperationOutput } from '../../shared/contract'
import { formatNhsNumber } from '../../shared/domain/nhs-number'
import { numberOption } from './option-values'
import type { CliCommandDeps } from './cli-command-deps'

type Found = OperationOutput<'patients.find'>
type Page = OperationOutput<'patients.show'>

function foundText(found: Found): string {
  if (found.patients.length === 0) return `No patient with ${found.searchedFor}.`
  const heading = found.more
    ? `${found.patients.length} of ${found.total} patients with ${found.searchedFor} (type more to narrow the search):`
    : `${found.total} patient${found.total === 1 ? '' : 's'} with ${found.searchedFor}:`
  const lines = found.patients.map((p) =>
    [
      `  ${formatNhsNumber(p.nhsNumber)}`,
      p.name,
      p.dateOfBirth ? `born ${p.dateOfBirth}${p.age === null ? '' : ` (${p.age})`}` : 'no date of birth',
      p.postcode ?? 'no postcode',
      `${p.registrationStatus ?? 'status not exported'}${p.noLongerRegistered ? ' — died or left' : ''}${p.notInLatestExport ? ' — not in the latest export' : ''}`
    ].join('  ')
  )
  return [heading, ...lines].join('\n')
}

/** The page as `patient show --json` prints it: the patient's details at the top level, then each section. Keys are public. */
function pageJson(page: Page) {
  return {
    ...page.patient,
    asOf: page.asOf,
    contact: page.contact,
    registers: page.registers,
    readings: page.readings,
    snapshots: page.snapshots,
    invitations: page.invitations,
    appointments: page.appointments,
    visits: page.visits,
    followUps: page.followUps,
    referrals: page.referrals,
    reInvite: page.reInvitation
  }
}

function section<T>(title: string, items: readonly T[], line: (item: T) => string, empty: string): string[] {
  return [`${title}:`, ...(items.length === 0 ? [`  ${empty}`] : items.map((item) => `  ${line(item)}`))]
}

function pageText(page: Page): string {
  const p = page.patient
  const c = page.contact
  return [
    `${formatNhsNumber(p.nhsNumber)}  ${p.name}`,
    `  born ${p.dateOfBirth ?? 'not exported'}${p.age === null ? '' : ` (${p.age})`}; sex ${p.sex ?? 'not exported'}; ${p.registrationStatus ?? 'registration status not exported'}${p.noLongerRegistered ? ' (died or left)' : ''}`,
    `  ${[...p.addressLines, p.postcode ?? 'no postcode'].join(', ')}`,
    `  mobile ${p.mobile ?? 'none'}; home phone ${p.homePhone ?? 'none'}; usual GP ${p.usualGp ?? 'not exported'}`,
    `Contact: ${c.noContact ? 'NO CONTACT PERMITTED' : 'permitted'}; SMS ${c.smsDeclined ? 'declined' : 'allowed'}; large print ${c.largePrint ? 'yes' : 'no'}; preferred ${c.preferredChannel}${c.interpreterRequired ? `; interpreter needed${c.mainLanguage ? ` (${c.mainLanguage})` : ''}` : ''}`,
    ...section(
      'Registers',
      page.registers,
      (r) => `${r.name}${r.since ? ` since ${r.since}` : ''}${r.matchedByTerm ? ' (matched by term — check)' : ''}`,
      'none'
    ),
    ...section('BP readings', page.readings, (r) => `${r.date}  ${r.systolic}/${r.diastolic}  ${r.setting}${r.source === 'visit' ? ' (visit)' : ''}`, 'none'),
    ...section(
      'Cohort snapshots',
      page.snapshots,
      (s) =>
        `#${s.cohortId} ${s.name} as of ${s.asOf}: ${s.status}${s.priority ? ` ${s.priority}` : ''}${s.ruleLabel ? ` — ${s.ruleLabel}` : ''}${s.reasons.length ? ` — ${s.reasons.join('; ')}` : ''}`,
      'in none'
    ),
    ...section('Invitations', page.invitations, (i) => `${i.sentOn}  invitation ${i.attempt} by ${i.channel} from #${i.cohortId} ${i.cohortName}`, 'none sent'),
    ...section('Appointments', page.appointments, (a) => `${a.date} ${a.start}  ${a.clinicType}: ${a.status}`, 'none'),
    ...section(
      'Visits',
      page.visits,
      (v) => `${v.date}  ${v.clinicType}: ${v.record.formLabel}${v.bp ? `, BP ${v.bp.systolic}/${v.bp.diastolic}` : ''}${v.note ? ` — ${v.note}` : ''}`,
      'none'
    ),
    ...section('Follow-ups', page.followUps, (f) => `${f.dueOn}  ${f.status}: ${f.reason}`, 'none'),
    ...section('Referrals', page.referrals, (r) => `${r.referredOn}  ${r.service} (${r.kind})${r.outcome ? `: ${r.outcome}` : ': no outcome yet'}`, 'none'),
    `Re-invite: ${page.reInvitation.explanation}`
  ].join('\n')
}

export function addPatientCommands(program: Command, { call, print, checkInput }: CliCommandDeps): void {
  program
    .command('patients')
    .description('find patients')
    .command('find')
    .description('find patients by name, date of birth (02/12/1960), NHS number (or its last digits) or postcode')
    .argument('<query...>', 'what to search for; several words are one name search ("zoe garcia")')
    .option('--limit <n>', 'list at most this many (1–50, default 50)', (v) => numberOption(v, '--limit'))
    .option('--json', 'print JSON')
    .action(async (words: string[], opts: { limit?: number; json?: boolean }) => {
      const input = { query: words.join(' '), ...(opts.limit === undefined ? {} : { limit: opts.limit }) }
      checkInput('patients.find', input, { query: 'QUERY', limit: '--limit' })
      const found = await call('patients.find', input)
      print(!!opts.json, found, () => foundText(found))
    })

  program
    .command('patient')
    .description('one patient')
    .command('show')
    .description('everything about one patient: details, contact preferences, registers, readings, cohorts, invitations, appointments, visits, referrals')
    .argument('<nhs-number>', 'NHS number (any spacing)')
    .option('--json', 'print JSON')
    .action(async (nhsNumber: string, opts: { json?: boolean }) => {
      const page = await call('patients.show', { nhsNumber })
      print(!!opts.json, pageJson(page), () => pageText(page))
    })
}
