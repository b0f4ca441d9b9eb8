-- A document is known by what it says it is: its title, issuing body (发文机关), 文号 and date of issue,
-- read from its head where it states them or given at import. The file name stays as provenance.
ALTER TABLE source_document
    ADD COLUMN title      text,
    ADD COLUMN issuer     text,
    ADD COLUMN doc_number text,
    ADD COLUMN issued_on  date;

-- Items carry the document's title, issuer, 文号 and date right after its file name: project_feature_json
-- (V19; with the registry lines of V22 and the linked entries of V28) with four more keys, looked up by
-- the row's document; its callers stay as they are. One definition: the same signature as V22's.
CREATE OR REPLACE FUNCTION project_feature_json(p project, source_file text, placed_precision text, county_codes text[],
                                                county_names text[], city_codes text[], methods text[], evidence json,
                                                area_ids text[], area_names text[], lines json DEFAULT '[]'::json)
RETURNS json LANGUAGE sql STABLE AS $$
SELECT CASE WHEN p.linked THEN (f::jsonb || jsonb_build_object('project', p.identity, 'counted', p.counted,
                                                               'entries', project_entries_json(p)))::json
            ELSE f END
FROM (SELECT json_build_object(
    'name', p.name, 'source', source_file, 'table', p.table_title, 'seq', p.seq,
    'source_title', sd.title, 'source_issuer', sd.issuer, 'source_number', sd.doc_number, 'source_date', sd.issued_on,
    'category', p.category, 'total_investment', p.total_investment,
    'planned_investment', p.planned_investment, 'start_year', p.start_year, 'end_year', p.end_year,
    'nature', p.nature, 'location_text', p.location_text, 'progress', p.progress,
    'content', p.content, 'responsible_units', p.responsible_units, 'project_codes', p.project_codes,
    'county_codes', coalesce(county_codes, '{}'), 'county_names', coalesce(county_names, '{}'),
    'city_codes', coalesce(city_codes, '{}'), 'precision', placed_precision,
    'placement_methods', coalesce(methods, '{}'), 'placement_evidence', coalesce(evidence, '[]'::json),
    'plan_areas', area_ids, 'plan_area_names', coalesce(area_names, '{}'),
    'line_from', p.line_from, 'line_to', p.line_to, 'lines', coalesce(lines, '[]'::json)) AS f
    FROM (SELECT 1) one LEFT JOIN source_document sd ON sd.id = p.document_id) b
$$;

UPDATE project SET properties = project_feature_properties(id) WHERE properties IS NOT NULL;
