package atlas.layers;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the items statements FeatureSql assembles: feature pages streamed row by row from SQL-built
 * GeoJSON with their counts, single features, extents, and the data version (for ETags).
 */
public final class Layers {
    /** Below this zoom boundaries come simplified (~500 m tolerance). */
    public static final int SIMPLIFY_BELOW_ZOOM = 9;

    public record Page(long numberMatched, int numberReturned) {
    }

    /**
     * What a server keeps of project features' bytes when nothing says otherwise (ATLAS_FEATURE_CACHE_MB):
     * a quarter of the JVM's heap, so a larger machine keeps a larger province whole.
     */
    public static long defaultFeatureBytes() {
        return Runtime.getRuntime().maxMemory() / 4;
    }

    private final FeatureBytes stored;
    private final LocationIndex locations = new LocationIndex();

    /** Features read from the database each time (commands, tests). */
    public Layers() {
        this(0);
    }

    /** featureBytes: the most bytes of project features kept in memory for bbox pages (0: none). */
    public Layers(long featureBytes) {
        this.stored = new FeatureBytes(featureBytes);
    }

    public Page streamItems(Connection c, Collection col, ItemsQuery q, Consumer<String> feature) throws SQLException {
        return streamItemBytes(c, col, q, b -> feature.accept(new String(b, StandardCharsets.UTF_8)));
    }

    /**
     * The same features as UTF-8 bytes just as the database sent them (the driver talks UTF-8 and
     * returns a text column's bytes as they are): a page written straight to the response is then
     * never decoded into Java strings and encoded again.
     */
    public Page streamItemBytes(Connection c, Collection col, ItemsQuery q, Consumer<byte[]> feature) throws SQLException {
        return streamItemBytes(c, col, q, Optional.empty(), feature);
    }

