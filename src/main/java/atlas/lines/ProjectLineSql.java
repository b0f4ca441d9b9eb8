package atlas.lines;

/**
 * The statements by which the geocoder's run gives a project the course of the registry lines it
 * follows (staged in geocode_line: project_id, line_id, from_seq, to_seq): its geometry, the
 * project_line rows, and the 'lines' property the map's popup lists (the counties crossed, each with
 * its node). They read the geocoder's temporary tables geocode_project, geocode_placed and geocode_wanted.
 */
public final class ProjectLineSql {
    private ProjectLineSql() {
    }

    public static final String STAGE = """
            CREATE TEMP TABLE geocode_line (project_id bigint NOT NULL, line_id text NOT NULL, from_seq int NOT NULL,
              to_seq int NOT NULL) ON COMMIT DROP""";

    public static final String STAGE_COLUMNS = "project_id, line_id, from_seq, to_seq";

    /** A project that follows lines takes their courses as its geometry (a stretch inside one county keeps its point). */
    public static final String COURSES = """
            UPDATE geocode_placed g SET geom = c.geom FROM (
              SELECT w.project_id, ST_LineMerge(ST_CollectionExtract(ST_Collect(x.g ORDER BY w.line_id, w.from_seq), 2)) AS geom
              FROM geocode_line w CROSS JOIN LATERAL (SELECT %s AS g) x
              GROUP BY w.project_id) c
            WHERE g.project_id = c.project_id AND c.geom IS NOT NULL AND NOT ST_IsEmpty(c.geom)"""
            .formatted(LineSql.course("w.line_id", "w.from_seq", "w.to_seq"));

    public static final String DELETE_CHANGED = """
            DELETE FROM project_line y USING geocode_project s
            WHERE y.project_id = s.project_id AND NOT EXISTS (
              SELECT 1 FROM geocode_line w WHERE w.project_id = y.project_id AND w.line_id = y.line_id
                AND w.from_seq = y.from_seq AND w.to_seq = y.to_seq)""";

    public static final String INSERT = """
            INSERT INTO project_line (project_id, line_id, from_seq, to_seq)
            SELECT DISTINCT ON (project_id, line_id, from_seq) project_id, line_id, from_seq, to_seq FROM geocode_line
            ORDER BY project_id, line_id, from_seq, to_seq
            ON CONFLICT DO NOTHING""";

    /**
     * Per project, its lines as JSON for the served properties: name, kind, source, the stretch's end
     * nodes and the counties crossed where the project is placed, each with its first node there.
     */
    public static final String PROPERTIES = """
            (SELECT w.project_id, json_agg(json_build_object('id', l.id, 'name', l.name, 'kind', l.kind, 'source', l.source,
                      'from', (SELECT node FROM line_node WHERE line_id = w.line_id AND seq = w.from_seq),
                      'to', (SELECT node FROM line_node WHERE line_id = w.line_id AND seq = w.to_seq),
                      'counties', (SELECT json_agg(json_build_object('code', x.county_code, 'name', d.name, 'node', x.node) ORDER BY x.seq)
                                   FROM (SELECT DISTINCT ON (n.county_code) n.county_code, n.node, n.seq FROM line_node n
                                         WHERE n.line_id = w.line_id AND n.seq BETWEEN w.from_seq AND w.to_seq AND n.county_code IS NOT NULL
                                           AND EXISTS (SELECT 1 FROM geocode_wanted p WHERE p.project_id = w.project_id
                                                         AND p.division_code = n.county_code)
                                         ORDER BY n.county_code, n.seq) x
                                   JOIN division d ON d.code = x.county_code))
                    ORDER BY w.line_id, w.from_seq) AS lines
             FROM geocode_line w JOIN line l ON l.id = w.line_id
             GROUP BY w.project_id)""";
}
