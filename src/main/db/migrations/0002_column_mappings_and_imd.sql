-- 0002: column mappings saved per header layout (the column-mapping screen), and which Index of
-- Multiple Deprivation a patient's imd_decile comes from (IMD 2019 for LSOA 2011 codes, IMD 2025
-- for LSOA 2021 codes; resources/imd).

-- One row per header layout: the hash of the normalised captions of the column row, in order.
-- A later file with the same captions is read with the same mapping without asking again.
CREATE TABLE column_mappings (
  layout_hash TEXT PRIMARY KEY,
  captions_json TEXT NOT NULL,       -- the captions as first seen (shown in the list of saved mappings)
  roles_json TEXT NOT NULL,          -- one role per column position, e.g. ["nhsNumber","ignored","bp.systolic"]
  saved_at TEXT NOT NULL,
  saved_by TEXT NOT NULL
);

-- 'IMD2019' or 'IMD2025' beside imd_decile (NULL when no LSOA was exported or the code is unknown).
ALTER TABLE patients ADD COLUMN imd_version TEXT;