    /**
     * The same, for a request that read dataVersion (before its ETag test): a bbox page in CRS84 then
     * asks the database for its ids and count only, and takes the features from the bytes kept for
     * that version (FeatureBytes), reading just those it lacks. Without a version, or for any other
     * page, the database builds every feature (one statement).
     */
    public Page streamItemBytes(Connection c, Collection col, ItemsQuery q, Optional<String> dataVersion,
                                Consumer<byte[]> feature) throws SQLException {
        FeatureSql.Statement sql = FeatureSql.items(col, q);
        Optional<FeatureBytes.Generation> kept = sql.pageIds() == null ? Optional.empty() : dataVersion.flatMap(stored::at);
        if (kept.isPresent()) {
            Optional<LocationIndex.Snapshot> located = boxOnly(q) ? locations.at(c, dataVersion.get()) : Optional.empty();
            Optional<Page> page = located.isPresent() ? pageFromMemory(c, located.get(), q, kept.get(), feature)
                    : pageFromStored(c, sql, q, kept.get(), feature);
            if (page.isPresent()) {
                return page.get();
            }
        }
        long matched = -1;
        if (!sql.countInside()) {
            matched = count(c, sql);
        }
        int returned = 0;
        boolean auto = c.getAutoCommit();
        // A whole layer (an export) goes through a cursor: rows arrive in batches, never all in memory.
        // A page (at most COUNTED_PAGE rows) comes in one answer: no transaction to begin and commit,
        // no second round trip for the rest of the rows.
        boolean cursor = !sql.pagedInside();
        if (cursor) {
            c.setAutoCommit(false);
        }
        try (PreparedStatement ps = c.prepareStatement(sql.paged())) {
            ps.setFetchSize(cursor ? 500 : 0);
            bindPage(ps, sql, q);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (sql.countInside() && returned == 0) {
                        matched = rs.getLong(2);
                    }
                    feature.accept(rs.getBytes(1));
                    returned++;
                }
            }
            // Not in a finally: after a failed read (the database went away) a commit would fail too
            // and hide why; the pool rolls back and restores auto-commit on a connection given back.
            if (cursor) {
                c.commit();
                c.setAutoCommit(auto);
            }
        }
        if (matched < 0) {  // an empty page: nothing matched, or the offset is past the last match
            matched = q.offset() == 0 ? 0 : count(c, sql);
        }
        return new Page(matched, returned);
    }

    /** A page the location index answers: a box alone (one envelope), no category or investment range. */
    private static boolean boxOnly(ItemsQuery q) {
        ProjectFilter f = q.filter();
        return f.category().isEmpty() && f.minInvestment().isEmpty() && f.maxInvestment().isEmpty()
                && f.bbox().isPresent() && f.bbox().get()[0] <= f.bbox().get()[2];
    }

    /** A box's page with its ids and count from the location index of the request's data version. */
    private static Optional<Page> pageFromMemory(Connection c, LocationIndex.Snapshot located, ItemsQuery q,
                                                 FeatureBytes.Generation kept, Consumer<byte[]> feature) throws SQLException {
        LocationIndex.Snapshot.Page page = located.match(q.filter().bbox().get(), q.filter().entries(), q.offset(), q.limit());
        List<Long> ids = new ArrayList<>(page.ids().length);
        for (long id : page.ids()) {
            ids.add(id);
        }
        return writeFeatures(c, ids, page.matched(), kept, feature);
    }

    /**
     * A page from its ids and the features kept; empty (nothing written) when a project of the page
     * was deleted between reading the ids and reading its feature: the caller builds it whole.
     */
    private Optional<Page> pageFromStored(Connection c, FeatureSql.Statement sql, ItemsQuery q, FeatureBytes.Generation kept,
                                          Consumer<byte[]> feature) throws SQLException {
        long matched = -1;
        List<Long> ids = new ArrayList<>(Math.min(q.limit(), 1024));
        try (PreparedStatement ps = c.prepareStatement(sql.pageIds())) {
            bindPage(ps, sql, q);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    matched = rs.getLong(2);
                }
            }
        }
        if (matched < 0) {  // an empty page: nothing matched, or the offset is past the last match
            matched = q.offset() == 0 ? 0 : count(c, sql);
        }
        return writeFeatures(c, ids, matched, kept, feature);
    }

    /** Writes the features of ids (kept, or read now and kept); empty, writing nothing, when one is gone. */
    private static Optional<Page> writeFeatures(Connection c, List<Long> ids, long matched, FeatureBytes.Generation kept,
                                                Consumer<byte[]> feature) throws SQLException {
        byte[][] features = new byte[ids.size()][];
        List<Long> missing = new ArrayList<>();
        for (int i = 0; i < features.length; i++) {
            features[i] = kept.get(ids.get(i));
            if (features[i] == null) {
                missing.add(ids.get(i));
            }
        }
        if (!missing.isEmpty()) {
            Map<Long, byte[]> read = new HashMap<>(missing.size() * 2);
            try (PreparedStatement ps = c.prepareStatement(FeatureSql.PROJECT_FEATURES_BY_ID)) {
                ps.setArray(1, c.createArrayOf("bigint", missing.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        read.put(rs.getLong(1), rs.getBytes(2));
                    }
                }
            }
            for (int i = 0; i < features.length; i++) {
                if (features[i] == null) {
                    features[i] = read.get(ids.get(i));
                    if (features[i] == null) {
                        return Optional.empty();
                    }
                    kept.put(ids.get(i), features[i]);
                }
            }
        }
        for (byte[] f : features) {
            feature.accept(f);
        }
        return Optional.of(new Page(matched, features.length));
    }

    private static long count(Connection c, FeatureSql.Statement sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.count())) {
            bind(ps, sql.params());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public Optional<String> item(Connection c, Collection col, String id, atlas.crs.Crs crs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FeatureSql.item(col, crs))) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Spatial extent [minx, miny, maxx, maxy] and boundary vintage of a collection. */
    public record Extent(double[] bbox, String boundarySource, String boundaryVintage) {
    }

    public Extent extent(Connection c, Collection col) throws SQLException {
        double[] bbox = {118.0, 27.0, 123.3, 31.3};
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(FeatureSql.extent(col))) {
            if (rs.next() && rs.getObject(1) != null) {
                bbox = new double[]{rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(FeatureSql.BOUNDARY_VINTAGE)) {
            if (rs.next()) {
                return new Extent(bbox, rs.getString(1), rs.getString(2));
            }
        }
        return new Extent(bbox, null, null);
    }

    /** Moves whenever served data may have changed (statement triggers, migration V3): the ETag base. */
    public String dataVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(FeatureSql.DATA_VERSION)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * True when no other transaction is writing to the tables tiles and statistics are built from.
     * The data version moves when a writer's statement ends, before it commits: an answer computed
     * after this check (and after reading the version) includes every change that version counts.
     */
    public boolean settled(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(PrecomputedSql.SETTLED)) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** A page statement's parameters: the filter's, then LIMIT and OFFSET. */
    private static void bindPage(PreparedStatement ps, FeatureSql.Statement sql, ItemsQuery q) throws SQLException {
        List<Object> params = new ArrayList<>(sql.params());
        params.add(q.limit());
        params.add(q.offset());
        bind(ps, params);
    }

    static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }
}
