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
     * The staged projects that follow lines, with their 'lines' property: project_lines_json(id) (V22), the
     * same function the served properties of a not yet placed row use, read after project_line is written.
     * Grouped, so the lines are a column of their own and the properties' function stays inlinable (V34).
     */
    public static final String WITH_LINES = "(SELECT project_id, project_lines_json(project_id) AS lines FROM geocode_line GROUP BY project_id)";

    /** The 'lines' property of a staged project, given lj from WITH_LINES joined on it (NULL: it follows none). */
    public static final String LINES_PROPERTY = "lj.lines";
}
