-- Snapshot members stored as columns, not as one JSON document per snapshot (building and storing a
-- 40k-member cohort wrote 8 MB of per-patient JSON, most of its storing time).
--
-- What a build saw of a patient (NHS number, name, date of birth, sex, ethnicity, registration
-- status, IMD decile) rarely changes between builds, so it is kept once per change in
-- cohort_patient_versions (append-only) and shared by every snapshot: a build adds a version only
-- for a listed patient whose details differ from their latest version. A snapshot records the
-- highest version id when it was built (cohorts.patient_version_bound); the patient as that build
-- saw them is their latest version at or below it. A later correction of a name therefore adds a
-- version and never changes what an older snapshot says.
--
-- Each entry row keeps the reasons as codes (reason_codes, bp_rule_code: indices into the
-- snapshot's distinct values, cohorts.reason_values_json, worded when read by
-- src/main/cohorts/snapshot-patients.ts), the age at the as-of date and the programme state the
-- rules read (next booked clinic, last invitation, no contact permitted; the invitation history
-- only for custom cohorts asking about invitation state).
CREATE TABLE cohort_patient_versions (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  nhs_number TEXT NOT NULL,
  title TEXT,
  given_name TEXT,
  family_name TEXT,
  -- The name as listed, for versions converted from snapshots that kept only that; NULL when the
  -- name parts above are the patient's own.
  listed_name TEXT,
  date_of_birth TEXT,
  sex TEXT,
  ethnicity_text TEXT,
  ethnicity_category TEXT,
  registration_status TEXT,
  imd_decile INTEGER
);
CREATE INDEX cohort_patient_versions_by_patient ON cohort_patient_versions (patient_id, id);

ALTER TABLE cohorts ADD COLUMN patient_version_bound INTEGER;
ALTER TABLE cohorts ADD COLUMN reason_values_json TEXT;
ALTER TABLE cohorts ADD COLUMN reason_strings_json TEXT;

ALTER TABLE cohort_entries ADD COLUMN age INTEGER;
ALTER TABLE cohort_entries ADD COLUMN bp_rule_code TEXT;
ALTER TABLE cohort_entries ADD COLUMN reason_codes TEXT;
ALTER TABLE cohort_entries ADD COLUMN next_booked_on TEXT;
ALTER TABLE cohort_entries ADD COLUMN last_invited_on TEXT;
ALTER TABLE cohort_entries ADD COLUMN no_contact_permitted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cohort_entries ADD COLUMN invitation_history_json TEXT;

-- Existing snapshots are converted as they are: each listed patient's tuple of the old document
-- becomes one version (in snapshot order, so ids follow it) and its entry row gets the codes and
-- state verbatim; the document's tables of shared strings and values move to the cohort row. A
-- reason or label stored as an index into those tables stays one, so the words read back are the
-- ones the old snapshot showed.
CREATE TEMP TABLE converted_tuples (
  seq INTEGER PRIMARY KEY,
  cohort_id INTEGER NOT NULL,
  patient_id INTEGER NOT NULL,
  tuple TEXT NOT NULL
);
INSERT INTO converted_tuples (cohort_id, patient_id, tuple)
SELECT s.cohort_id, t.value ->> '$[0]', t.value
  FROM cohort_snapshot_patients s,
       json_each(CASE json_type(s.patients_json) WHEN 'array' THEN s.patients_json ELSE json_extract(s.patients_json, '$.patients') END) t
 ORDER BY s.cohort_id, t.key;
CREATE INDEX temp.converted_tuples_by_entry ON converted_tuples (cohort_id, patient_id);
-- Each snapshot's shared values by index (a label stored as an index is looked up here).
CREATE TEMP TABLE converted_values (
  cohort_id INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  value,
  PRIMARY KEY (cohort_id, idx)
);
INSERT INTO converted_values (cohort_id, idx, value)
SELECT s.cohort_id, v.key, v.value
  FROM cohort_snapshot_patients s, json_each(s.patients_json, '$.values') v
 WHERE json_type(s.patients_json) = 'object' AND json_type(s.patients_json, '$.values') = 'array';

