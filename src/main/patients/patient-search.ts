// "Find a patient": reads what was typed as one kind of search (shared/domain/patient-search-query.ts)
// and asks the matching indexed query. Text that is no kind of search is refused with what to type,
// so an empty list always means "nobody matches", never "the search was not understood".
//
// A name search first brings the name index up to date with the patients added or renamed since the
// last one (migration 0016 says why it is not kept up to date row by row). That is the one write a
// search makes, to an index derived from the patients table and nothing else, so it takes the
// writable context; it changes no practice data and is not an activity.
import type { OperationOutput } from '../../shared/contract'
import { ageOn } from '../../shared/domain/uk-date'
import { displayName } from '../../shared/domain/patient-record'
import { describePatientSearch, parsePatientSearch, type PatientSearchQuery } from '../../shared/domain/patient-search-query'
import { isNoLongerRegistered } from '../../shared/domain/registration-status'
import { AppError } from '../../shared/result'
import { todayIso, type ServiceContext } from '../context'
import type { ReadableDb } from '../db/database-access'
import {
  searchByDateOfBirth,
  searchByName,
  searchByNhsNumber,
  searchByNhsNumberEnding,
  searchByOutwardCode,
  searchByPostcode,
  hasNamesToIndex,
  indexNotedNames,
  type PatientSearchRow,
  type PatientSearchRows
} from './patient-search-queries'

export type PatientSearchOutput = OperationOutput<'patients.find'>
export type PatientSearchResult = PatientSearchOutput['patients'][number]

function rowsFor(db: ReadableDb, query: PatientSearchQuery, limit: number): PatientSearchRows {
  switch (query.kind) {
    case 'nhs-number':
      return searchByNhsNumber(db, query.nhsNumber, limit)
    case 'nhs-number-ending':
      return searchByNhsNumberEnding(db, query.digits, limit)
    case 'date-of-birth':
      return searchByDateOfBirth(db, query.date, limit)
    case 'postcode':
      return query.part === 'full' ? searchByPostcode(db, query.postcode, limit) : searchByOutwardCode(db, query.postcode, limit)
    case 'name':
      return searchByName(db, query.words, limit)
  }
}

export function searchResultOf(row: PatientSearchRow, today: string): PatientSearchResult {
  return {
    nhsNumber: row.nhs_number,
    name: displayName({ title: row.title, givenName: row.given_name, familyName: row.family_name }),
    title: row.title,
    givenName: row.given_name,
    familyName: row.family_name,
    dateOfBirth: row.date_of_birth,
    age: row.date_of_birth ? ageOn(row.date_of_birth, today) : null,
    postcode: row.postcode,
    registrationStatus: row.registration_status,
    noLongerRegistered: isNoLongerRegistered(row.registration_status),
    notInLatestExport: row.not_in_export === 1
  }
}

/** Indexes the names added or changed since the last name search; how many there were. */
export function bringNameIndexUpToDate(ctx: Pick<ServiceContext, 'db'>): number {
  return hasNamesToIndex(ctx.db) ? ctx.db.transaction(() => indexNotedNames(ctx.db))() : 0
}

export function findPatients(ctx: ServiceContext, input: { query: string; limit: number }): PatientSearchOutput {
  const today = todayIso(ctx)
  const parsed = parsePatientSearch(input.query, today)
  if (!parsed.ok) throw new AppError('invalid_input', `query: ${parsed.problem}`, { field: 'query' })
  if (parsed.query.kind === 'name') bringNameIndexUpToDate(ctx)
  // One more than shown tells whether there are more without counting every match.
  const { rows, total } = rowsFor(ctx.db, parsed.query, input.limit + 1)
  const shown = rows.slice(0, input.limit)
  return {
    query: input.query,
    kind: parsed.query.kind,
    searchedFor: describePatientSearch(parsed.query),
    patients: shown.map((row) => searchResultOf(row, today)),
    total,
    more: rows.length > input.limit
  }
}
