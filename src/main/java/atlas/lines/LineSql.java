package atlas.lines;

/**
 * Every SQL statement of the lines room: the registry's tables, the checks of node coordinates
 * against their counties, and the courses built in PostGIS from the nodes.
 */
final class LineSql {
    private LineSql() {
    }

    static final String CURRENT_COUNTIES = "SELECT code FROM division WHERE level = 'county' AND valid_to IS NULL";

    static final String CLEAR = "DELETE FROM line";

    static final String INSERT_LINE = """
            INSERT INTO line (id, kind, name, aliases, source, note) VALUES (?, ?, ?, ?, ?::jsonb, ?)""";

    static final String INSERT_NODE = """
            INSERT INTO line_node (line_id, seq, node, county_code, outside, coordinate, note)
            VALUES (?, ?, ?, ?, ?, CASE WHEN ?::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(?, ?), 4326) END, ?)""";

    static final String INSERT_SECTION = """
            INSERT INTO line_section (line_id, section, ord, aliases, from_node, to_node, note) VALUES (?, ?, ?, ?, ?, ?, ?)""";

    /** Nodes whose coordinate lies more than 10 km from the county they name (a wrong county or swapped lon/lat). */
    static final String NODES_AWAY_FROM_THEIR_COUNTY = """
            SELECT n.line_id, l.name, n.seq, n.node, n.county_code, d.name,
                   round((ST_Distance(n.coordinate::geography, d.geom::geography) / 1000)::numeric, 1)
            FROM line_node n JOIN line l ON l.id = n.line_id JOIN division d ON d.code = n.county_code
            WHERE n.coordinate IS NOT NULL AND NOT ST_DWithin(n.coordinate::geography, d.geom::geography, 10000)
            ORDER BY n.line_id, n.seq""";

    /** Where the course passes each node: its coordinate, else a point inside its county (ST_PointOnSurface). */
    static final String NODE_POINTS = """
            UPDATE line_node n SET point = coalesce(n.coordinate, d.rep_point)
            FROM (SELECT n2.line_id, n2.seq, d2.rep_point FROM line_node n2 LEFT JOIN division d2 ON d2.code = n2.county_code) d
            WHERE d.line_id = n.line_id AND d.seq = n.seq""";

    /**
     * One segment per pair of consecutive nodes with a point. A segment is kept whole where the line
     * itself crosses water: a bridge or tunnel, or two nodes of the province on different land pieces
     * (an island link). Any other segment is clipped to the province's land, so a stroke between two
     * coastal nodes does not run over open sea and a line leaving the province stops at its border.
     */
    static final String BUILD_SEGMENTS = """
            WITH prov AS (SELECT geom FROM division WHERE level = 'province' LIMIT 1),
            land AS (SELECT d.path[1] AS piece, d.geom FROM prov, ST_Dump(prov.geom) d),
            pairs AS (
              SELECT line_id, seq, point, county_code,
                     lead(seq) OVER w AS next_seq, lead(point) OVER w AS next_point, lead(county_code) OVER w AS next_county
              FROM line_node WHERE point IS NOT NULL
              WINDOW w AS (PARTITION BY line_id ORDER BY seq)),
            ends AS (
              SELECT p.*, l.kind,
                     (SELECT piece FROM land WHERE p.county_code IS NOT NULL ORDER BY land.geom <-> p.point LIMIT 1) AS piece,
                     (SELECT piece FROM land WHERE p.next_county IS NOT NULL ORDER BY land.geom <-> p.next_point LIMIT 1) AS next_piece
              FROM pairs p JOIN line l ON l.id = p.line_id
              WHERE p.next_seq IS NOT NULL)
            INSERT INTO line_segment (line_id, from_seq, to_seq, crosses_sea, geom)
            SELECT e.line_id, e.seq, e.next_seq, w.whole,
                   CASE WHEN w.whole THEN ST_MakeLine(e.point, e.next_point)
                        ELSE ST_CollectionExtract(ST_Intersection(ST_MakeLine(e.point, e.next_point), prov.geom), 2) END
            FROM ends e CROSS JOIN prov
            CROSS JOIN LATERAL (SELECT e.kind IN ('bridge', 'tunnel')
                                  OR (e.piece IS NOT NULL AND e.next_piece IS NOT NULL AND e.piece <> e.next_piece) AS whole) w
            WHERE NOT ST_Equals(e.point, e.next_point)""";

    /**
     * A stretch of a line between two node seqs as a SQL expression: its segments merged into one
     * (multi)line; a stretch whose nodes all share one point (one county, no coordinates) is that point.
     */
    static String course(String lineId, String fromSeq, String toSeq) {
        return """
                (SELECT CASE WHEN m.g IS NULL OR ST_IsEmpty(m.g) THEN
                          (SELECT n.point FROM line_node n WHERE n.line_id = %1$s AND n.point IS NOT NULL
                             AND n.seq BETWEEN least(%2$s, %3$s) AND greatest(%2$s, %3$s) ORDER BY n.seq LIMIT 1)
                        ELSE m.g END
                 FROM (SELECT ST_LineMerge(ST_CollectionExtract(ST_Collect(s.geom ORDER BY s.from_seq), 2)) AS g
                       FROM line_segment s
                       WHERE s.line_id = %1$s AND s.from_seq >= least(%2$s, %3$s) AND s.to_seq <= greatest(%2$s, %3$s)
                         AND NOT ST_IsEmpty(s.geom)) m)""".formatted(lineId, fromSeq, toSeq);
    }

    static final String LINE_COURSES = """
            UPDATE line l SET geom = %s,
              county_codes = coalesce((SELECT array_agg(c ORDER BY first_seq) FROM (
                SELECT county_code AS c, min(seq) AS first_seq FROM line_node
                WHERE line_id = l.id AND county_code IS NOT NULL GROUP BY county_code) x), '{}')"""
            .formatted(course("l.id", "-2147483648", "2147483647"));

    static final String READ_LINES = "SELECT id, kind, name, aliases, source::text, note FROM line ORDER BY id";

    static final String READ_NODES = """
            SELECT line_id, seq, node, coalesce(county_code, ''), coalesce(outside, ''), ST_X(coordinate), ST_Y(coordinate), note
            FROM line_node ORDER BY line_id, seq""";

    static final String READ_SECTIONS = """
            SELECT line_id, section, aliases, from_node, to_node, note FROM line_section ORDER BY line_id, ord""";
}
