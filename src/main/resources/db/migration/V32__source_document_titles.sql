-- A document is known by what it says it is: its title, issuing body (发文机关), 文号 and date of issue,
-- read from its head where it states them or given at import. The file name stays as provenance.
ALTER TABLE source_document
    ADD COLUMN title      text,
    ADD COLUMN issuer     text,
    ADD COLUMN doc_number text,
    ADD COLUMN issued_on  date;

-- Items carry the document's title, issuer, 文号 and date right after its file name: the V17 function
-- with four more keys, written in the same order as GeocodeStore.storeProjects writes them.
CREATE OR REPLACE FUNCTION project_feature_properties(project_id bigint) RETURNS json LANGUAGE sql STABLE AS $$
SELECT json_build_object(
    'name', p.name, 'source', sd.file_name, 'table', p.table_title, 'seq', p.seq,
    'source_title', sd.title, 'source_issuer', sd.issuer, 'source_number', sd.doc_number, 'source_date', sd.issued_on,
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

UPDATE project SET properties = project_feature_properties(id) WHERE properties IS NOT NULL;
