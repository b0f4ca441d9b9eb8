-- Each linked entry's project: the fid of the project's first entry (entries joined by 'same' links
-- share it; NULL: a project of one entry). Only the latest entry of a project is counted in totals;
-- the others keep counted = false.
ALTER TABLE project ADD COLUMN identity text;
ALTER TABLE project ADD COLUMN counted boolean NOT NULL DEFAULT true;
-- True when the entry has a link (its served properties then carry the project's entries).
ALTER TABLE project ADD COLUMN linked boolean NOT NULL DEFAULT false;
CREATE INDEX project_identity_idx ON project (identity);
CREATE INDEX project_linked_idx ON project (id) WHERE linked;

-- The area layers state both figures: projects (default) and list entries.
ALTER TABLE serving_area_figure ADD COLUMN entry_count bigint;
DELETE FROM serving_state WHERE name = 'stats';

-- Pages found through project_location leave out the entries a later entry counts for, as project does.
ALTER TABLE project_location ADD COLUMN counted boolean NOT NULL DEFAULT true;

CREATE OR REPLACE FUNCTION project_location_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.geom IS NULL THEN
        DELETE FROM project_location WHERE id = OLD.id;
    ELSE
        INSERT INTO project_location (id, geom, point, category, total_investment, counted)
        VALUES (NEW.id, NEW.geom, GeometryType(NEW.geom) = 'POINT', NEW.category, NEW.total_investment, NEW.counted)
        ON CONFLICT (id) DO UPDATE SET geom = excluded.geom, point = excluded.point,
            category = excluded.category, total_investment = excluded.total_investment, counted = excluded.counted;
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER project_location_update ON project;
CREATE TRIGGER project_location_update AFTER UPDATE OF geom, category, total_investment, counted ON project
    FOR EACH ROW WHEN (OLD.geom IS DISTINCT FROM NEW.geom OR (NEW.geom IS NOT NULL
        AND (OLD.category IS DISTINCT FROM NEW.category OR OLD.total_investment IS DISTINCT FROM NEW.total_investment
             OR OLD.counted IS DISTINCT FROM NEW.counted)))
    EXECUTE FUNCTION project_location_sync();
DELETE FROM serving_state WHERE name = 'tiles';

-- A linked entry's served properties also carry its project (the fid of the project's first entry),
-- whether it is the entry counted, and the project's entries in list order with their relation to this
-- one: project_feature_json (V19, with V22's lines) adds them, so the geocoder's write and project_feature_properties(id)
-- stay one definition. Entries without links are served as before.
CREATE FUNCTION project_entries_json(p project) RETURNS jsonb LANGUAGE sql STABLE AS $$
SELECT jsonb_agg(jsonb_build_object('id', q.fid, 'name', q.name, 'source', sd.file_name, 'list', q.list_title,
         'list_year', (regexp_match(q.list_title, '(20[0-9]{2})\s*年'))[1]::int, 'table', q.table_title, 'seq', q.seq,
         'relation', CASE WHEN q.id = p.id THEN 'self' ELSE coalesce(l.relation, 'same') END,
         'part_of', CASE WHEN l.part_of IS NULL THEN NULL WHEN l.part_of = q.project_key THEN 'whole' ELSE 'part' END,
         'link_status', l.status, 'link_score', l.score, 'link_evidence', l.evidence,
         'total_investment', q.total_investment, 'planned_investment', q.planned_investment,
         'nature', q.nature, 'progress', q.progress, 'category', q.category, 'counted', q.counted)
         ORDER BY (regexp_match(q.list_title, '(20[0-9]{2})\s*年'))[1]::int NULLS FIRST, q.id)
FROM (
  -- the project's entries (by the identity index), the entry itself, and the entries linked to it
  SELECT x.id FROM project x WHERE p.identity IS NOT NULL AND x.identity = p.identity
  UNION SELECT p.id
  UNION SELECT x.id FROM project_link k
        JOIN project x ON x.project_key = CASE WHEN k.entry_a = p.project_key THEN k.entry_b ELSE k.entry_a END
        WHERE k.status <> 'rejected' AND (k.entry_a = p.project_key OR k.entry_b = p.project_key)) m
JOIN project q ON q.id = m.id
JOIN source_document sd ON sd.id = q.document_id
LEFT JOIN project_link l ON l.status <> 'rejected'
  AND ((l.entry_a = p.project_key AND l.entry_b = q.project_key) OR (l.entry_b = p.project_key AND l.entry_a = q.project_key))
$$;

CREATE OR REPLACE FUNCTION project_feature_json(p project, source_file text, placed_precision text, county_codes text[],
                                                county_names text[], city_codes text[], methods text[], evidence json,
                                                area_ids text[], area_names text[], lines json DEFAULT '[]'::json)
RETURNS json LANGUAGE sql STABLE AS $$
SELECT CASE WHEN p.linked THEN (f::jsonb || jsonb_build_object('project', p.identity, 'counted', p.counted,
                                                               'entries', project_entries_json(p)))::json
            ELSE f END
FROM (SELECT json_build_object(
    'name', p.name, 'source', source_file, 'table', p.table_title, 'seq', p.seq,
    'category', p.category, 'total_investment', p.total_investment,
    'planned_investment', p.planned_investment, 'start_year', p.start_year, 'end_year', p.end_year,
    'nature', p.nature, 'location_text', p.location_text, 'progress', p.progress,
    'content', p.content, 'responsible_units', p.responsible_units, 'project_codes', p.project_codes,
    'county_codes', coalesce(county_codes, '{}'), 'county_names', coalesce(county_names, '{}'),
    'city_codes', coalesce(city_codes, '{}'), 'precision', placed_precision,
    'placement_methods', coalesce(methods, '{}'), 'placement_evidence', coalesce(evidence, '[]'::json),
    'plan_areas', area_ids, 'plan_area_names', coalesce(area_names, '{}'),
    'line_from', p.line_from, 'line_to', p.line_to, 'lines', coalesce(lines, '[]'::json)) AS f) b
$$;
