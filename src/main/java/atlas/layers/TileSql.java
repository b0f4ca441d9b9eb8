package atlas.layers;

import java.util.List;

/**
 * The vector tile statements (moved from Tiles): Mapbox vector tiles built by ST_AsMVT, one layer per
 * tile named after the collection. ProjectTiles runs them.
 */
public final class TileSql {
    private TileSql() {
    }

    /** Up to this zoom, project points are aggregated per 32-unit cell of the 4096-unit tile. */
    public static final int CLUSTER_MAX_ZOOM = 10;

    /**
     * Up to this zoom (the province on one screen), the line projects of one category in a tile are
     * one feature: their lines, how many and their summed investment. One feature per line filled
     * the busiest small-scale tiles with ids and names (bench/RESULTS.md, "Measured earlier"); from z9
     * on each line is its own feature again.
     */
    public static final int LINE_MERGE_MAX_ZOOM = 8;

    /**
     * The side of an aggregation cell in metres, from the tile envelope (%s): 128 cells across a tile,
     * two pixels of a 256-pixel tile: fine enough to read as points, coarse enough to keep the busiest
     * z8 tile near the size other tile makers aim at (bench/RESULTS.md, "Measured earlier").
     */
    static final String CELL_SIZE = "(ST_XMax(%1$s) - ST_XMin(%1$s)) / 128";

    /**
     * Points (cells and single projects) are kept this far outside their tile, in tile units (4096
     * across): the web map draws them as circles up to 14 px across a 256-px tile, and each tile's
     * canvas draws only its own features, so a circle near an edge must be in both tiles to be whole.
     */
    static final int POINT_BUFFER = 256;

    /** The tile envelope %1$s widened by POINT_BUFFER (8 cells: a cell is 32 units). */
    static final String POINT_REACH = "ST_Expand(%1$s, (ST_XMax(%1$s) - ST_XMin(%1$s)) / 16)";

    /**
     * One aggregated cell of points, grouped per tile and cell: the centroid of all their points, id
     * and name when it holds one project, category when all share one (min = max rather than
     * count(DISTINCT): the same answer, and the cells can be grouped by hashing instead of sorting). %1$s, %2$s, %3$s are each
     * project's sums of x and y over its points and their number (CELL_SUMS), %4$s the tile envelope
     * (not a grouping key: geometries cannot be hashed); the sums are exact
     * numerics, so the centroid does not depend on the order rows arrive in, and no cell collects a
     * geometry of its points (at z0 that is every project).
     */
    static final String CELL_FEATURE = """
            ROW(ST_AsMVTGeom(ST_SetSRID(ST_MakePoint((sum(%1$s) / sum(%3$s))::float8, (sum(%2$s) / sum(%3$s))::float8), 3857),
                             %4$s, 4096, %5$s, true),
                CASE WHEN count(*) = 1 THEN min(p.fid) END, CASE WHEN count(*) = 1 THEN min(p.name) END,
                CASE WHEN min(p.category) = max(p.category) THEN min(p.category) END,
                count(*), sum(p.total_investment)::float8)::project_tile_feature""";

    /** A point project's x sum, y sum and number of points (a manual placement on several counties is a multipoint). */
    static final String[] CELL_SUMS = {
            "(ST_X(ST_Centroid(%1$s)) * ST_NPoints(%1$s))::numeric",
            "(ST_Y(ST_Centroid(%1$s)) * ST_NPoints(%1$s))::numeric",
            "ST_NPoints(%1$s)"};

    /** One line (or polygon) project as it is, clipped to tile t. */
    static final String LINE_FEATURE = """
            ROW(ST_AsMVTGeom(%1$s, t.b, 4096, 64, true), p.fid, p.name, p.category, 1,
                p.total_investment::float8)::project_tile_feature""";

    /**
     * The line (or polygon) projects of one category and dimension in tile %2$s, as one feature; %1$s
     * is their geometry. Collected in id order, so equal inputs give equal bytes.
     */
    static final String MERGED_LINES_FEATURE = """
            ROW(ST_AsMVTGeom(ST_Collect(%1$s ORDER BY p.fid), %2$s, 4096, 64, true),
                CASE WHEN count(*) = 1 THEN min(p.fid) END, CASE WHEN count(*) = 1 THEN min(p.name) END,
                p.category, count(*), sum(p.total_investment)::float8)::project_tile_feature""";

    /** Features in a fixed order (cells by row and column, then lines by id), so equal tiles are equal bytes. */
    static final String FEATURE_ORDER = "ORDER BY m.k0, m.k1, m.k2, m.k3";

    /** Around a large-scale tile (ProjectTiles.live): no parallel workers for it, then the defaults again. */
    static final String SERIAL_PLANS = "SET max_parallel_workers_per_gather = 0";
    static final String DEFAULT_PLANS = "RESET max_parallel_workers_per_gather";

    /**
     * A tile statement: its text, how many times the tile number (z, x, y) is bound first, then params,
     * then the layer name.
     */
    record Statement(String text, int rounds, List<Object> params) {
    }

