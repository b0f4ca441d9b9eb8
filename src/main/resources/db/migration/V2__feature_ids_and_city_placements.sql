-- Feature ids that survive re-imports and rebuilt databases: derived from the stable project key.
ALTER TABLE project ADD COLUMN fid text GENERATED ALWAYS AS (substr(md5(project_key), 1, 12)) STORED;
CREATE UNIQUE INDEX project_fid_idx ON project (fid);
CREATE INDEX project_years_idx ON project (start_year, end_year);
CREATE INDEX project_investment_idx ON project (total_investment);
