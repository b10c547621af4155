-- 0016: finding any patient fast (patients.find, under 50 ms over 100k patients): an index for each
-- kind of search, so none of them reads every patient row (patient-search-queries.ts asks them).
--
-- Names: a full-text index of each patient's given and family names. Every word is folded — case
-- and accents by SQLite's own tokenizer (remove_diacritics 2), and the letters it treats as letters
-- of their own (ł, ø, ß, æ …) spelled as typed by the view below, the same list as
-- shared/domain/patient-search-query.ts — so "lukasiewicz" finds Łukasiewicz and "zoe" finds Zoë.
-- Each name is also indexed with its apostrophes and hyphens taken out, so "obrien" finds O'Brien
-- as "o brien" does, and "smithjones" finds Smith-Jones. The index holds no text of its own
-- (content=''), only words and row ids.
--
-- It is not written row by row as patients are: a full-text insert inside another statement (a
-- trigger) writes its words out at once, 11 µs a patient — more than a second on a 100k-patient
-- import. Instead a trigger notes each patient whose name is new or changed (1 µs), whichever code
-- writes them (import, restore, tests), and the next name search indexes every one noted in one
-- statement (patient-search.ts): 0.36 s once after importing 100,000 new patients, nothing otherwise.

-- What the index holds for each patient: the names, then the names with apostrophes and hyphens removed.
CREATE VIEW patient_search_names AS
SELECT id, folded || ' ' || replace(replace(replace(folded, '''', ''), '’', ''), '-', '') AS names
FROM (
  SELECT id,
    replace(replace(replace(replace(replace(replace(replace(replace(replace(
    replace(replace(replace(replace(replace(replace(replace(replace(replace(
      ifnull(given_name, '') || ' ' || ifnull(family_name, ''),
      'Ł', 'l'), 'ł', 'l'), 'Ø', 'o'), 'ø', 'o'), 'ẞ', 'ss'), 'ß', 'ss'), 'Æ', 'ae'), 'æ', 'ae'), 'Œ', 'oe'),
      'œ', 'oe'), 'Đ', 'd'), 'đ', 'd'), 'Ð', 'd'), 'ð', 'd'), 'Þ', 'th'), 'þ', 'th'), 'İ', 'i'), 'ı', 'i') AS folded
  FROM patients
);

-- Contentless with deletes (SQLite 3.43+): a changed name replaces the row's words by row id alone.
-- The prefix index answers a search of one or two letters without reading every word's list.
CREATE VIRTUAL TABLE patient_name_search USING fts5(
  names,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2',
  content = '',
  contentless_delete = 1
);

INSERT INTO patient_name_search (rowid, names) SELECT id, names FROM patient_search_names;

-- Patients whose words in the name index are missing or out of date: added, renamed or removed
-- since the last name search.
CREATE TABLE patient_names_to_index (
  patient_id INTEGER PRIMARY KEY
);

CREATE TRIGGER patient_names_to_index_on_insert AFTER INSERT ON patients
BEGIN
  INSERT OR IGNORE INTO patient_names_to_index (patient_id) VALUES (NEW.id);
END;

-- An import updates only the columns that changed, so only a change of name is noted.
CREATE TRIGGER patient_names_to_index_on_rename AFTER UPDATE OF given_name, family_name ON patients
WHEN OLD.given_name IS NOT NEW.given_name OR OLD.family_name IS NOT NEW.family_name
BEGIN
  INSERT OR IGNORE INTO patient_names_to_index (patient_id) VALUES (NEW.id);
END;

-- Patients are never deleted by the app; a row removed by hand must not stay findable.
CREATE TRIGGER patient_names_to_index_on_delete AFTER DELETE ON patients
BEGIN
  INSERT OR IGNORE INTO patient_names_to_index (patient_id) VALUES (OLD.id);
END;

-- Every patient in the order a list of names shows them. A name search matching thousands (one
-- letter typed: "s" is 15,000 of 100,000) walks this in order and stops at the first 50 that match,
-- rather than sorting every match (patient-search-queries.ts chooses which by how many match).
CREATE INDEX patients_by_name ON patients (lower(family_name), lower(given_name), date_of_birth, nhs_number);

-- Date of birth: one index probe for "02/12/1960".
CREATE INDEX patients_by_date_of_birth ON patients (date_of_birth);

-- Postcode, whatever spacing and case it was stored with: compared as upper case without spaces
-- ("SW1A1AA"), whole or by its outward part (the text before the last three characters). The name
-- columns after it hold each postcode's patients in the order the list shows them, so the first 50
-- of a whole district (16,000 patients in one outward code is common) are read without a sort.
CREATE INDEX patients_by_compact_postcode ON patients (
  replace(upper(postcode), ' ', ''), lower(family_name), lower(given_name), date_of_birth, nhs_number
);

-- The last digits of an NHS number: the number read backwards, so "ends with 5919" is a range of
-- the index ("9195…") rather than a read of every patient.
CREATE INDEX patients_by_reversed_nhs_number ON patients (
  substr(nhs_number, 10, 1) || substr(nhs_number, 9, 1) || substr(nhs_number, 8, 1) || substr(nhs_number, 7, 1) || substr(nhs_number, 6, 1) ||
  substr(nhs_number, 5, 1) || substr(nhs_number, 4, 1) || substr(nhs_number, 3, 1) || substr(nhs_number, 2, 1) || substr(nhs_number, 1, 1)
);

-- The patient page's follow-ups (patient-page-queries.ts), read by patient rather than by due date.
CREATE INDEX follow_ups_by_patient ON follow_ups (patient_id, due_on);
