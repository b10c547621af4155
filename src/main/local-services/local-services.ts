// The directory of local services: listed with the warning for any that patients could not be told
// how to reach, added and edited (one active service per name), deactivated and reactivated — never
// deleted, since referrals point at them. Every change is logged in plain words.
import {
  isLocalServiceCategory,
  localServiceCategories,
  localServiceCategoryLabels,
  MAX_SERVICE_ADDRESS,
  MAX_SERVICE_OFFERS,
  MAX_SERVICE_OPENING_TIMES,
  referralRoutesProblem,
  serviceContactProblem,
  serviceNameProblem,
  servicePhoneProblem,
  serviceWebProblem,
  withoutExampleNotice,
  type LocalService,
  type LocalServiceCategory
} from '../../shared/domain/local-services'
import { AppError } from '../../shared/result'
import { logActivity } from '../activity-log'
import { actorName, type ReadingContext, type ServiceContext } from '../context'
import type { ReadableDb } from '../db/database-access'
import {
  activeServiceNamesExcept,
  allLocalServices,
  findLocalService,
  insertLocalService,
  referralsAwaitingOutcomeByService,
  setLocalServiceActive,
  updateLocalService,
  type LocalServiceRow,
  type LocalServiceValues
} from './local-service-queries'

export type ListedLocalService = LocalService & { contactProblem: string | null; awaitingOutcome: number }

export function localServiceFromRow(row: LocalServiceRow): LocalService {
  return {
    serviceId: row.id,
    name: row.name,
    offers: row.offers,
    category: row.category,
    selfReferral: row.self_referral === 1,
    practiceReferral: row.practice_referral === 1,
    phone: row.phone,
    web: row.web,
    address: row.address,
    openingTimes: row.opening_times,
    active: row.active === 1,
    isExample: row.is_example === 1,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by
  }
}

function listed(service: LocalService, awaiting: ReadonlyMap<number, number>): ListedLocalService {
  return { ...service, contactProblem: serviceContactProblem(service), awaitingOutcome: awaiting.get(service.serviceId) ?? 0 }
}

export function listLocalServices(ctx: Pick<ReadingContext, 'db'>): ListedLocalService[] {
  const awaiting = referralsAwaitingOutcomeByService(ctx.db)
  return allLocalServices(ctx.db).map((row) => listed(localServiceFromRow(row), awaiting))
}

export function requireLocalService(db: ReadableDb, serviceId: number): LocalService {
  const row = findLocalService(db, serviceId)
  if (!row)
    throw new AppError('not_found', `service: there is no local service ${serviceId} (see the list in Settings → Local services)`, { field: 'serviceId' })
  return localServiceFromRow(row)
}

function getListed(db: ReadableDb, serviceId: number): ListedLocalService {
  return listed(requireLocalService(db, serviceId), referralsAwaitingOutcomeByService(db))
}

export interface SaveLocalServiceInput {
  serviceId?: number | undefined
  name: string
  offers?: string | undefined
  category: LocalServiceCategory
  selfReferral: boolean
  practiceReferral: boolean
  phone?: string | null | undefined
  web?: string | null | undefined
  address?: string | null | undefined
  openingTimes?: string | null | undefined
  checked?: boolean | undefined
}

/** Blank is "not known": stored as null. */
function known(text: string | null | undefined): string | null {
  const trimmed = text?.trim() ?? ''
  return trimmed === '' ? null : trimmed
}

function refuse(field: string, problem: string): never {
  throw new AppError('invalid_input', `${field}: ${problem}`, { field })
}

/**
 * The values to store, each checked. The contract checks what front ends send; this holds
 * in-process callers (tests, a future seeder) to the same rules.
 */
