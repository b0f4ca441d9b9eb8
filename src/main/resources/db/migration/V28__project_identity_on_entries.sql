-- Each entry's project: the fid of the project's first entry (entries joined by 'same' links share
-- it). Only the latest entry of a project is counted in totals; the others keep counted = false.
ALTER TABLE project ADD COLUMN identity text;
ALTER TABLE project ADD COLUMN counted boolean NOT NULL DEFAULT true;
ALTER TABLE project ADD COLUMN list_year int;
-- True when the entry has a link (its served properties then carry the project's entries).
ALTER TABLE project ADD COLUMN linked boolean NOT NULL DEFAULT false;
CREATE INDEX project_identity_idx ON project (identity);

-- The area layers state both figures: projects (default) and list entries.
ALTER TABLE serving_area_figure ADD COLUMN entry_count bigint;
DELETE FROM serving_state WHERE name = 'stats';
