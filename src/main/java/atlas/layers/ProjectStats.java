package atlas.layers;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts and 总投资 sums of the projects by a grouping, and the filter panel's values. Decides where an
 * answer comes from: the cache for this data version, else the precomputed set when the request is
 * unfiltered and the set is current, else live (moved here from api/StatsRoutes and Layers.stats).
 */
public final class ProjectStats {
    public static final List<String> GROUPINGS = List.of("county", "city", "area", "category", "nature", "precision", "source");

    /** One group of a statistics answer; a project in several counties counts in each of them. */
    public record Group(String key, String name, long count, BigDecimal totalInvestment) {
    }

    public record Stats(String groupby, long count, BigDecimal totalInvestment, List<Group> groups) {
    }

    private final Layers layers;
    private final Precomputed precomputed;
    private final ResponseCache<Stats> cache = new ResponseCache<>(500);

    public ProjectStats(Layers layers, Precomputed precomputed) {
        this.layers = layers;
        this.precomputed = precomputed;
    }

    /** The answer for a grouping (one of GROUPINGS) and filter, at the data version read now. */
    public Stats get(Connection c, String groupby, ProjectFilter filter) throws Exception {
        String version = layers.dataVersion(c);
        String key = groupby + "?" + filter.asParameters();
        return cache.get(version, key, () -> layers.settled(c), () -> {
            // Unfiltered statistics are built ahead (when current); filtered ones live.
            Optional<Stats> ready = filter.asParameters().isEmpty() ? precomputed.stats(c, groupby) : Optional.empty();
            return ready.isPresent() ? ready.get() : live(c, groupby, filter);
        });
    }

    /** Built now from the project tables (the precomputed set stores exactly this answer). */
    public static Stats live(Connection c, String groupby, ProjectFilter filter) throws SQLException {
        FeatureSql.Where where = FeatureSql.where(filter);
        long count;
        BigDecimal total;
        try (PreparedStatement ps = c.prepareStatement(StatsSql.totals(where.where()))) {
            Layers.bind(ps, where.params());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                count = rs.getLong(1);
                total = rs.getBigDecimal(2);
            }
        }
        List<Group> groups = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(StatsSql.grouped(groupby, where.where()))) {
            Layers.bind(ps, where.params());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    groups.add(new Group(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBigDecimal(4)));
                }
            }
        }
        return new Stats(groupby, count, total, groups);
    }

    /** Distinct values for the filter panel: categories, natures, sources, precisions. */
    public Map<String, List<String>> facets(Connection c) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : StatsSql.FACETS.entrySet()) {
            List<String> values = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(e.getValue())) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            out.put(e.getKey(), values);
        }
        return out;
    }
}
