-- The geocoder builds every placed project's served properties in one UPDATE. project_feature_json
-- (V32) had a FROM in its body, so it could not be inlined: each row paid a SQL function call and
-- the copy of its whole row into an argument. It now takes the document's row instead of looking it
-- up and has no FROM; where its arguments are columns the planner inlines it. The served keys, their
-- order and their values are unchanged. project_feature_object holds the keys every project serves,
-- project_feature_json adds a linked entry's project, counted and entries (V28).
DROP FUNCTION project_feature_json(project, text, text, text[], text[], text[], text[], json, text[], text[], json);

CREATE FUNCTION project_feature_object(p project, sd source_document, placed_precision text, county_codes text[],
                                       county_names text[], city_codes text[], methods text[], evidence json,
                                       area_ids text[], area_names text[], lines json)
RETURNS json LANGUAGE sql STABLE AS $$
SELECT json_build_object(
    'name', p.name, 'source', sd.file_name, 'table', p.table_title, 'seq', p.seq,
    'source_title', sd.title, 'source_issuer', sd.issuer, 'source_number', sd.doc_number, 'source_date', sd.issued_on,
    'category', p.category, 'total_investment', p.total_investment,
    'planned_investment', p.planned_investment, 'start_year', p.start_year, 'end_year', p.end_year,
    'nature', p.nature, 'location_text', p.location_text, 'progress', p.progress,
    'content', p.content, 'responsible_units', p.responsible_units, 'project_codes', p.project_codes,
    'county_codes', coalesce(county_codes, '{}'), 'county_names', coalesce(county_names, '{}'),
    'city_codes', coalesce(city_codes, '{}'), 'precision', placed_precision,
    'placement_methods', coalesce(methods, '{}'), 'placement_evidence', coalesce(evidence, '[]'::json),
    'plan_areas', area_ids, 'plan_area_names', coalesce(area_names, '{}'),
    'line_from', p.line_from, 'line_to', p.line_to, 'lines', coalesce(lines, '[]'::json))
$$;

CREATE FUNCTION project_feature_json(p project, sd source_document, placed_precision text, county_codes text[],
                                     county_names text[], city_codes text[], methods text[], evidence json,
                                     area_ids text[], area_names text[], lines json)
RETURNS json LANGUAGE sql STABLE AS $$
SELECT CASE WHEN p.linked
            THEN (project_feature_object(p, sd, placed_precision, county_codes, county_names, city_codes, methods,
                                         evidence, area_ids, area_names, lines)::jsonb
                  || jsonb_build_object('project', p.identity, 'counted', p.counted, 'entries', project_entries_json(p)))::json
            ELSE project_feature_object(p, sd, placed_precision, county_codes, county_names, city_codes, methods,
                                        evidence, area_ids, area_names, lines)
       END
$$;

CREATE OR REPLACE FUNCTION project_feature_properties(project_id bigint) RETURNS json LANGUAGE sql STABLE AS $$
SELECT project_feature_json(p, sd, p.precision, pl.county_codes, pl.county_names, pl.city_codes,
                            pl.methods, pl.evidence, p.plan_areas, pa.names, project_lines_json(p.id))
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
