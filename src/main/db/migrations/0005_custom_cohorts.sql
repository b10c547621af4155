-- 0005: saved custom cohorts. A custom cohort is data: its
-- criteria (custom-cohort-schema.ts) and the exclusions chosen. Every save of a change is a new
-- version row; versions are never rewritten, so a snapshot built with version N (cohorts.definition_id
-- = 'custom-<id>', definition_version = N) can always be explained with exactly those criteria.
-- Archiving hides a custom cohort from the list and from builds; its versions and snapshots stay.

CREATE TABLE custom_cohorts (
  id INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  archived_at TEXT,
  archived_by TEXT
);

CREATE TABLE custom_cohort_versions (
  custom_cohort_id INTEGER NOT NULL REFERENCES custom_cohorts(id),
  version INTEGER NOT NULL CHECK (version >= 1),
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  criteria_json TEXT NOT NULL,
  exclusions_json TEXT NOT NULL DEFAULT '[]',
  saved_at TEXT NOT NULL,
  saved_by TEXT NOT NULL,
  PRIMARY KEY (custom_cohort_id, version)
);