    static Statement tile(Collection col, int z, ProjectFilter filter) {
        String rows;
        List<Object> params = new java.util.ArrayList<>();
        switch (col.kind()) {
            case PROJECT -> {
                FeatureSql.Where where = FeatureSql.where(filter);
                if (z <= CLUSTER_MAX_ZOOM) {
                    // Small scales: points that fall in one cell become one feature with a count and the
                    // summed investment; lines of one category merge up to LINE_MERGE_MAX_ZOOM. Precomputed builds the unfiltered
                    // tiles with the same expressions (CELL_FEATURE, LINE_FEATURE, FEATURE_ORDER).
                    rows = """
                            SELECT 0 AS k0, round(ST_Y(ST_PointOnSurface(p.geom_3857)) / t.cell) AS k1,
                                   round(ST_X(ST_PointOnSurface(p.geom_3857)) / t.cell) AS k2, NULL::text AS k3,
                                   %2$s AS f
                            FROM project p, t
                            WHERE p.geom_3857 && %5$s AND GeometryType(p.geom_3857) IN ('POINT', 'MULTIPOINT') AND %1$s
                            GROUP BY t.cell, round(ST_Y(ST_PointOnSurface(p.geom_3857)) / t.cell),
                                     round(ST_X(ST_PointOnSurface(p.geom_3857)) / t.cell)
                            UNION ALL
                            %3$s
                            FROM project p, t
                            WHERE p.geom_3857 && t.b AND GeometryType(p.geom_3857) NOT IN ('POINT', 'MULTIPOINT') AND %1$s
                            %4$s"""
                            .formatted(where.where(), CELL_FEATURE.formatted(CELL_SUMS[0].formatted("p.geom_3857"),
                                    CELL_SUMS[1].formatted("p.geom_3857"), CELL_SUMS[2].formatted("p.geom_3857"), "(SELECT b FROM t)", POINT_BUFFER),
                                    z <= LINE_MERGE_MAX_ZOOM
                                            ? "SELECT 1, NULL, ST_Dimension(p.geom_3857)::float8, p.category, "
                                              + MERGED_LINES_FEATURE.formatted("p.geom_3857", "(SELECT b FROM t)")
                                            : "SELECT 1, NULL, NULL, p.fid, " + LINE_FEATURE.formatted("p.geom_3857"),
                                    z <= LINE_MERGE_MAX_ZOOM ? "GROUP BY ST_Dimension(p.geom_3857), p.category" : "",
                                    POINT_REACH.formatted("t.b"));
                    params.addAll(where.params());
                    params.addAll(where.params());
                    String sql = """
                            WITH t AS (SELECT ST_TileEnvelope(?, ?, ?) AS b,
                                              %s AS cell),
                                 m AS (%s)
                            SELECT ST_AsMVT(m.f, ?, 4096, 'geom' %s) FROM m WHERE (m.f).geom IS NOT NULL"""
                            .formatted(CELL_SIZE.formatted("ST_TileEnvelope(?, ?, ?)"), rows, FEATURE_ORDER);
                    return new Statement(sql, 3, params);
                } else {
                    rows = """
                            SELECT ST_AsMVTGeom(p.geom_3857, t.b, 4096, CASE WHEN GeometryType(p.geom_3857) IN ('POINT', 'MULTIPOINT')
                                                    THEN %2$d ELSE 64 END, true) AS geom,
                                   p.fid AS id, p.name, p.category, p.nature, p.precision,
                                   p.total_investment::float8 AS total_investment
                            FROM project p, t WHERE p.geom_3857 && %3$s AND %1$s"""
                            .formatted(where.where(), POINT_BUFFER, POINT_REACH.formatted("t.b"));
                    params.addAll(where.params());
                }
            }
            case DIVISION -> rows = """
                    SELECT ST_AsMVTGeom(ST_Transform(CASE WHEN %d < 9 THEN d.geom_simple ELSE d.geom END, 3857), t.b, 4096, 64, true) AS geom,
                           d.code, d.name, d.level, d.boundary_vintage
                    FROM division d, t WHERE d.geom && t.b4326 AND %s""".formatted(z, col.filter());
            case PLAN_AREA -> rows = """
                    SELECT ST_AsMVTGeom(ST_Transform(CASE WHEN %d < 9 THEN a.geom_simple ELSE a.geom END, 3857), t.b, 4096, 64, true) AS geom,
                           a.id, a.kind, a.name, a.approximate
                    FROM plan_area a, t WHERE a.geom && t.b4326 AND %s""".formatted(z, col.filter());
            default -> throw new IllegalStateException();
        }
        String sql = """
                WITH t AS (SELECT ST_TileEnvelope(?, ?, ?) AS b, ST_Transform(ST_TileEnvelope(?, ?, ?), 4326) AS b4326),
                     m AS (%s)
                SELECT ST_AsMVT(m.*, ?, 4096, 'geom') FROM m WHERE m.geom IS NOT NULL""".formatted(rows);
        return new Statement(sql, 2, params);
    }
}
