-- 0010: what each BP reading measured, and how each coded event was recognised.
--
-- measure: clinic reading, home average, ABPM daytime / 24-hour / night-time average, or a summary
-- (minimum, maximum, baseline …), read from the code's term at import. Only the first four can be
-- a patient's current BP; the others are kept and shown as "recorded, not used". NULL for readings
-- stored before this column and for visit readings: they count as their setting's usual kind.
ALTER TABLE bp_readings ADD COLUMN measure TEXT
  CHECK (measure IS NULL OR measure IN ('clinic', 'home-average', 'abpm-daytime', 'abpm-24-hour', 'abpm-night', 'summary'));
-- A minimum and an average of one recording can share their values: both are kept.
DROP INDEX bp_readings_once;
CREATE UNIQUE INDEX bp_readings_once ON bp_readings(patient_id, taken_on, systolic, diastolic, setting, source, IFNULL(measure, ''));

-- value: the number recorded with a code where a register reads it (the BMI of a BMIVAL_COD row,
-- for the obesity register). matched_by: 'code' (the code is in a list), 'term' (only the exported
-- term matched: shown as "matched by term — check"), 'flag' (a register flag column); NULL for
-- events stored before this column.
ALTER TABLE coded_events ADD COLUMN value REAL;
ALTER TABLE coded_events ADD COLUMN matched_by TEXT CHECK (matched_by IS NULL OR matched_by IN ('code', 'term', 'flag'));
