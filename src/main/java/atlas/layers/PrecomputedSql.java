package atlas.layers;

/**
 * The statements of the precomputed sets (migration V6: unfiltered project tiles, statistics and,
 * since V18, the plan areas' figures), moved from Precomputed: reading a set, the test whether a set
 * was built at the current input version, the build's locks and snapshot, and the builds themselves.
 */
final class PrecomputedSql {
    private PrecomputedSql() {
    }

    static final String TILES = "tiles";
    static final String STATS = "stats";
    /** Moves with every write to an input table (statement triggers, V6). */
    static final String INPUT_VERSION = "(SELECT version::text FROM version_counter WHERE name = 'serving_input')";
    /** The tables the precomputed answers read: a build waits for no writer of these and blocks none for long. */
    static final String INPUTS = "project, placement, project_plan_area, division, plan_area, source_document";

    /** SQL that is true while the set (TILES or STATS) was built at the current input version. */
    static String builtAtCurrentInput(String set) {
        return "EXISTS (SELECT 1 FROM serving_state WHERE name = '" + set + "' AND version = " + INPUT_VERSION + ")";
    }

    /** One row when the tiles are current: the tile's bytes, NULL when the tile is empty (z, x, y). */
    static final String TILE = """
            SELECT t.mvt FROM serving_state s LEFT JOIN serving_tile t ON t.z = ? AND t.x = ? AND t.y = ?
            WHERE s.name = 'tiles' AND s.version = """ + INPUT_VERSION;

    /** The same for the tile of one category (category, z, x, y). */
    static final String CATEGORY_TILE = """
            SELECT t.mvt FROM serving_state s
            LEFT JOIN serving_category_tile t ON t.category = ? AND t.z = ? AND t.x = ? AND t.y = ?
            WHERE s.name = 'tiles' AND s.version = """ + INPUT_VERSION;

    /** Rows when the statistics are current: totals, then each group in order (groupby). */
    static final String STATS_OF = """
            SELECT s.count, s.total_investment, g.key, g.name, g.count, g.total_investment, g.ordinal
            FROM serving_state st JOIN serving_stats s ON s.groupby = ?
            LEFT JOIN serving_stats_group g ON g.groupby = s.groupby
            WHERE st.name = 'stats' AND st.version = """ + INPUT_VERSION + " ORDER BY g.ordinal";

    /** 2 when the tiles and the statistics were built at the current input version. */
    static final String CURRENT_SETS = "SELECT count(*) FROM serving_state WHERE name IN ('tiles', 'stats') AND version = " + INPUT_VERSION;

    /**
     * True when no other transaction is writing to the tables tiles and statistics are built from
     * (moved from Layers.settled).
     */
    static final String SETTLED = """
            SELECT NOT EXISTS (SELECT 1 FROM pg_locks l
              WHERE l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                AND l.relation IN ('project'::regclass, 'placement'::regclass, 'project_plan_area'::regclass,
                                   'division'::regclass, 'plan_area'::regclass, 'source_document'::regclass)
                AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid())""";

    static final String BUILD_MEMORY = "SET temp_buffers = '256MB'";
    static final String LOCK_INPUTS = "LOCK TABLE " + INPUTS + " IN SHARE MODE NOWAIT";
    static final String VERSION_AND_SNAPSHOT = "SELECT " + INPUT_VERSION + ", pg_export_snapshot()";
    static final String STALE_SETS = """
            SELECT n FROM unnest(ARRAY['tiles', 'stats']) n
            WHERE NOT EXISTS (SELECT 1 FROM serving_state s WHERE s.name = n AND s.version = %s)""".formatted(INPUT_VERSION);

    static String useSnapshot(String snapshot) {
        return "SET TRANSACTION SNAPSHOT '" + snapshot.replace("'", "") + "'";
    }