function checkedValues(input: SaveLocalServiceInput, otherActiveNames: readonly string[]): LocalServiceValues {
  const nameProblem = serviceNameProblem(input.name, otherActiveNames)
  if (nameProblem) refuse('name', nameProblem)
  if (!isLocalServiceCategory(input.category)) refuse('category', `expected one of ${localServiceCategories.join(', ')}`)
  const routes = referralRoutesProblem(input)
  if (routes) refuse('practiceReferral', routes)
  const values: LocalServiceValues = {
    name: input.name.trim(),
    offers: (input.offers ?? '').trim(),
    category: input.category,
    selfReferral: input.selfReferral,
    practiceReferral: input.practiceReferral,
    phone: known(input.phone),
    web: known(input.web),
    address: known(input.address),
    openingTimes: known(input.openingTimes)
  }
  if (values.offers.length > MAX_SERVICE_OFFERS) refuse('offers', `what the service offers can be at most ${MAX_SERVICE_OFFERS} characters`)
  if (values.phone !== null) {
    const problem = servicePhoneProblem(values.phone)
    if (problem) refuse('phone', problem)
  }
  if (values.web !== null) {
    const problem = serviceWebProblem(values.web)
    if (problem) refuse('web', problem)
  }
  if (values.address !== null && values.address.length > MAX_SERVICE_ADDRESS) refuse('address', `an address can be at most ${MAX_SERVICE_ADDRESS} characters`)
  if (values.openingTimes !== null && values.openingTimes.length > MAX_SERVICE_OPENING_TIMES) {
    refuse('openingTimes', `opening times can be at most ${MAX_SERVICE_OPENING_TIMES} characters`)
  }
  return values
}

const whoMayRefer = (s: Pick<LocalService, 'selfReferral' | 'practiceReferral'>) =>
  s.selfReferral && s.practiceReferral ? 'self-referral or practice referral' : s.selfReferral ? 'self-referral only' : 'practice referral only'

/** Adds a service (no serviceId) or replaces every field of one (serviceId). */
export function saveLocalService(ctx: ServiceContext, input: SaveLocalServiceInput): ListedLocalService {
  return ctx.db.transaction(() => {
    const at = ctx.now().toISOString()
    const by = actorName(ctx)
    if (input.serviceId === undefined) {
      const values = checkedValues(input, activeServiceNamesExcept(ctx.db, null))
      const serviceId = insertLocalService(ctx.db, values, at, by)
      const problem = serviceContactProblem(values)
      logActivity(
        ctx,
        ctx.db,
        'services.save',
        `Added the local service "${values.name}" (${localServiceCategoryLabels[values.category]}; ${whoMayRefer(values)})${problem ? ' with no contact details' : ''}`,
        { serviceId, category: values.category }
      )
      return getListed(ctx.db, serviceId)
    }
    const before = requireLocalService(ctx.db, input.serviceId)
    // An inactive service may share its name with an active one; it is checked again when reactivated.
    const values = checkedValues(input, before.active ? activeServiceNamesExcept(ctx.db, before.serviceId) : [])
    const isExample = before.isExample && input.checked !== true
    const offers = before.isExample && !isExample ? withoutExampleNotice(values.offers) : values.offers
    updateLocalService(ctx.db, before.serviceId, { ...values, offers, isExample }, at, by)
    const renamed = before.name === values.name ? '' : ` (was "${before.name}")`
    const checked = before.isExample && !isExample ? '; its details are now checked by the practice' : ''
    logActivity(ctx, ctx.db, 'services.save', `Updated the local service "${values.name}"${renamed}${checked}`, {
      serviceId: before.serviceId,
      category: values.category,
      ...(checked ? { checked: true } : {})
    })
    return getListed(ctx.db, before.serviceId)
  })()
}

export function setLocalServiceActiveState(ctx: ServiceContext, input: { serviceId: number; active: boolean }): ListedLocalService {
  return ctx.db.transaction(() => {
    const service = requireLocalService(ctx.db, input.serviceId)
    if (service.active === input.active) return getListed(ctx.db, service.serviceId)
    if (input.active) {
      const problem = serviceNameProblem(service.name, activeServiceNamesExcept(ctx.db, service.serviceId))
      if (problem) throw new AppError('conflict', `${service.name} cannot be reactivated: ${problem}`)
    }
    setLocalServiceActive(ctx.db, service.serviceId, input.active, ctx.now().toISOString(), actorName(ctx))
    logActivity(
      ctx,
      ctx.db,
      'services.setActive',
      input.active
        ? `Reactivated the local service "${service.name}": it can be referred to again`
        : `Deactivated the local service "${service.name}": no new referrals; its referrals stay`,
      { serviceId: service.serviceId, active: input.active }
    )
    return getListed(ctx.db, service.serviceId)
  })()
}
