-- 0013: programmes. A programme is one clinic project the practice runs and reports on its own
-- (a BP review for Black African / African-Caribbean patients, Time to Talk, a no-BP recall): its
-- cohort definition and parameters, the clinic types it books into, its letter templates, its
-- follow-up interval, its outcome measure, a start date and a status. Cohort snapshots belong to a
-- programme (and through them their invitation batches and invitations); clinics may belong to one;
-- every appointment records the programme it was booked for, so the audit can count each
-- programme on its own.
CREATE TABLE programmes (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 120),
  definition_id TEXT NOT NULL,
  parameters_json TEXT NOT NULL DEFAULT '{}',
  clinic_types_json TEXT NOT NULL DEFAULT '[]',
  template_ids_json TEXT NOT NULL DEFAULT '[]',
  follow_up_weeks INTEGER CHECK (follow_up_weeks IS NULL OR follow_up_weeks BETWEEN 4 AND 12),
  outcome TEXT NOT NULL CHECK (outcome IN ('bp', 'wellbeing')),
  start_date TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'closed')),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  closed_at TEXT,
  closed_by TEXT
);

ALTER TABLE cohorts ADD COLUMN programme_id INTEGER REFERENCES programmes(id);
ALTER TABLE clinics ADD COLUMN programme_id INTEGER REFERENCES programmes(id);
ALTER TABLE appointments ADD COLUMN programme_id INTEGER REFERENCES programmes(id);
CREATE INDEX cohorts_by_programme ON cohorts(programme_id, as_of);
CREATE INDEX appointments_by_programme ON appointments(programme_id, patient_id);

-- Existing data: one programme per cohort definition used, named after the definition as its
-- latest snapshot named it, started on its first snapshot's as-of date. The defaults for clinic
-- type, letter template and outcome follow the built-in definitions (shared/domain/programme.ts).
INSERT INTO programmes (name, definition_id, clinic_types_json, template_ids_json, outcome, start_date, status, created_at, created_by)
SELECT
  (SELECT c2.name FROM cohorts c2 WHERE c2.definition_id = c.definition_id ORDER BY c2.id DESC LIMIT 1),
  c.definition_id,
  CASE c.definition_id
    WHEN 'hypertension-black-african-caribbean' THEN '["Pharmacist BP clinic"]'
    WHEN 'time-to-talk' THEN '["Time to Talk"]'
    ELSE '["Hypertension review"]' END,
  CASE c.definition_id
    WHEN 'hypertension-black-african-caribbean' THEN '["pharmacist-bp-clinic"]'
    WHEN 'time-to-talk' THEN '["time-to-talk"]'
    ELSE '["hypertension-review"]' END,
  CASE c.definition_id WHEN 'time-to-talk' THEN 'wellbeing' ELSE 'bp' END,
  MIN(c.as_of),
  'active',
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
  'Clinic Recall (programmes added)'
FROM cohorts c
GROUP BY c.definition_id
ORDER BY MIN(c.id);

UPDATE cohorts SET programme_id = (SELECT p.id FROM programmes p WHERE p.definition_id = cohorts.definition_id);

-- An existing appointment belongs to the programme of the latest invitation its patient had been
-- sent by the day it was booked; a clinic to the programme most of its appointments belong to.
UPDATE appointments SET programme_id = (
  SELECT c.programme_id FROM invitations i JOIN cohorts c ON c.id = i.cohort_id
  WHERE i.patient_id = appointments.patient_id AND i.sent_on <= substr(appointments.booked_at, 1, 10)
  ORDER BY i.sent_on DESC, i.id DESC LIMIT 1);
-- Booked with no invitation before it: the programme of the latest snapshot the patient was a member of.
UPDATE appointments SET programme_id = (
  SELECT c.programme_id FROM cohort_entries ce JOIN cohorts c ON c.id = ce.cohort_id
  WHERE ce.patient_id = appointments.patient_id AND ce.status = 'member'
  ORDER BY c.as_of DESC, c.id DESC LIMIT 1)
WHERE programme_id IS NULL;
UPDATE clinics SET programme_id = (
  SELECT a.programme_id FROM appointments a
  WHERE a.clinic_id = clinics.id AND a.programme_id IS NOT NULL
  GROUP BY a.programme_id ORDER BY COUNT(*) DESC, a.programme_id LIMIT 1);
