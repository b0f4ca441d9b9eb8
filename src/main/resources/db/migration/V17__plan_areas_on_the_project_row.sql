-- A project's plan areas are kept on its row (plan_areas, set by the geocoder with its properties)
-- and found there by a GIN index. project_plan_area keeps only the evidence that cannot be derived:
-- areas the row's text mentions and shapes its geometry crosses. Membership by member county follows
-- from the placements and the area's member list; stored, it was 3 of every 4 plan-area rows (592k of
-- 765k at 100k projects), and inserting them (two foreign-key checks each) took a third of the time
-- to place a new list.
ALTER TABLE project ADD COLUMN plan_areas text[] NOT NULL DEFAULT '{}';
-- Kept in the row: a wide imported row (over 2 KB) would otherwise see its short array moved to TOAST,
-- and every area filter would fetch it from there (a count read 5x the table's pages).
ALTER TABLE project ALTER COLUMN plan_areas SET STORAGE PLAIN;

UPDATE project p SET plan_areas = m.ids
FROM (SELECT project_id, array_agg(area_id ORDER BY area_id) AS ids FROM project_plan_area GROUP BY project_id) m
WHERE m.project_id = p.id;

CREATE INDEX project_plan_areas_gin ON project USING gin (plan_areas);

DELETE FROM project_plan_area WHERE method = 'county';

CREATE OR REPLACE FUNCTION project_feature_properties(project_id bigint) RETURNS json LANGUAGE sql STABLE AS $$
SELECT json_build_object(
    'name', p.name, 'source', sd.file_name, 'table', p.table_title, 'seq', p.seq,
    'category', p.category, 'total_investment', p.total_investment,
    'planned_investment', p.planned_investment, 'start_year', p.start_year, 'end_year', p.end_year,
    'nature', p.nature, 'location_text', p.location_text, 'progress', p.progress,
    'content', p.content, 'responsible_units', p.responsible_units, 'project_codes', p.project_codes,
    'county_codes', coalesce(pl.county_codes, '{}'), 'county_names', coalesce(pl.county_names, '{}'),
    'city_codes', coalesce(pl.city_codes, '{}'), 'precision', p.precision,
    'placement_methods', coalesce(pl.methods, '{}'), 'placement_evidence', coalesce(pl.evidence, '[]'::json),
    'plan_areas', p.plan_areas, 'plan_area_names', coalesce(pa.names, '{}'),
    'line_from', p.line_from, 'line_to', p.line_to)
FROM project p
JOIN source_document sd ON sd.id = p.document_id
LEFT JOIN LATERAL (
    SELECT array_agg(x.division_code ORDER BY x.ordinal) FILTER (WHERE d.level = 'county') AS county_codes,
           array_agg(d.name ORDER BY x.ordinal) FILTER (WHERE d.level = 'county') AS county_names,
           array(SELECT DISTINCT c FROM unnest(array_agg(CASE WHEN d.level = 'city' THEN d.code ELSE d.parent_code END)) c ORDER BY c) AS city_codes,
           array(SELECT DISTINCT m FROM unnest(array_agg(x.method)) m ORDER BY m) AS methods,
           json_agg(json_build_object('code', x.division_code, 'name', d.name, 'method', x.method,
                    'precision', x.precision, 'evidence', x.evidence) ORDER BY x.ordinal) AS evidence
    FROM placement x JOIN division d ON d.code = x.division_code WHERE x.project_id = p.id) pl ON TRUE
LEFT JOIN LATERAL (
    SELECT array_agg(a.name ORDER BY a.id) AS names FROM plan_area a WHERE a.id = ANY (p.plan_areas)) pa ON TRUE
WHERE p.id = project_id
$$;

-- An imported row with its raw cells and served properties is ~2.3 KB, just over the 2 KB at which
-- PostgreSQL starts compressing: every placing update ran pglz on the raw row and the properties, and
-- every served page decompressed them (V15 kept properties inline, but MAIN still compresses). Rows
-- under a page's size are now stored as they are: 25% more table, ~2 s less to place 100k projects.
ALTER TABLE project SET (toast_tuple_target = 8160);
