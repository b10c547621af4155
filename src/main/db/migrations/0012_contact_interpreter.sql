-- 0012: an interpreter need recorded in the app, with the other contact preferences. The export's
-- patients.main_language and patients.interpreter_required stay as imported (each import rewrites
-- them); this column is staff's own record and no import touches it. NULL = nothing recorded here,
-- so the export's values apply; a language = an interpreter is needed in that language, whatever
-- the export says. The services check the text (1–60 printable characters); the CHECK is the floor.
ALTER TABLE contact_preferences ADD COLUMN interpreter_language TEXT
  CHECK (interpreter_language IS NULL OR (length(trim(interpreter_language)) BETWEEN 1 AND 60));
