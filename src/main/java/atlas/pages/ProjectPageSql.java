package atlas.pages;

/** The project page's own statements: its source row and its small map. */
final class ProjectPageSql {
    private ProjectPageSql() {
    }

    /** The source row as imported: the line's text and its cells by header (V14: raw json). */
    static final String SOURCE_ROW = "SELECT raw::text FROM project WHERE fid = ?";

    /**
     * The small map in Web Mercator: a first row with the frame (the project and the divisions it is
     * placed on, with a margin; the province when it is placed nowhere), then the counties inside the
     * frame (placed ones marked), the placed divisions of other levels (a city), and the project. SVG
     * paths come from ST_AsSVG, whose y axis already points down.
     */
    static final String MAP = """
            WITH p AS (
                SELECT id, ST_Transform(geom, 3857) AS g FROM project WHERE fid = ?
            ), placed AS (
                SELECT d.code, d.level, d.name, ST_Transform(d.geom, 3857) AS g
                FROM p JOIN placement pl ON pl.project_id = p.id JOIN division d ON d.code = pl.division_code
                WHERE d.geom IS NOT NULL
            ), box AS (
                SELECT coalesce(
                    (SELECT ST_Extent(g)::geometry FROM (SELECT g FROM placed UNION ALL SELECT g FROM p WHERE g IS NOT NULL) u),
                    (SELECT ST_Extent(ST_Transform(geom, 3857))::geometry FROM division WHERE level = 'province')) AS b
            ), frame AS (
                SELECT ST_SetSRID(ST_Expand(b, greatest(ST_XMax(b) - ST_XMin(b), ST_YMax(b) - ST_YMin(b), 20000) * 0.08), 3857) AS f
                FROM box
            )
            SELECT 0 AS layer, NULL AS name, false AS placed,
                   concat_ws(' ', round(ST_XMin(f)), round(-ST_YMax(f)), round(ST_XMax(f) - ST_XMin(f)), round(ST_YMax(f) - ST_YMin(f))) AS svg,
                   0 AS dimension
            FROM frame
            UNION ALL
            SELECT 1, d.name, d.code IN (SELECT code FROM placed),
                   ST_AsSVG(ST_Intersection(ST_Transform(d.geom, 3857), f), 0, 0), 2
            FROM division d, frame
            WHERE d.level = 'county' AND d.geom IS NOT NULL AND ST_Intersects(ST_Transform(d.geom, 3857), f)
            UNION ALL
            SELECT 2, name, true, ST_AsSVG(ST_Intersection(g, f), 0, 0), 2 FROM placed, frame WHERE level <> 'county'
            UNION ALL
            SELECT 3, NULL, true, ST_AsSVG(ST_Intersection(g, f), 0, 0), ST_Dimension(g) FROM p, frame WHERE g IS NOT NULL
            ORDER BY layer
            """;
}