-- A label stored as an index into `values` (ethnicity text since reason codes) is resolved here.
-- A tuple the same as the patient's previous one (in snapshot order) adds no version: the snapshot
-- it came from reads that earlier version, its patient's latest at or below its bound. A practice's
-- snapshots mostly repeat the same patients unchanged, so this keeps one version per change, as a
-- build does, rather than one per listed patient per snapshot.
INSERT INTO cohort_patient_versions (id, patient_id, nhs_number, listed_name, date_of_birth, sex, ethnicity_text, ethnicity_category,
                                     registration_status, imd_decile)
SELECT seq, patient_id, nhs_number, listed_name, date_of_birth, sex, ethnicity_text, ethnicity_category, registration_status, imd_decile
  FROM (SELECT compared.*, LAG(details) OVER (PARTITION BY patient_id ORDER BY seq) AS previous_details
          FROM (SELECT resolved.*,
                       json_array(nhs_number, listed_name, date_of_birth, sex, ethnicity_text, ethnicity_category, registration_status,
                                  imd_decile) AS details
                  FROM (SELECT c.seq, c.patient_id, json_extract(c.tuple, '$[1]') AS nhs_number, json_extract(c.tuple, '$[2]') AS listed_name,
                               json_extract(c.tuple, '$[8]') AS date_of_birth, json_extract(c.tuple, '$[4]') AS sex,
                               CASE json_type(c.tuple, '$[9]')
                                 WHEN 'integer' THEN (SELECT v.value FROM converted_values v
                                                       WHERE v.cohort_id = c.cohort_id AND v.idx = c.tuple ->> '$[9]')
                                 ELSE json_extract(c.tuple, '$[9]') END AS ethnicity_text,
                               json_extract(c.tuple, '$[10]') AS ethnicity_category, json_extract(c.tuple, '$[11]') AS registration_status,
                               json_extract(c.tuple, '$[12]') AS imd_decile
                          FROM converted_tuples c
                         WHERE c.patient_id IN (SELECT id FROM patients)) resolved) compared)
 WHERE previous_details IS NULL OR previous_details IS NOT details;

UPDATE cohort_entries
   SET age = json_extract(c.tuple, '$[3]'),
       bp_rule_code = c.tuple -> '$[6]',
       reason_codes = c.tuple -> '$[7]',
       next_booked_on = json_extract(c.tuple, '$[13]'),
       last_invited_on = json_extract(c.tuple, '$[14]'),
       no_contact_permitted = CASE json_type(c.tuple, '$[15]') WHEN 'true' THEN 1 ELSE 0 END,
       invitation_history_json = CASE WHEN json_type(c.tuple, '$[16]') = 'object' THEN c.tuple -> '$[16]' END
  FROM converted_tuples c
 WHERE c.cohort_id = cohort_entries.cohort_id AND c.patient_id = cohort_entries.patient_id;

UPDATE cohorts
   SET patient_version_bound = (SELECT MAX(seq) FROM converted_tuples c WHERE c.cohort_id = cohorts.id),
       reason_values_json = (SELECT CASE json_type(s.patients_json) WHEN 'object' THEN json_extract(s.patients_json, '$.values') END
                               FROM cohort_snapshot_patients s WHERE s.cohort_id = cohorts.id),
       reason_strings_json = (SELECT CASE json_type(s.patients_json) WHEN 'object' THEN json_extract(s.patients_json, '$.strings') END
                                FROM cohort_snapshot_patients s WHERE s.cohort_id = cohorts.id)
 WHERE id IN (SELECT cohort_id FROM cohort_snapshot_patients);

DROP TABLE converted_tuples;
DROP TABLE converted_values;
DROP TABLE cohort_snapshot_patients;
