// `clinic-recall services list|add` and `referrals due`: the directory of local services the
// practice signposts or refers patients to, and the referrals still waiting for an outcome.
// The `--json` keys are public: add keys, never rename or drop one.
import { CommanderError, type Command } from 'commander'
import type { OperationOutput } from '../../shared/contract'
import {
  DEFAULT_REFERRAL_OUTCOME_WEEKS,
  isLocalServiceCategory,
  localServiceCategories,
  localServiceCategoryLabels,
  MAX_REFERRAL_OUTCOME_WEEKS,
  MIN_REFERRAL_OUTCOME_WEEKS
} from '../../shared/domain/local-services'
import { formatNhsNumber } from '../../shared/domain/nhs-number'
import { dateOption, numberOption } from './option-values'
import type { CliCommandDeps } from './cli-command-deps'

type Service = OperationOutput<'services.list'>['services'][number]

/** The public JSON of one service. */
function serviceJson(s: Service) {
  return {
    serviceId: s.serviceId,
    name: s.name,
    category: s.category,
    selfReferral: s.selfReferral,
    practiceReferral: s.practiceReferral,
    offers: s.offers,
    phone: s.phone,
    web: s.web,
    address: s.address,
    openingTimes: s.openingTimes,
    active: s.active,
    isExample: s.isExample,
    contactProblem: s.contactProblem,
    awaitingOutcome: s.awaitingOutcome
  }
}

function whoMayRefer(s: Service): string {
  if (s.selfReferral && s.practiceReferral) return 'self-referral or practice referral'
  return s.selfReferral ? 'self-referral only' : 'practice referral only'
}

function serviceText(s: Service): string {
  const flags = [s.active ? '' : ' [inactive]', s.isExample ? ' [example: check details before use]' : ''].join('')
  const contact = [s.phone, s.web, s.address].filter((v): v is string => v !== null).join('; ')
  return [
    `${s.serviceId}  ${s.name}${flags}  (${localServiceCategoryLabels[s.category]}; ${whoMayRefer(s)})`,
    ...(contact ? [`    ${contact}`] : []),
    ...(s.contactProblem ? [`    Warning: ${s.contactProblem}`] : [])
  ].join('\n')
}

interface AddOptions {
  name: string
  category: string
  offers?: string
  phone?: string
  web?: string
  address?: string
  openingTimes?: string
  selfReferral?: boolean
  practiceReferral?: boolean
  json?: boolean
}

export function addServicesCommands(program: Command, { call, print, checkInput }: CliCommandDeps): void {
  const services = program.command('services').description('local services the practice signposts or refers patients to')

  services
    .command('list')
    .description('every local service, active first, with a warning for any with no contact details')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { services: list } = await call('services.list', {})
      print(!!opts.json, { services: list.map(serviceJson) }, () =>
        list.length === 0 ? 'No local services yet. Add one with "services add".' : list.map(serviceText).join('\n')
      )
    })

  services
    .command('add')
    .description('add a local service to the directory')
    .requiredOption('--name <name>', 'what the service is called, e.g. "NHS Talking Therapies"')
    .requiredOption('--category <category>', `one of: ${localServiceCategories.join(', ')}`)
    .option('--offers <text>', 'what it offers, in the words staff read to the patient')
    .option('--phone <number>', 'its phone number')
    .option('--web <url>', 'its web address, starting https://')
    .option('--address <text>', 'its address')
    .option('--opening-times <text>', 'when it is open')
    .option('--self-referral', 'patients may refer themselves')
    .option('--no-practice-referral', 'the practice cannot send referrals (self-referral only)')
    .option('--json', 'print JSON')
    .action(async (opts: AddOptions) => {
      const category = opts.category.trim()
      if (!isLocalServiceCategory(category)) {
        throw new CommanderError(2, 'clinic-recall.usage', `Unknown category "${opts.category}". Use one of: ${localServiceCategories.join(', ')}`)
      }
      const input = {
        name: opts.name,
        category,
        selfReferral: opts.selfReferral === true,
        practiceReferral: opts.practiceReferral !== false,
        ...(opts.offers !== undefined ? { offers: opts.offers } : {}),
        ...(opts.phone !== undefined ? { phone: opts.phone } : {}),
        ...(opts.web !== undefined ? { web: opts.web } : {}),
        ...(opts.address !== undefined ? { address: opts.address } : {}),
        ...(opts.openingTimes !== undefined ? { openingTimes: opts.openingTimes } : {})
      }
      checkInput('services.save', input, {
        name: '--name',
        offers: '--offers',
        phone: '--phone',
        web: '--web',
        address: '--address',
        openingTimes: '--opening-times'
      })
      if (!input.selfReferral && !input.practiceReferral) {
        throw new CommanderError(2, 'clinic-recall.usage', '--no-practice-referral needs --self-referral: somebody must be able to refer to the service')
      }
      const saved = await call('services.save', input)
      print(!!opts.json, serviceJson(saved), () =>
        [`Local service ${saved.serviceId} added: ${saved.name}.`, ...(saved.contactProblem ? [`Warning: ${saved.contactProblem}`] : [])].join('\n')
      )
    })

  const referrals = program.command('referrals').description('referrals to local services')
  referrals
    .command('due')
    .description(`referrals with no outcome recorded after some weeks (default ${DEFAULT_REFERRAL_OUTCOME_WEEKS})`)
    .option('--as-of <date>', 'YYYY-MM-DD (default today)', (v) => dateOption(v, '--as-of'))
    .option('--weeks <n>', `weeks without an outcome before a referral is listed, ${MIN_REFERRAL_OUTCOME_WEEKS}–${MAX_REFERRAL_OUTCOME_WEEKS}`)
    .option('--json', 'print JSON')
    .action(async (opts: { asOf?: string; weeks?: string; json?: boolean }) => {
      const input = {
        ...(opts.asOf ? { asOf: opts.asOf } : {}),
        ...(opts.weeks !== undefined ? { weeks: numberOption(opts.weeks, '--weeks') } : {})
      }
      checkInput('referrals.due', input, { asOf: '--as-of', weeks: '--weeks' })
      const result = await call('referrals.due', input)
      const json = {
        asOf: result.asOf,
        weeks: result.weeks,
        due: result.due.map((r) => ({
          referralId: r.referralId,
          nhsNumber: r.nhsNumber,
          name: r.name,
          service: r.service,
          serviceId: r.serviceId,
          kind: r.kind,
          referredOn: r.referredOn,
          referredBy: r.referredBy,
          weeksWaiting: r.weeksWaiting,
          dueOn: r.dueOn,
          programmeId: r.programmeId,
          serviceContactProblem: r.serviceContactProblem
        }))
      }
      print(!!opts.json, json, () =>
        [
          `Referrals with no outcome after ${result.weeks} weeks, as of ${result.asOf}: ${result.due.length}`,
          ...result.due.map(
            (r) =>
              `  ${r.referredOn}  ${r.weeksWaiting} weeks  ${formatNhsNumber(r.nhsNumber)}  ${r.name}  → ${r.service} (${r.kind === 'sent' ? 'sent' : 'self-referral'})`
          )
        ].join('\n')
      )
    })
}
