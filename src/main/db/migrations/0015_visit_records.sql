-- 0015: what was recorded at each visit on its clinic's form (BP review or Time to Talk review), and
-- each questionnaire score of it in a row of its own, so an audit counts PHQ-9 bands or ONS4 answers
-- with one query instead of reading JSON (shared/domain/visit-forms.ts, visit-measures.ts).
--
-- A visit record is written once, when the visit is recorded, after visitRecordProblems found
-- nothing wrong with it. Nothing is deleted or changed: a correction is a new row naming the record
-- it replaces (corrects), which stays as it was, so what was recorded at the time can always be read
-- back; a visit's current record is the one no correction replaces. Visits recorded before this
-- migration have no row: they are read as BP reviews with the actions and note kept on the
-- appointment, which is all they ever recorded.
CREATE TABLE visit_records (
  id INTEGER PRIMARY KEY,
  appointment_id INTEGER NOT NULL REFERENCES appointments(id),
  form TEXT NOT NULL CHECK (form IN ('bp-review', 'time-to-talk')),
  -- The record as saved (readings, adherence, questionnaires…), with the register conditions shown and those confirmed.
  record_json TEXT NOT NULL CHECK (json_valid(record_json) AND json_extract(record_json, '$.form') = form),
  -- 1 when PHQ-9 item 9 was answered above 0: a same-day risk assessment was prompted.
  risk_prompt INTEGER NOT NULL DEFAULT 0 CHECK (risk_prompt IN (0, 1)),
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  -- A record is corrected at most once, so a visit's records form one line from the first to the current.
  corrects INTEGER UNIQUE REFERENCES visit_records(id)
);
CREATE INDEX visit_records_by_appointment ON visit_records(appointment_id);

-- One record per visit, unless the new one corrects a record of the same visit.
CREATE TRIGGER visit_records_one_per_visit BEFORE INSERT ON visit_records
WHEN (NEW.corrects IS NULL AND EXISTS (SELECT 1 FROM visit_records WHERE appointment_id = NEW.appointment_id))
  OR (NEW.corrects IS NOT NULL AND NOT EXISTS (SELECT 1 FROM visit_records WHERE id = NEW.corrects AND appointment_id = NEW.appointment_id))
BEGIN
  SELECT RAISE(ABORT, 'a visit has one record: another must correct the visit''s current record');
END;

CREATE TRIGGER visit_records_never_deleted BEFORE DELETE ON visit_records
BEGIN
  SELECT RAISE(ABORT, 'a visit record is never deleted: record a correction instead');
END;

CREATE TRIGGER visit_records_never_changed BEFORE UPDATE ON visit_records
BEGIN
  SELECT RAISE(ABORT, 'a visit record is never changed: record a correction instead');
END;

-- One row per questionnaire score of a visit record. ONS4 is four measures (ONS never adds them
-- up), so each answered question is a row. The score is the total (PHQ-9 0–27, GAD-7 0–21, UCLA-3
-- 3–9) or the answer (ONS4 0–10); items_json holds the answers item by item when they were entered
-- (null for a total entered alone, or for an ONS4 answer); entered_as says which.
CREATE TABLE visit_measures (
  id INTEGER PRIMARY KEY,
  visit_record_id INTEGER NOT NULL REFERENCES visit_records(id),
  appointment_id INTEGER NOT NULL REFERENCES appointments(id),
  measure TEXT NOT NULL CHECK (measure IN (
    'phq9', 'gad7', 'ons4-life-satisfaction', 'ons4-worthwhile', 'ons4-happiness', 'ons4-anxiety', 'ucla3')),
  score INTEGER NOT NULL,
  band TEXT NOT NULL,
  items_json TEXT CHECK (items_json IS NULL OR json_valid(items_json)),
  entered_as TEXT NOT NULL CHECK (entered_as IN ('items', 'total', 'answer')),
  UNIQUE (visit_record_id, measure),
  CHECK (
    (measure = 'phq9' AND score BETWEEN 0 AND 27) OR
    (measure = 'gad7' AND score BETWEEN 0 AND 21) OR
    (measure = 'ucla3' AND score BETWEEN 3 AND 9) OR
    (measure LIKE 'ons4-%' AND score BETWEEN 0 AND 10)
  )
);
CREATE INDEX visit_measures_by_measure ON visit_measures(measure, appointment_id);

CREATE TRIGGER visit_measures_never_deleted BEFORE DELETE ON visit_measures
BEGIN
  SELECT RAISE(ABORT, 'a visit measure is never deleted: record a correction of its visit instead');
END;

CREATE TRIGGER visit_measures_never_changed BEFORE UPDATE ON visit_measures
BEGIN
  SELECT RAISE(ABORT, 'a visit measure is never changed: record a correction of its visit instead');
END;
