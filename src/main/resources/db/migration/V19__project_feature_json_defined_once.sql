-- A project feature's properties are defined once, here: project_feature_json builds them from the
-- project row and what its placement says. Both the per-row function (a row not placed since its
-- import is served through it) and the geocoder's set-based write (GeocodeStore.storeProjects) call it;
-- before, the same json_build_object was written out in V5, again in V17 and in GeocodeStore.
CREATE FUNCTION project_feature_json(p project, source_file text, placed_precision text, county_codes text[],
                                     county_names text[], city_codes text[], methods text[], evidence json,
                                     area_ids text[], area_names text[])
RETURNS json LANGUAGE sql STABLE AS $$
SELECT json_build_object(
    'name', p.name, 'source', source_file, 'table', p.table_title, 'seq', p.seq,
    'category', p.category, 'total_investment', p.total_investment,
    'planned_investment', p.planned_investment, 'start_year', p.start_year, 'end_year', p.end_year,
    'nature', p.nature, 'location_text', p.location_text, 'progress', p.progress,
    'content', p.content, 'responsible_units', p.responsible_units, 'project_codes', p.project_codes,
    'county_codes', coalesce(county_codes, '{}'), 'county_names', coalesce(county_names, '{}'),
    'city_codes', coalesce(city_codes, '{}'), 'precision', placed_precision,
    'placement_methods', coalesce(methods, '{}'), 'placement_evidence', coalesce(evidence, '[]'::json),
    'plan_areas', area_ids, 'plan_area_names', coalesce(area_names, '{}'),
    'line_from', p.line_from, 'line_to', p.line_to)
$$;

CREATE OR REPLACE FUNCTION project_feature_properties(project_id bigint) RETURNS json LANGUAGE sql STABLE AS $$
SELECT project_feature_json(p, sd.file_name, p.precision, pl.county_codes, pl.county_names, pl.city_codes,
                            pl.methods, pl.evidence, p.plan_areas, pa.names)
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
