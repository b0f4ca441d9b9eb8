-- Which registry line (and which stretch of it, by node seq) a project follows: its geometry is that
-- stretch's course. Written by the geocoder beside the project's placements.
CREATE TABLE project_line (
    project_id bigint NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    line_id    text   NOT NULL REFERENCES line (id) ON DELETE CASCADE,
    from_seq   int    NOT NULL,
    to_seq     int    NOT NULL,
    PRIMARY KEY (project_id, line_id, from_seq)   -- a project may follow two stretches of one line
);
CREATE INDEX project_line_line_idx ON project_line (line_id);

-- A project's registry lines as its served 'lines' property (the map's popup lists them): each line's
-- name, kind and source, the stretch's end nodes, and the counties crossed where the project is placed,
-- each with its first node there.
CREATE OR REPLACE FUNCTION project_lines_json(project_id bigint) RETURNS json LANGUAGE sql STABLE AS $$
SELECT coalesce(json_agg(json_build_object('id', l.id, 'name', l.name, 'kind', l.kind, 'source', l.source,
         'from', (SELECT node FROM line_node WHERE line_id = w.line_id AND seq = w.from_seq),
         'to', (SELECT node FROM line_node WHERE line_id = w.line_id AND seq = w.to_seq),
         'counties', (SELECT json_agg(json_build_object('code', x.county_code, 'name', d.name, 'node', x.node) ORDER BY x.seq)
                      FROM (SELECT DISTINCT ON (n.county_code) n.county_code, n.node, n.seq FROM line_node n
                            WHERE n.line_id = w.line_id AND n.seq BETWEEN w.from_seq AND w.to_seq AND n.county_code IS NOT NULL
                              AND EXISTS (SELECT 1 FROM placement pl WHERE pl.project_id = w.project_id
                                            AND pl.division_code = n.county_code)
                            ORDER BY n.county_code, n.seq) x
                      JOIN division d ON d.code = x.county_code))
       ORDER BY w.line_id, w.from_seq), '[]'::json)
FROM project_line w JOIN line l ON l.id = w.line_id
WHERE w.project_id = project_lines_json.project_id
$$;

-- A project's served properties carry its lines: project_feature_json (V19) takes them as its last
-- argument ('[]' when it follows none), from the geocoder's write and from project_feature_properties.
DROP FUNCTION project_feature_json(project, text, text, text[], text[], text[], text[], json, text[], text[]);
CREATE FUNCTION project_feature_json(p project, source_file text, placed_precision text, county_codes text[],
                                     county_names text[], city_codes text[], methods text[], evidence json,
                                     area_ids text[], area_names text[], lines json DEFAULT '[]'::json)
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
    'line_from', p.line_from, 'line_to', p.line_to, 'lines', coalesce(lines, '[]'::json))
$$;

CREATE OR REPLACE FUNCTION project_feature_properties(project_id bigint) RETURNS json LANGUAGE sql STABLE AS $$
SELECT project_feature_json(p, sd.file_name, p.precision, pl.county_codes, pl.county_names, pl.city_codes,
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
