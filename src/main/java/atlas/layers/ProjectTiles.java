package atlas.layers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Vector tiles of every collection. Decides where a tile comes from: the cache for this data version,
 * else the precomputed set for a small-scale project tile unfiltered or of one category while it is current, else live
 * (moved here from api/TileRoutes and Tiles.tile).
 */
public final class ProjectTiles {
    /** ~2,000 tiles of a few KB: small next to the time a dense low-zoom tile takes to build. */
    private static final int CACHED_TILES = 2000;

    private final Layers layers;
    private final Precomputed precomputed;
    private final ResponseCache<byte[]> cache = new ResponseCache<>(CACHED_TILES);

    public ProjectTiles(Layers layers, Precomputed precomputed) {
        this.layers = layers;
        this.precomputed = precomputed;
    }

    /**
     * The tile's bytes (empty when nothing is in it) at the data version given (read before the ETag
     * test); fresh: built by the database now, past the cache and the precomputed set (a client's
     * Cache-Control: no-cache).
     */
    public byte[] get(Connection c, String version, Collection col, int z, int x, int y, ProjectFilter filter,
                      boolean fresh) throws Exception {
        if (fresh) {
            return live(c, col, z, x, y, filter);
        }
        String key = col.id() + "/" + z + "/" + x + "/" + y + "?" + filter.asParameters();
        boolean project = col.kind() == Collection.Kind.PROJECT;
        boolean unfiltered = project && filter.asParameters().isEmpty();
        boolean oneCategory = project && filter.asParameters().keySet().equals(java.util.Set.of("category"));
        return cache.get(version, key, () -> layers.settled(c), () -> {
            // Small-scale project tiles unfiltered or of one category are built ahead (when current); the rest live.
            Optional<byte[]> ready = unfiltered ? precomputed.tile(c, z, x, y)
                    : oneCategory ? precomputed.categoryTile(c, filter.category().orElseThrow(), z, x, y)
                    : Optional.empty();
            return ready.isPresent() ? ready.get() : live(c, col, z, x, y, filter);
        });
    }

    /** The tile built now (the precomputed sets hold the same bytes for unfiltered and one-category project tiles). */
    public byte[] live(Connection c, Collection col, int z, int x, int y, ProjectFilter filter) throws SQLException {
        TileSql.Statement sql = TileSql.tile(col, z, filter);
        if (z <= TileSql.CLUSTER_MAX_ZOOM) {
            return run(c, sql, z, x, y, col);
        }
        // A large-scale tile reads a small area: the planner still gives it a parallel plan (its
        // ST_AsMVTGeom is costed high), starting a worker takes longer than the tile itself, and a tile
        // merged from workers' partial aggregates came out with other bytes than the same tile built serially.
        try (Statement st = c.createStatement()) {
            st.execute(TileSql.SERIAL_PLANS);
        }
        try {
            return run(c, sql, z, x, y, col);
        } finally {
            try (Statement st = c.createStatement()) {
                st.execute(TileSql.DEFAULT_PLANS);
            }
        }
    }

    private static byte[] run(Connection c, TileSql.Statement sql, int z, int x, int y, Collection col) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.text())) {
            int i = 1;
            for (int round = 0; round < sql.rounds(); round++) {
                ps.setInt(i++, z);
                ps.setInt(i++, x);
                ps.setInt(i++, y);
            }
            for (Object p : sql.params()) {
                ps.setObject(i++, p);
            }
            ps.setString(i, col.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                byte[] b = rs.getBytes(1);
                return b == null ? new byte[0] : b;
            }
        }
    }
}
