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
 * Project tiles (z <= TileSql.CLUSTER_MAX_ZOOM) unfiltered and of each category, and /api/stats answers
 * built ahead of the requests (migrations V6, V35), because at a million projects each takes seconds to build live. Each set
 * is used only while the input version it was built at is current; after any write to its inputs
 * readers get nothing here and build live until refresh has caught up.
 */
public final class Precomputed {
    private static final Logger log = LoggerFactory.getLogger(Precomputed.class);
    static final String TILES = PrecomputedSql.TILES;
    static final String STATS = PrecomputedSql.STATS;
    /** Web Mercator half-width of the world (ST_TileEnvelope's default bounds). */
    private static final double HALF_WORLD = 20037508.342789244;

    public Precomputed() {
    }

    /** The unfiltered project tile, or empty when the precomputed tiles are not current (build it live then). */
    public Optional<byte[]> tile(Connection c, int z, int x, int y) throws SQLException {
        return storedTile(c, z, PrecomputedSql.TILE, z, x, y);
    }

    /** The tile of one category's projects, or empty when the precomputed tiles are not current. */
    public Optional<byte[]> categoryTile(Connection c, String category, int z, int x, int y) throws SQLException {
        return storedTile(c, z, PrecomputedSql.CATEGORY_TILE, category, z, x, y);
    }

    /** A stored tile (sql and its parameters); empty bytes when the set is current but holds nothing there. */
    private static Optional<byte[]> storedTile(Connection c, int z, String sql, Object... params) throws SQLException {
        if (z > TileSql.CLUSTER_MAX_ZOOM) {
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Layers.bind(ps, List.of(params));
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
    public Optional<ProjectStats.Stats> stats(Connection c, String groupby) throws SQLException {
        // One statement, one snapshot: totals and groups come from the same build.
        try (PreparedStatement ps = c.prepareStatement(PrecomputedSql.STATS_OF)) {
            ps.setString(1, groupby);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long count = rs.getLong(1);
                java.math.BigDecimal total = rs.getBigDecimal(2);
                List<ProjectStats.Group> groups = new ArrayList<>();
                do {
                    if (rs.getObject(7) != null) {
                        groups.add(new ProjectStats.Group(rs.getString(3), rs.getString(4), rs.getLong(5), rs.getBigDecimal(6)));
                    }
                } while (rs.next());
                return Optional.of(new ProjectStats.Stats(groupby, count, total, groups));
            }
        }
    }

    /** True when the tiles and the statistics were built at the current input version. */
    public boolean current(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(PrecomputedSql.CURRENT_SETS)) {
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
                // points fit). Refused once the session has used temporary tables: keep its setting.
                st.execute(PrecomputedSql.BUILD_MEMORY);
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
                        st.execute(PrecomputedSql.LOCK_INPUTS);
                    } catch (SQLException e) {
                        if ("55P03".equals(e.getSQLState())) {  // a writer holds one of the inputs
                            lock.rollback();
                            return false;
                        }
                        throw e;
                    }
                    try (ResultSet rs = st.executeQuery(PrecomputedSql.VERSION_AND_SNAPSHOT)) {
                        rs.next();
                        version = rs.getString(1);
                        snapshot = rs.getString(2);
                    }
                    try (ResultSet rs = st.executeQuery(PrecomputedSql.STALE_SETS)) {
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
                    st.execute(PrecomputedSql.useSnapshot(snapshot));
                }
                lock.commit();  // the build holds the snapshot now; writers may go on
                try (Statement st = build.createStatement();
                     ResultSet rs = st.executeQuery(PrecomputedSql.ONE_BUILDER)) {
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
                    try (PreparedStatement ps = build.prepareStatement(PrecomputedSql.RECORD_BUILT)) {
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

    private static void buildStats(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate(PrecomputedSql.CLEAR_STATS);
            // The plan-area layers' figures, with the live query (FeatureSql.areas serves them while current).
            st.executeUpdate(PrecomputedSql.CLEAR_AREA_FIGURES);
            st.executeUpdate(PrecomputedSql.STORE_AREA_FIGURES);
        }
        for (String groupby : ProjectStats.GROUPINGS) {
            // The live query itself, so the stored answer is the live answer of this snapshot.
            ProjectStats.Stats s = ProjectStats.live(c, groupby, ProjectFilter.none());
            try (PreparedStatement ps = c.prepareStatement(PrecomputedSql.STORE_STATS)) {
                ps.setString(1, groupby);
                ps.setLong(2, s.count());
                ps.setBigDecimal(3, s.totalInvestment());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(PrecomputedSql.STORE_STATS_GROUP)) {
                int i = 0;
                for (ProjectStats.Group g : s.groups()) {
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
     * Every non-empty project tile up to the aggregation zoom, unfiltered and of each category (V35), one
     * zoom per statement: the points and lines are first copied into narrow indexed tables, then each
     * zoom groups them per tile and cell with the live tile's expressions (TileSql.CELL_FEATURE, LINE_FEATURE, FEATURE_ORDER); statements in PrecomputedSql.
     */
    private static void buildTiles(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(PrecomputedSql.TILE_BUILD_MEMORY);
            st.executeUpdate(PrecomputedSql.CLEAR_TILES);
            st.executeUpdate(PrecomputedSql.CLEAR_CATEGORY_TILES);
            st.execute(PrecomputedSql.BUILD_POINTS);
            st.execute(PrecomputedSql.BUILD_LINES);
            for (String sql : PrecomputedSql.INDEX_BUILD_TABLES) {
                st.execute(sql);
            }
            double[] e;
            try (ResultSet rs = st.executeQuery(PrecomputedSql.BUILD_EXTENT)) {
                rs.next();
                if (rs.getObject(1) == null) {
                    return;  // no placed project: every tile is empty
                }
                e = new double[]{rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
            }
            for (int z = 0; z <= TileSql.CLUSTER_MAX_ZOOM; z++) {
                long t0 = System.nanoTime();
                int n = 1 << z;
                double size = 2 * HALF_WORLD / n;
                // One tile of margin on each side: a box on a tile edge counts in both tiles (&&).
                int x0 = clamp((int) Math.floor((e[0] + HALF_WORLD) / size) - 1, n);
                int x1 = clamp((int) Math.floor((e[2] + HALF_WORLD) / size) + 1, n);
                int y0 = clamp((int) Math.floor((HALF_WORLD - e[3]) / size) - 1, n);
                int y1 = clamp((int) Math.floor((HALF_WORLD - e[1]) / size) + 1, n);
                for (String sql : PrecomputedSql.zoomTiles(z, x0, x1, y0, y1)) {
                    st.execute(sql);
                }
                for (String sql : PrecomputedSql.zoomCells(z)) {
                    st.execute(sql);
                }
                st.executeUpdate(PrecomputedSql.storeZoom(z));
                for (String sql : PrecomputedSql.zoomCategoryCells(z)) {
                    st.execute(sql);
                }
                st.executeUpdate(PrecomputedSql.storeCategoryZoom(z));
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
                    if (atlas.db.Database.isHotStandby(c)) {
                        return;  // the primary's servers build the sets; they arrive here by replication
                    }
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