    static final String ONE_BUILDER = "SELECT pg_try_advisory_xact_lock(hashtext('atlas.precomputed'))";
    static final String RECORD_BUILT = """
            INSERT INTO serving_state (name, version, built_at, millis) VALUES (?, ?, now(), ?)
            ON CONFLICT (name) DO UPDATE SET version = excluded.version, built_at = now(), millis = excluded.millis""";

    // The statistics set: the live statements' answers, stored.
    static final String CLEAR_STATS = "DELETE FROM serving_stats";
    static final String CLEAR_AREA_FIGURES = "DELETE FROM serving_area_figure";
    static final String STORE_AREA_FIGURES = "INSERT INTO serving_area_figure (area_id, project_count, total_investment, by_category, by_nature, entry_count) "
            + FeatureSql.AREA_FIGURES;
    static final String STORE_STATS = "INSERT INTO serving_stats (groupby, count, total_investment) VALUES (?, ?, ?)";
    static final String STORE_STATS_GROUP = """
            INSERT INTO serving_stats_group (groupby, ordinal, key, name, count, total_investment)
            VALUES (?, ?, ?, ?, ?, ?)""";

    // The tiles set: points and lines copied into narrow indexed tables, then one statement per zoom.
    static final String TILE_BUILD_MEMORY = "SET LOCAL work_mem = '64MB'";  // a zoom's cells hashed in memory
    static final String CLEAR_TILES = "DELETE FROM serving_tile";
    static final String CLEAR_CATEGORY_TILES = "DELETE FROM serving_category_tile";
    static final String BUILD_POINTS = """
            CREATE TEMP TABLE serving_build_points ON COMMIT DROP AS
            SELECT p.fid, p.name, p.category, p.total_investment, p.geom_3857 AS g,
                   ST_X(ST_PointOnSurface(p.geom_3857)) AS px, ST_Y(ST_PointOnSurface(p.geom_3857)) AS py,
                   %s AS sx, %s AS sy, %s AS n
            FROM project p WHERE p.counted AND GeometryType(p.geom_3857) IN ('POINT', 'MULTIPOINT')"""
            .formatted(TileSql.CELL_SUMS[0].formatted("p.geom_3857"), TileSql.CELL_SUMS[1].formatted("p.geom_3857"),
                    TileSql.CELL_SUMS[2].formatted("p.geom_3857"));
    static final String BUILD_LINES = """
            CREATE TEMP TABLE serving_build_lines ON COMMIT DROP AS
            SELECT p.fid, p.name, p.category, p.total_investment, p.geom_3857 AS g
            FROM project p WHERE p.counted AND GeometryType(p.geom_3857) NOT IN ('POINT', 'MULTIPOINT')""";
    static final String[] INDEX_BUILD_TABLES = {
            "CREATE INDEX ON serving_build_points USING gist (g)",
            "CREATE INDEX ON serving_build_lines USING gist (g)",
            "ANALYZE serving_build_points",
            "ANALYZE serving_build_lines"};
    static final String BUILD_EXTENT = """
            SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(g) AS e FROM (
              SELECT g FROM serving_build_points UNION ALL SELECT g FROM serving_build_lines) u) x""";

    /** The zoom's tiles over the range x0..x1, y0..y1, with their envelope and cell size. */
    static String[] zoomTiles(int z, int x0, int x1, int y0, int y1) {
        String envelope = "ST_TileEnvelope(%d, tx, ty)".formatted(z);
        return new String[]{"DROP TABLE IF EXISTS serving_build_tiles", """
                CREATE TEMP TABLE serving_build_tiles ON COMMIT DROP AS
                SELECT tx, ty, %s AS b, %s AS cell FROM generate_series(%d, %d) tx, generate_series(%d, %d) ty"""
                .formatted(envelope, TileSql.CELL_SIZE.formatted(envelope), x0, x1, y0, y1)};
    }

