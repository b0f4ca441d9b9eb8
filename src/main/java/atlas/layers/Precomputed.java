package atlas.layers;

import atlas.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Unfiltered project tiles (z <= Tiles.CLUSTER_MAX_ZOOM) and /api/stats answers built ahead of the
 * requests (migration V6), because at a million projects each takes seconds to build live. Each set
 * is used only while the input version it was built at is current; after any write to its inputs
 * readers get nothing here and build live until refresh has caught up.
 */
public final class Precomputed {
    private static final Logger log = LoggerFactory.getLogger(Precomputed.class);
    static final String TILES = "tiles";
    static final String STATS = "stats";
    private static final String INPUT_VERSION = "(SELECT last_value || '.' || is_called FROM serving_input_seq)";
    /** The tables the precomputed answers read: a build waits for no writer of these and blocks none for long. */
    private static final String INPUTS = "project, placement, project_plan_area, division, plan_area, source_document";
    /** Web Mercator half-width of the world (ST_TileEnvelope's default bounds). */
    private static final double HALF_WORLD = 20037508.342789244;

    private final Layers layers;

    public Precomputed(Layers layers) {
        this.layers = layers;
    }

    /** The unfiltered project tile, or empty when the precomputed tiles are not current (build it live then). */
    public Optional<byte[]> tile(Connection c, int z, int x, int y) throws SQLException {
        if (z > Tiles.CLUSTER_MAX_ZOOM) {
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT t.mvt FROM serving_state s LEFT JOIN serving_tile t ON t.z = ? AND t.x = ? AND t.y = ?
                WHERE s.name = 'tiles' AND s.version = """ + INPUT_VERSION)) {
            ps.setInt(1, z);
            ps.setInt(2, x);
            ps.setInt(3, y);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                byte[] b = rs.getBytes(1);
                return Optional.of(b == null ? new byte[0] : b);  // no row: nothing in this tile
            }
        }
    }

    /** The unfiltered statistics of a grouping, or empty when the precomputed ones are not current. */
    public Optional<Layers.Stats> stats(Connection c, String groupby) throws SQLException {
        // One statement, one snapshot: totals and groups come from the same build.
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT s.count, s.total_investment, g.key, g.name, g.count, g.total_investment, g.ordinal
                FROM serving_state st JOIN serving_stats s ON s.groupby = ?
                LEFT JOIN serving_stats_group g ON g.groupby = s.groupby
                WHERE st.name = 'stats' AND st.version = """ + INPUT_VERSION + " ORDER BY g.ordinal")) {
            ps.setString(1, groupby);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long count = rs.getLong(1);
                java.math.BigDecimal total = rs.getBigDecimal(2);
                List<Layers.Group> groups = new ArrayList<>();
                do {
                    if (rs.getObject(7) != null) {
                        groups.add(new Layers.Group(rs.getString(3), rs.getString(4), rs.getLong(5), rs.getBigDecimal(6)));
                    }
                } while (rs.next());
                return Optional.of(new Layers.Stats(groupby, count, total, groups));
            }
        }
    }

    /** SQL that is true while the set (TILES or STATS) was built at the current input version. */
    static String builtAtCurrentInput(String set) {
        return "EXISTS (SELECT 1 FROM serving_state WHERE name = '" + set + "' AND version = " + INPUT_VERSION + ")";
    }

    /** True when the tiles and the statistics were built at the current input version. */
    public boolean current(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT count(*) FROM serving_state WHERE name IN ('tiles', 'stats') AND version = " + INPUT_VERSION)) {
            rs.next();
            return rs.getInt(1) == 2;
        }
    }

    /**
     * Builds the first stale set (tiles, then stats) from one snapshot that no writer is half-way
     * through: a first transaction
     * takes SHARE locks on the inputs (NOWAIT: when a writer is busy it gives up, and the caller tries
     * later) and exports its snapshot with the input version; a second transaction builds from that
     * snapshot, so the locks last only a moment and the version matches exactly the data read.
     * Returns false when it could not start now, true when it built a set or none was stale.
     */
    public boolean refresh(Database db) throws SQLException {
        try (Connection lock = db.connection(); Connection build = db.connection()) {
            lock.setAutoCommit(false);
            lock.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement st = build.createStatement()) {
                // The tile build's narrow copies are temporary tables: keep them in memory (a million
                // points take ~150 MB). Refused once the session has used temporary tables: keep its setting.
                st.execute("SET temp_buffers = '256MB'");
            } catch (SQLException e) {
                log.debug("temp_buffers stays: {}", e.getMessage());
            }
            build.setAutoCommit(false);
            build.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                String version;
                String snapshot;
                List<String> stale = new ArrayList<>();
                try (Statement st = lock.createStatement()) {
                    try {
                        st.execute("LOCK TABLE " + INPUTS + " IN SHARE MODE NOWAIT");
                    } catch (SQLException e) {
                        if ("55P03".equals(e.getSQLState())) {  // a writer holds one of the inputs
                            lock.rollback();
                            return false;
                        }
                        throw e;
                    }
                    try (ResultSet rs = st.executeQuery("SELECT " + INPUT_VERSION + ", pg_export_snapshot()")) {
                        rs.next();
                        version = rs.getString(1);
                        snapshot = rs.getString(2);
                    }
                    try (ResultSet rs = st.executeQuery("""
                            SELECT n FROM unnest(ARRAY['tiles', 'stats']) n
                            WHERE NOT EXISTS (SELECT 1 FROM serving_state s WHERE s.name = n AND s.version = %s)"""
                            .formatted(INPUT_VERSION))) {
                        while (rs.next()) {
                            stale.add(rs.getString(1));
                        }
                    }
                }
                if (stale.isEmpty()) {
                    lock.commit();
                    return true;
                }
                try (Statement st = build.createStatement()) {
                    st.execute("SET TRANSACTION SNAPSHOT '" + snapshot.replace("'", "") + "'");
                }
                lock.commit();  // the build holds the snapshot now; writers may go on
                try (Statement st = build.createStatement();
                     ResultSet rs = st.executeQuery("SELECT pg_try_advisory_xact_lock(hashtext('atlas.precomputed'))")) {
                    rs.next();
                    if (!rs.getBoolean(1)) {  // another server is building
                        build.rollback();
                        return false;
                    }
                }
                // One set per snapshot: the tiles are served as soon as they are built, not after the
                // statistics too; the next call builds what is still stale.
                for (String set : stale.subList(0, 1)) {
                    long t0 = System.nanoTime();
                    if (set.equals(TILES)) {
                        buildTiles(build);
                    } else {
                        buildStats(build);
                    }
                    long millis = (System.nanoTime() - t0) / 1_000_000;
                    try (PreparedStatement ps = build.prepareStatement("""
                            INSERT INTO serving_state (name, version, built_at, millis) VALUES (?, ?, now(), ?)
                            ON CONFLICT (name) DO UPDATE SET version = excluded.version, built_at = now(), millis = excluded.millis""")) {
                        ps.setString(1, set);
                        ps.setString(2, version);
                        ps.setLong(3, millis);
                        ps.executeUpdate();
                    }
                    log.info("precomputed {} at input version {} in {} ms", set, version, millis);
                }
                build.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                lock.rollback();
                build.rollback();
                if ("40001".equals(e instanceof SQLException s ? s.getSQLState() : null)) {
                    return false;  // another build committed after our snapshot: its answer stands
                }
                throw e;
            } finally {
                lock.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                build.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                lock.setAutoCommit(true);
                build.setAutoCommit(true);
            }
        }
    }

    private void buildStats(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM serving_stats");
            // The plan-area layers' figures, with the live query (FeatureSql.areas serves them while current).
            st.executeUpdate("DELETE FROM serving_area_figure");
            st.executeUpdate("INSERT INTO serving_area_figure (area_id, project_count, total_investment, by_category, by_nature, entry_count) "
                    + FeatureSql.AREA_FIGURES);
        }
        for (String groupby : Layers.GROUPINGS) {
            // The live query itself, so the stored answer is the live answer of this snapshot.
            Layers.Stats s = layers.stats(c, groupby, ProjectFilter.none());
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO serving_stats (groupby, count, total_investment) VALUES (?, ?, ?)")) {
                ps.setString(1, groupby);
                ps.setLong(2, s.count());
                ps.setBigDecimal(3, s.totalInvestment());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO serving_stats_group (groupby, ordinal, key, name, count, total_investment)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                int i = 0;
                for (Layers.Group g : s.groups()) {
                    ps.setString(1, groupby);
                    ps.setInt(2, i++);
                    ps.setString(3, g.key());
                    ps.setString(4, g.name());
                    ps.setLong(5, g.count());
                    ps.setBigDecimal(6, g.totalInvestment());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    /**
     * Every non-empty project tile up to the aggregation zoom, one zoom per statement: the points and
     * lines are first copied into narrow indexed tables, then each zoom groups them per tile and cell
     * with the live tile's expressions (Tiles.CELL_FEATURE, LINE_FEATURE, FEATURE_ORDER).
     */
    private static void buildTiles(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL work_mem = '64MB'");  // a zoom's cells hashed in memory
            st.executeUpdate("DELETE FROM serving_tile");
            st.execute("""
                    CREATE TEMP TABLE serving_build_points ON COMMIT DROP AS
                    SELECT p.fid, p.name, p.category, p.total_investment, p.geom_3857 AS g,
                           ST_X(ST_PointOnSurface(p.geom_3857)) AS px, ST_Y(ST_PointOnSurface(p.geom_3857)) AS py,
                           %s AS sx, %s AS sy, %s AS n
                    FROM project p WHERE p.counted AND GeometryType(p.geom_3857) IN ('POINT', 'MULTIPOINT')"""
                    .formatted(Tiles.CELL_SUMS[0].formatted("p.geom_3857"), Tiles.CELL_SUMS[1].formatted("p.geom_3857"),
                            Tiles.CELL_SUMS[2].formatted("p.geom_3857")));
            st.execute("""
                    CREATE TEMP TABLE serving_build_lines ON COMMIT DROP AS
                    SELECT p.fid, p.name, p.category, p.total_investment, p.geom_3857 AS g
                    FROM project p WHERE p.counted AND GeometryType(p.geom_3857) NOT IN ('POINT', 'MULTIPOINT')""");
            st.execute("CREATE INDEX ON serving_build_points USING gist (g)");
            st.execute("CREATE INDEX ON serving_build_lines USING gist (g)");
            st.execute("ANALYZE serving_build_points");
            st.execute("ANALYZE serving_build_lines");
            double[] e;
            try (ResultSet rs = st.executeQuery("""
                    SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(g) AS e FROM (
                      SELECT g FROM serving_build_points UNION ALL SELECT g FROM serving_build_lines) u) x""")) {
                rs.next();
                if (rs.getObject(1) == null) {
                    return;  // no placed project: every tile is empty
                }
                e = new double[]{rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
            }
            for (int z = 0; z <= Tiles.CLUSTER_MAX_ZOOM; z++) {
                long t0 = System.nanoTime();
                int n = 1 << z;
                double size = 2 * HALF_WORLD / n;
                // One tile of margin on each side: a box on a tile edge counts in both tiles (&&).
                int x0 = clamp((int) Math.floor((e[0] + HALF_WORLD) / size) - 1, n);
                int x1 = clamp((int) Math.floor((e[2] + HALF_WORLD) / size) + 1, n);
                int y0 = clamp((int) Math.floor((HALF_WORLD - e[3]) / size) - 1, n);
                int y1 = clamp((int) Math.floor((HALF_WORLD - e[1]) / size) + 1, n);
                String envelope = "ST_TileEnvelope(%d, tx, ty)".formatted(z);
                st.execute("DROP TABLE IF EXISTS serving_build_tiles");
                st.execute("""
                        CREATE TEMP TABLE serving_build_tiles ON COMMIT DROP AS
                        SELECT tx, ty, %s AS b, %s AS cell FROM generate_series(%d, %d) tx, generate_series(%d, %d) ty"""
                        .formatted(envelope, Tiles.CELL_SIZE.formatted(envelope), x0, x1, y0, y1));
                // The cells first, on their own: grouped by hashing, in no order.
                st.execute("DROP TABLE IF EXISTS serving_build_cells");
                st.execute("""
                        CREATE TEMP TABLE serving_build_cells ON COMMIT DROP AS
                        SELECT t.tx, t.ty, round(p.py / t.cell) AS k1, round(p.px / t.cell) AS k2, %s AS f
                        FROM serving_build_tiles t JOIN serving_build_points p ON p.g && t.b
                        GROUP BY t.tx, t.ty, t.cell, round(p.py / t.cell), round(p.px / t.cell)"""
                        .formatted(Tiles.CELL_FEATURE.formatted("p.sx", "p.sy", "p.n", "ST_TileEnvelope(%d, t.tx, t.ty)".formatted(z))));
                st.executeUpdate("""
                        INSERT INTO serving_tile (z, x, y, mvt)
                        SELECT %d, m.tx, m.ty, ST_AsMVT(m.f, 'projects', 4096, 'geom' %s)
                        FROM (SELECT c.tx, c.ty, 0 AS k0, c.k1, c.k2, NULL::text AS k3, c.f FROM serving_build_cells c
                              UNION ALL
                              %s
                              FROM serving_build_tiles t JOIN serving_build_lines p ON p.g && t.b
                              %s) m
                        WHERE (m.f).geom IS NOT NULL GROUP BY m.tx, m.ty"""
                        .formatted(z, Tiles.FEATURE_ORDER,
                                z <= Tiles.LINE_MERGE_MAX_ZOOM
                                        ? "SELECT t.tx, t.ty, 1, NULL, ST_Dimension(p.g)::float8, p.category, "
                                          + Tiles.MERGED_LINES_FEATURE.formatted("p.g", "ST_TileEnvelope(%d, t.tx, t.ty)".formatted(z))
                                        : "SELECT t.tx, t.ty, 1, NULL, NULL, p.fid, " + Tiles.LINE_FEATURE.formatted("p.g"),
                                z <= Tiles.LINE_MERGE_MAX_ZOOM ? "GROUP BY t.tx, t.ty, ST_Dimension(p.g), p.category" : ""));
                log.debug("precomputed tiles z{} in {} ms", z, (System.nanoTime() - t0) / 1_000_000);
            }
        }
    }

    /**
     * Keeps the sets current in the background: checks once a second and rebuilds after a change
     * (while a writer is busy, on a later check). Close stops it.
     */
    public AutoCloseable startRefresher(Database db) {
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "atlas-precomputed");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                boolean fresh;
                try (Connection c = db.connection()) {
                    fresh = current(c);
                }
                while (!fresh && refresh(db)) {
                    try (Connection c = db.connection()) {
                        fresh = current(c);
                    }
                }
            } catch (Exception e) {
                // The database may be down or dropped: readers build live meanwhile; try again later.
                log.debug("precomputed refresh failed: {}", e.toString());
            }
        }, 0, 1, java.util.concurrent.TimeUnit.SECONDS);
        return () -> {
            timer.shutdownNow();
            try {
                timer.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private static int clamp(int v, int n) {
        return Math.max(0, Math.min(n - 1, v));
    }
}
