-- What each import could not match to a shipped code list, so a practice can see which of its codes
-- Clinic Recall does not recognise (Settings › Code library). One row per distinct code and term as
-- exported, written in the import's own transaction: a cancelled or failed import leaves none.
--   matched_as NULL: the code is in no list and its term meant nothing either, so the rows were
--                    dropped (counted in the import's warnings);
--   matched_as set:  the code is in no list (or the export had no code) and the term alone decided
--                    what the rows are, e.g. 'CHD' or 'BP:home': worth a clinician's check.
CREATE TABLE import_unmatched_codes (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports(id),
  code TEXT NOT NULL,                -- SNOMED CT concept id as exported; '' when the export had no code
  term TEXT NOT NULL,                -- the term as exported
  matched_as TEXT,
  events INTEGER NOT NULL CHECK (events > 0),
  patients INTEGER NOT NULL CHECK (patients > 0)
);
CREATE INDEX import_unmatched_codes_by_import ON import_unmatched_codes(import_id);
CREATE INDEX import_unmatched_codes_by_code ON import_unmatched_codes(code);

-- Events the import read from their term alone (no listed code): shown after the import so the
-- practice knows how much rests on a term guess. Older imports did not count them: 0.
ALTER TABLE imports ADD COLUMN term_only_matches INTEGER NOT NULL DEFAULT 0;
