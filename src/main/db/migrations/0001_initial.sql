-- 0001: the first schema. Dates are ISO text (YYYY-MM-DD), timestamps ISO 8601 UTC text.
-- Nothing is ever deleted: corrections are new rows; patients absent from an export are flagged.

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value_json TEXT NOT NULL
);

CREATE TABLE activity_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user_name TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,          -- e.g. imports.commit, cohorts.build
  summary TEXT NOT NULL,
  details_json TEXT NOT NULL DEFAULT '{}'
);

-- One row per import (several files of one SystmOne report are one import).
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  content_hash TEXT NOT NULL UNIQUE, -- sha256 over the sorted file hashes: same files = same import
  format TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  rows_read INTEGER NOT NULL,
  patients_added INTEGER NOT NULL,
  patients_updated INTEGER NOT NULL,
  readings_added INTEGER NOT NULL,
  events_added INTEGER NOT NULL,
  rejected_count INTEGER NOT NULL,
  warnings_json TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE import_files (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports(id),
  file_name TEXT NOT NULL,
  file_hash TEXT NOT NULL,
  byte_size INTEGER NOT NULL,
  layout TEXT NOT NULL,
  header_row INTEGER NOT NULL,
  report_header_json TEXT NOT NULL DEFAULT '[]', -- the report's title block (name, run date)
  columns_json TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE import_rejects (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports(id),
  file_name TEXT NOT NULL,
  row_number INTEGER NOT NULL,
  column_name TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX import_rejects_by_import ON import_rejects(import_id);

CREATE TABLE patients (
  id INTEGER PRIMARY KEY,
  nhs_number TEXT NOT NULL UNIQUE,   -- 10 digits, no spaces; text because it may start with 0
  emis_number TEXT,
  title TEXT,
  given_name TEXT,
  family_name TEXT,
  date_of_birth TEXT,
  sex TEXT,                          -- M, F, U (unknown), I (indeterminate)
  address_lines_json TEXT NOT NULL DEFAULT '[]',
  postcode TEXT,
  mobile TEXT,
  home_phone TEXT,
  email TEXT,
  usual_gp TEXT,
  ethnicity_text TEXT,               -- as exported
  ethnicity_category TEXT,           -- NHS Data Dictionary letter (A..S, Z) or NULL when unmapped
  lsoa TEXT,
  imd_decile INTEGER,
  main_language TEXT,
  interpreter_required INTEGER,
  registration_status TEXT,          -- as exported, e.g. Regular, Deceased, Left
  first_import_id INTEGER REFERENCES imports(id),
  last_import_id INTEGER REFERENCES imports(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Previous demographic values, kept when a newer export changes them.
CREATE TABLE patient_history (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  import_id INTEGER REFERENCES imports(id),
  field TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT,
  changed_at TEXT NOT NULL
);

CREATE TABLE bp_readings (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  taken_on TEXT NOT NULL,
  systolic INTEGER NOT NULL CHECK (systolic BETWEEN 40 AND 350),
  diastolic INTEGER NOT NULL CHECK (diastolic BETWEEN 20 AND 200),
  setting TEXT NOT NULL CHECK (setting IN ('clinic', 'home', 'ambulatory')),
  source TEXT NOT NULL CHECK (source IN ('import', 'visit')),
  import_id INTEGER REFERENCES imports(id),
  appointment_id INTEGER REFERENCES appointments(id),
  recorded_at TEXT NOT NULL,
  CHECK (systolic > diastolic)
);
-- The same reading twice (another export of the same record) is stored once.
CREATE UNIQUE INDEX bp_readings_once ON bp_readings(patient_id, taken_on, systolic, diastolic, setting, source);
CREATE INDEX bp_readings_by_patient_date ON bp_readings(patient_id, taken_on);

-- Coded events from exports: diagnoses, resolutions, exceptions, invitations, register flags.
CREATE TABLE coded_events (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  event_date TEXT,                   -- NULL when a flag column says "yes" without a date
  concept TEXT NOT NULL,             -- clinical concept, e.g. HYP, HYPRES, BPDEC, DM (see clinical-codes.ts)
  code TEXT NOT NULL DEFAULT '',     -- SNOMED CT concept id as exported ('' when classified from term or flag)
  term TEXT NOT NULL DEFAULT '',
  import_id INTEGER REFERENCES imports(id),
  recorded_at TEXT NOT NULL
);
CREATE UNIQUE INDEX coded_events_once ON coded_events(patient_id, IFNULL(event_date, ''), concept, code, term);
CREATE INDEX coded_events_by_patient ON coded_events(patient_id);

CREATE TABLE cohorts (
  id INTEGER PRIMARY KEY,
  definition_id TEXT NOT NULL,
  definition_version INTEGER NOT NULL,
  name TEXT NOT NULL,
  as_of TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('qof', 'nice')),
  parameters_json TEXT NOT NULL DEFAULT '{}',
  built_at TEXT NOT NULL,
  built_by TEXT NOT NULL,
  member_count INTEGER NOT NULL,
  excluded_count INTEGER NOT NULL,
  not_eligible_count INTEGER NOT NULL,
  exclusion_counts_json TEXT NOT NULL DEFAULT '[]'
);

-- The snapshot: who was in or out, and why, as built. Later data changes never rewrite it.
CREATE TABLE cohort_entries (
  cohort_id INTEGER NOT NULL REFERENCES cohorts(id),
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  status TEXT NOT NULL CHECK (status IN ('member', 'excluded')),
  priority TEXT,
  rule TEXT,
  severe INTEGER NOT NULL DEFAULT 0,
  bp_json TEXT,
  reasons_json TEXT NOT NULL,
  explanation_json TEXT NOT NULL,
  PRIMARY KEY (cohort_id, patient_id)
);

CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,                -- letters-pdf, audit-xlsx, batch-sheet-csv …
  file_name TEXT NOT NULL,
  path TEXT NOT NULL,                -- absolute path written by main; never supplied by the renderer
  mime_type TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);

CREATE TABLE invitation_batches (
  id INTEGER PRIMARY KEY,
  cohort_id INTEGER NOT NULL REFERENCES cohorts(id),
  attempt INTEGER NOT NULL CHECK (attempt BETWEEN 1 AND 3),
  created_on TEXT NOT NULL,
  created_by TEXT NOT NULL,
  template_id TEXT NOT NULL,
  template_version INTEGER NOT NULL,
  not_invited_json TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE invitation_batch_documents (
  batch_id INTEGER NOT NULL REFERENCES invitation_batches(id),
  document_id INTEGER NOT NULL REFERENCES documents(id),
  PRIMARY KEY (batch_id, document_id)
);

CREATE TABLE invitations (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES invitation_batches(id),
  cohort_id INTEGER NOT NULL REFERENCES cohorts(id),
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  attempt INTEGER NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('letter', 'sms', 'phone')),
  sent_on TEXT NOT NULL,
  template_id TEXT NOT NULL,
  template_version INTEGER NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX invitations_by_patient ON invitations(patient_id, sent_on);

CREATE TABLE clinics (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  date TEXT NOT NULL,
  start_time TEXT NOT NULL,
  slot_minutes INTEGER NOT NULL,
  slots INTEGER NOT NULL,
  clinician TEXT,
  location TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);

CREATE TABLE appointments (
  id INTEGER PRIMARY KEY,
  clinic_id INTEGER NOT NULL REFERENCES clinics(id),
  slot_index INTEGER NOT NULL,
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  status TEXT NOT NULL CHECK (status IN ('booked', 'attended', 'did-not-attend', 'cancelled')),
  booked_at TEXT NOT NULL,
  booked_by TEXT NOT NULL,
  outcome_at TEXT,
  outcome_by TEXT,
  actions_json TEXT NOT NULL DEFAULT '[]',
  note TEXT NOT NULL DEFAULT ''
);
-- A slot holds one live appointment; a cancelled one frees it.
CREATE UNIQUE INDEX appointments_one_per_slot ON appointments(clinic_id, slot_index) WHERE status <> 'cancelled';
CREATE INDEX appointments_by_patient ON appointments(patient_id);

CREATE TABLE follow_ups (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  appointment_id INTEGER NOT NULL REFERENCES appointments(id),
  due_on TEXT NOT NULL,
  reason TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('due', 'done', 'cancelled')),
  created_at TEXT NOT NULL
);
CREATE INDEX follow_ups_by_due ON follow_ups(status, due_on);
