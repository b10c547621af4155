// Named queries of the local_services table: the directory of services the practice signposts or
// refers patients to. Rows are never deleted (a trigger refuses it); they are deactivated.
import type { ReadableDb, WritableDb } from '../db/database-access'
import type { LocalServiceCategory } from '../../shared/domain/local-services'

export interface LocalServiceRow {
  id: number
  name: string
  offers: string
  category: LocalServiceCategory
  self_referral: 0 | 1
  practice_referral: 0 | 1
  phone: string | null
  web: string | null
  address: string | null
  opening_times: string | null
  active: 0 | 1
  is_example: 0 | 1
  created_at: string
  created_by: string
  updated_at: string
  updated_by: string
}

/** Active services first, then by name. */
export function allLocalServices(db: ReadableDb): LocalServiceRow[] {
  return db.prepare('SELECT * FROM local_services ORDER BY active DESC, lower(name), id').all() as LocalServiceRow[]
}

export function findLocalService(db: ReadableDb, serviceId: number): LocalServiceRow | undefined {
  return db.prepare('SELECT * FROM local_services WHERE id = ?').get(serviceId) as LocalServiceRow | undefined
}

/** The names of the active services other than `exceptId`, for the one-name-per-active-service check. */
export function activeServiceNamesExcept(db: ReadableDb, exceptId: number | null): string[] {
  return db.prepare('SELECT name FROM local_services WHERE active = 1 AND id IS NOT ?').pluck().all(exceptId) as string[]
}

export interface LocalServiceValues {
  name: string
  offers: string
  category: LocalServiceCategory
  selfReferral: boolean
  practiceReferral: boolean
  phone: string | null
  web: string | null
  address: string | null
  openingTimes: string | null
}

const bit = (value: boolean) => (value ? 1 : 0)

export function insertLocalService(w: WritableDb, values: LocalServiceValues, at: string, by: string): number {
  const info = w
    .prepare(
      `INSERT INTO local_services (name, offers, category, self_referral, practice_referral, phone, web, address, opening_times,
                                   active, is_example, created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0, ?, ?, ?, ?)`
    )
    .run(
      values.name,
      values.offers,
      values.category,
      bit(values.selfReferral),
      bit(values.practiceReferral),
      values.phone,
      values.web,
      values.address,
      values.openingTimes,
      at,
      by,
      at,
      by
    )
  return Number(info.lastInsertRowid)
}

export function updateLocalService(w: WritableDb, serviceId: number, values: LocalServiceValues & { isExample: boolean }, at: string, by: string): void {
  w.prepare(
    `UPDATE local_services SET name = ?, offers = ?, category = ?, self_referral = ?, practice_referral = ?, phone = ?, web = ?, address = ?,
            opening_times = ?, is_example = ?, updated_at = ?, updated_by = ?
     WHERE id = ?`
  ).run(
    values.name,
    values.offers,
    values.category,
    bit(values.selfReferral),
    bit(values.practiceReferral),
    values.phone,
    values.web,
    values.address,
    values.openingTimes,
    bit(values.isExample),
    at,
    by,
    serviceId
  )
}

export function setLocalServiceActive(w: WritableDb, serviceId: number, active: boolean, at: string, by: string): void {
  w.prepare('UPDATE local_services SET active = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(bit(active), at, by, serviceId)
}

/** Per service, how many of its referrals still have no outcome recorded. */
export function referralsAwaitingOutcomeByService(db: ReadableDb): Map<number, number> {
  const rows = db.prepare('SELECT service_id, COUNT(*) AS n FROM referrals WHERE outcome IS NULL GROUP BY service_id').all() as {
    service_id: number
    n: number
  }[]
  return new Map(rows.map((r) => [r.service_id, r.n]))
}
