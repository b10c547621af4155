-- Import safety: who was in each import, "not in latest export", conflicting facts and
-- the value behind every reject, the export's own run date, and the backup taken before the import.

-- Which patients each import contained. It lets a patient who drops out of the next run of the same
-- report be marked rather than deleted, and traces every patient to every import that carried them.
CREATE TABLE import_patients (
  import_id INTEGER NOT NULL REFERENCES imports(id),
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  PRIMARY KEY (import_id, patient_id)
) WITHOUT ROWID;
CREATE INDEX import_patients_by_patient ON import_patients(patient_id);

-- "The same report run again": its report name (from the report-header block) and column captions.
ALTER TABLE imports ADD COLUMN report_key TEXT;
CREATE INDEX imports_by_report_key ON imports(report_key);
-- The export's own run date (report header "Run Date"), else NULL; decides which export is newest.
ALTER TABLE imports ADD COLUMN exported_on TEXT;
ALTER TABLE imports ADD COLUMN conflict_count INTEGER NOT NULL DEFAULT 0;
-- Patients of the previous run of this report who are not in this one (kept, marked).
ALTER TABLE imports ADD COLUMN patients_not_in_export INTEGER NOT NULL DEFAULT 0;
-- The copy of the database taken just before this import (file name inside backups/).
ALTER TABLE imports ADD COLUMN backup_file TEXT;

-- A reject keeps the offending cell so the practice can find and fix it; a conflict is a row that
-- was imported but disagrees with another row of the same patient (two dates of birth).
ALTER TABLE import_rejects ADD COLUMN value TEXT NOT NULL DEFAULT '';
ALTER TABLE import_rejects ADD COLUMN kind TEXT NOT NULL DEFAULT 'rejected' CHECK (kind IN ('rejected', 'conflict'));

-- Set when a later run of the report this patient came from no longer lists them; cleared when an
-- import lists them again. Nothing is deleted.
ALTER TABLE patients ADD COLUMN not_in_export_since_import_id INTEGER REFERENCES imports(id);
-- The run date (or import date) of the export the stored demographics come from.
ALTER TABLE patients ADD COLUMN demographics_as_of TEXT;