    /** The cells first, on their own: grouped by hashing, in no order. */
    static String[] zoomCells(int z) {
        return new String[]{"DROP TABLE IF EXISTS serving_build_cells", """
                CREATE TEMP TABLE serving_build_cells ON COMMIT DROP AS
                SELECT t.tx, t.ty, round(p.py / t.cell) AS k1, round(p.px / t.cell) AS k2, %s AS f
                FROM serving_build_tiles t JOIN serving_build_points p ON p.g && %s
                GROUP BY t.tx, t.ty, t.cell, round(p.py / t.cell), round(p.px / t.cell)"""
                .formatted(TileSql.CELL_FEATURE.formatted("p.sx", "p.sy", "p.n", "ST_TileEnvelope(%d, t.tx, t.ty)".formatted(z),
                        TileSql.POINT_BUFFER), TileSql.POINT_REACH.formatted("t.b"))};
    }

    /**
     * The zoom's cells of each category on their own (the live tile of a category filter groups the
     * same points the same way: every cell's category is then that one).
     */
    static String[] zoomCategoryCells(int z) {
        return new String[]{"DROP TABLE IF EXISTS serving_build_cells", """
                CREATE TEMP TABLE serving_build_cells ON COMMIT DROP AS
                SELECT p.category, t.tx, t.ty, round(p.py / t.cell) AS k1, round(p.px / t.cell) AS k2, %s AS f
                FROM serving_build_tiles t JOIN serving_build_points p ON p.g && %s
                WHERE p.category IS NOT NULL
                GROUP BY p.category, t.tx, t.ty, t.cell, round(p.py / t.cell), round(p.px / t.cell)"""
                .formatted(TileSql.CELL_FEATURE.formatted("p.sx", "p.sy", "p.n", "ST_TileEnvelope(%d, t.tx, t.ty)".formatted(z),
                        TileSql.POINT_BUFFER), TileSql.POINT_REACH.formatted("t.b"))};
    }

    /** The zoom's tiles stored: cells and lines with the live tile's expressions and feature order. */
    static String storeZoom(int z) {
        return storeZoom(z, false);
    }

    /** The zoom's tiles of each category stored (after zoomCategoryCells). */
    static String storeCategoryZoom(int z) {
        return storeZoom(z, true);
    }

    private static String storeZoom(int z, boolean byCategory) {
        String key = byCategory ? "p.category, " : "";
        return """
                INSERT INTO %s
                SELECT %s%d, m.tx, m.ty, ST_AsMVT(m.f, 'projects', 4096, 'geom' %s)
                FROM (SELECT %sc.tx, c.ty, 0 AS k0, c.k1, c.k2, NULL::text AS k3, c.f FROM serving_build_cells c
                      UNION ALL
                      %s
                      FROM serving_build_tiles t JOIN serving_build_lines p ON p.g && t.b
                      %s
                      %s) m
                WHERE (m.f).geom IS NOT NULL GROUP BY %sm.tx, m.ty"""
                .formatted(byCategory ? "serving_category_tile (category, z, x, y, mvt)" : "serving_tile (z, x, y, mvt)",
                        byCategory ? "m.category, " : "", z, TileSql.FEATURE_ORDER, byCategory ? "c.category, " : "",
                        z <= TileSql.LINE_MERGE_MAX_ZOOM
                                ? "SELECT " + key + "t.tx, t.ty, 1, NULL, ST_Dimension(p.g)::float8, p.category, "
                                  + TileSql.MERGED_LINES_FEATURE.formatted("p.g", "ST_TileEnvelope(%d, t.tx, t.ty)".formatted(z))
                                : "SELECT " + key + "t.tx, t.ty, 1, NULL, NULL, p.fid, " + TileSql.LINE_FEATURE.formatted("p.g"),
                        byCategory ? "WHERE p.category IS NOT NULL" : "",
                        z <= TileSql.LINE_MERGE_MAX_ZOOM ? "GROUP BY t.tx, t.ty, ST_Dimension(p.g), p.category" : "",
                        byCategory ? "m.category, " : "");
    }
}
