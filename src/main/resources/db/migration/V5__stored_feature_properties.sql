-- A project's feature properties (its row, placements and plan areas as the API serves them), kept
-- beside the row so a page of features costs no per-project joins. Placing a project refreshes them;
-- a row whose properties are NULL (just imported, or loaded by COPY) is served from the function.
ALTER TABLE project ADD COLUMN properties json;

CREATE FUNCTION project_feature_properties(project_id bigint) RETURNS json LANGUAGE sql STABLE AS $$
SELECT json_build_object(
    'name', p.name, 'source', sd.file_name, 'table', p.table_title, 'seq', p.seq,
    'category', p.category, 'total_investment', p.total_investment,
    'planned_investment', p.planned_investment, 'start_year', p.start_year, 'end_year', p.end_year,
    'nature', p.nature, 'location_text', p.location_text, 'progress', p.progress,
    'content', p.content, 'responsible_units', p.responsible_units, 'project_codes', p.project_codes,
    'county_codes', coalesce(pl.county_codes, '{}'), 'county_names', coalesce(pl.county_names, '{}'),
    'city_codes', coalesce(pl.city_codes, '{}'), 'precision', p.precision,
    'placement_methods', coalesce(pl.methods, '{}'), 'placement_evidence', coalesce(pl.evidence, '[]'::json),
    'plan_areas', coalesce(pa.ids, '{}'), 'plan_area_names', coalesce(pa.names, '{}'),
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
    SELECT array_agg(y.area_id ORDER BY y.area_id) AS ids, array_agg(a.name ORDER BY y.area_id) AS names
    FROM project_plan_area y JOIN plan_area a ON a.id = y.area_id WHERE y.project_id = p.id) pa ON TRUE
WHERE p.id = project_id
$$;
