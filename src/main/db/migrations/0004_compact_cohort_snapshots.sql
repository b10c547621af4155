-- Compact cohort snapshots (any cohort over 100k patients in under 200 ms).
-- A snapshot row keeps what other steps query — status, priority, exclusion rule, severe, BP — and
-- no longer the reasons or the full explanation (reasons_json and explanation_json = 'null' from
-- now on): the reasons go into cohort_snapshot_patients below, and the explanation is re-derived on
-- demand for one patient
-- (src/main/cohorts/cohort-explanation.ts) from the snapshot's definition, as-of, mode and
-- parameters, the patient as the build saw them, and the readings and events stored before the
-- build (facts are append-only, so ids up to facts_reading_id / facts_event_id are exactly what the
-- build read). Rows built before this migration keep their stored explanation and are read from it.

-- The last reading and event id the build could see (ids only grow; a clock-based bound would be
-- wrong with a clock set back or fixed).
ALTER TABLE cohorts ADD COLUMN facts_reading_id INTEGER;
ALTER TABLE cohorts ADD COLUMN facts_event_id INTEGER;

-- Per snapshot, one JSON document with every listed patient as the build saw them: name, age, sex,
-- ethnicity as listed, the BP rule text, the reasons, and what the rules read (date of birth, ethnicity,
-- registration status, IMD decile, booked appointment, last invitation). One row per snapshot
-- rather than a dozen more columns on 40k entry rows: writing those rows was most of a build's time.
CREATE TABLE cohort_snapshot_patients (
  cohort_id INTEGER PRIMARY KEY REFERENCES cohorts(id),
  patients_json TEXT NOT NULL
);
