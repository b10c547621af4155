// Forward-only numbered migrations. `PRAGMA user_version` holds the number of the last one applied;
// each runs in its own transaction together with the version bump, so a failure leaves the
// database at the previous version.
import type Database from 'better-sqlite3'
import { AppError } from '../../shared/result'
import m0001 from './migrations/0001_initial.sql?raw'
import m0002 from './migrations/0002_column_mappings_and_imd.sql?raw'
import m0003 from './migrations/0003_import_safety.sql?raw'
import m0004 from './migrations/0004_compact_cohort_snapshots.sql?raw'
import m0005 from './migrations/0005_custom_cohorts.sql?raw'
import m0006 from './migrations/0006_invitation_templates_and_contact.sql?raw'
import m0007 from './migrations/0007_clinic_types_and_rebooking.sql?raw'
import m0008 from './migrations/0008_no_contact_permitted.sql?raw'
import m0009 from './migrations/0009_cohort_speed.sql?raw'
import m0010 from './migrations/0010_bp_measures_and_event_detail.sql?raw'
import m0011 from './migrations/0011_unmatched_codes.sql?raw'
import m0012 from './migrations/0012_contact_interpreter.sql?raw'
import m0013 from './migrations/0013_programmes.sql?raw'
import m0014 from './migrations/0014_services_and_referrals.sql?raw'
import m0015 from './migrations/0015_visit_records.sql?raw'
import m0016 from './migrations/0016_patient_search.sql?raw'
import m0017 from './migrations/0017_snapshot_member_columns.sql?raw'
import m0018 from './migrations/0018_cohort_members_index.sql?raw'

export interface Migration {
  version: number
  name: string
  sql: string
}

export const migrations: readonly Migration[] = [
  { version: 1, name: '0001_initial', sql: m0001 },
  { version: 2, name: '0002_column_mappings_and_imd', sql: m0002 },
  { version: 3, name: '0003_import_safety', sql: m0003 },
  { version: 4, name: '0004_compact_cohort_snapshots', sql: m0004 },
  { version: 5, name: '0005_custom_cohorts', sql: m0005 },
  { version: 6, name: '0006_invitation_templates_and_contact', sql: m0006 },
  { version: 7, name: '0007_clinic_types_and_rebooking', sql: m0007 },
  { version: 8, name: '0008_no_contact_permitted', sql: m0008 },
  { version: 9, name: '0009_cohort_speed', sql: m0009 },
  { version: 10, name: '0010_bp_measures_and_event_detail', sql: m0010 },
  { version: 11, name: '0011_unmatched_codes', sql: m0011 },
  { version: 12, name: '0012_contact_interpreter', sql: m0012 },
  { version: 13, name: '0013_programmes', sql: m0013 },
  { version: 14, name: '0014_services_and_referrals', sql: m0014 },
  { version: 15, name: '0015_visit_records', sql: m0015 },
  { version: 16, name: '0016_patient_search', sql: m0016 },
  { version: 17, name: '0017_snapshot_member_columns', sql: m0017 },
  { version: 18, name: '0018_cohort_members_index', sql: m0018 }
]

// Versions are the numbers in the file names. They must stay contiguous from 1: a database at
// version N is assumed to have every migration up to N, so a new migration always takes the number
// after the highest one already on main, never a gap below it (tests/integration/database-migrations).
export const latestSchemaVersion = Math.max(...migrations.map((m) => m.version))

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

export function migrate(db: Database.Database, upTo: number = latestSchemaVersion): void {
  const current = schemaVersion(db)
  if (current > latestSchemaVersion) {
    throw new AppError(
      'conflict',
      `This database was written by a newer version of Clinic Recall (schema ${current}; this version knows up to ${latestSchemaVersion}). ` +
        'Install the newer version to open it; nothing has been changed.'
    )
  }
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > upTo) continue
    db.transaction(() => {
      db.exec(migration.sql)
      db.pragma(`user_version = ${migration.version}`)
    })()
  }
}
