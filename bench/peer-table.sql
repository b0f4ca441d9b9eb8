-- The peers at their best (bench/run runs this after each tier's load, before measuring them):
-- what a competent admin of MapServer or QGIS Server would serve from, a flat table holding the
-- served columns (the same attributes our features carry; county codes and names from placement),
-- with a GiST index on its geometry and its rows clustered in that index's order, read by a role
-- whose plans are never parallel (starting workers costs more than a LIMIT 101 page).
-- A peer layer has one geometry type, so the table holds the point projects (lines are ~10%).
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'peer') THEN CREATE ROLE peer LOGIN; END IF;
END $$;
ALTER ROLE peer SET max_parallel_workers_per_gather = 0;
DROP TABLE IF EXISTS peer_project;
CREATE TABLE peer_project AS
SELECT p.id, p.fid, p.name, sd.file_name AS source, p.table_title, p.seq, p.category,
       p.total_investment::float8 AS total_investment, p.planned_investment::float8 AS planned_investment,
       p.start_year, p.end_year, p.nature, p.location_text, p.progress, p.content,
       array_to_string(p.responsible_units, ',') AS responsible_units,
       array_to_string(p.project_codes, ',') AS project_codes,
       (SELECT string_agg(x.division_code, ',' ORDER BY x.ordinal) FROM placement x WHERE x.project_id = p.id) AS county_codes,
       (SELECT string_agg(d.name, ',' ORDER BY x.ordinal) FROM placement x JOIN division d ON d.code = x.division_code
         WHERE x.project_id = p.id) AS county_names,
       p.precision, p.geom::geometry(Point, 4326) AS geom
FROM project p JOIN source_document sd ON sd.id = p.document_id
WHERE p.geom IS NOT NULL AND GeometryType(p.geom) = 'POINT';
ALTER TABLE peer_project ADD PRIMARY KEY (id);
CREATE INDEX peer_project_geom_gix ON peer_project USING gist (geom);
CLUSTER peer_project USING peer_project_geom_gix;
VACUUM ANALYZE peer_project;
GRANT SELECT ON peer_project, project, placement, division, source_document TO peer;
