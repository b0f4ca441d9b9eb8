package atlas.layers;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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

    public Page streamItems(Connection c, Collection col, ItemsQuery q, Consumer<String> feature) throws SQLException {
        return streamItemBytes(c, col, q, b -> feature.accept(new String(b, StandardCharsets.UTF_8)));
    }

    /**
     * The same features as UTF-8 bytes just as the database sent them (the driver talks UTF-8 and
     * returns a text column's bytes as they are): a page written straight to the response is then
     * never decoded into Java strings and encoded again.
     */
    public Page streamItemBytes(Connection c, Collection col, ItemsQuery q, Consumer<byte[]> feature) throws SQLException {
        FeatureSql.Statement sql = FeatureSql.items(col, q);
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
            List<Object> params = new ArrayList<>(sql.params());
            params.add(q.limit());
            params.add(q.offset());
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (sql.countInside() && returned == 0) {
                        matched = rs.getLong(2);
                    }
                    feature.accept(rs.getBytes(1));
                    returned++;
                }
            }
        } finally {
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

    private static long count(Connection c, FeatureSql.Statement sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.count())) {
            bind(ps, sql.params());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public Optional<String> item(Connection c, Collection col, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FeatureSql.item(col))) {
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

    static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }
}
