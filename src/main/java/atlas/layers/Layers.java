package atlas.layers;

import java.nio.charset.StandardCharsets;
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
import java.util.function.Consumer;

/**
 * The collections we serve: counts, feature pages streamed row by row from SQL-built GeoJSON,
 * single features, extents, statistics and the data version (for ETags).
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
        Query sql = build(col, q);
        long matched = -1;
        if (!sql.countInside) {
            matched = count(c, sql);
        }
        int returned = 0;
        boolean auto = c.getAutoCommit();
        // A whole layer (an export) goes through a cursor: rows arrive in batches, never all in memory.
        // A page (at most COUNTED_PAGE rows) comes in one answer: no transaction to begin and commit,
        // no second round trip for the rest of the rows.
        boolean cursor = !sql.pagedInside;
        if (cursor) {
            c.setAutoCommit(false);
        }
        try (PreparedStatement ps = c.prepareStatement(sql.text + (sql.pagedInside ? "" : " LIMIT ? OFFSET ?"))) {
            ps.setFetchSize(cursor ? 500 : 0);
            List<Object> params = new ArrayList<>(sql.params);
            params.add(q.limit());
            params.add(q.offset());
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (sql.countInside && returned == 0) {
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

    private static long count(Connection c, Query sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.count)) {
            bind(ps, sql.params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public Optional<String> item(Connection c, Collection col, String id) throws SQLException {
        String sql = switch (col.kind()) {
            case DIVISION -> FeatureSql.divisions(col.filter(), false).formatted("d.code = ?");
            case PLAN_AREA -> FeatureSql.areas(col.filter(), false).formatted("a.id = ?");
            case PROJECT -> FeatureSql.projects("p.fid = ?", "p.id");
        };
        try (PreparedStatement ps = c.prepareStatement(sql)) {
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
        String sql = switch (col.kind()) {
            case DIVISION -> "SELECT ST_Extent(d.geom) FROM division d WHERE " + col.filter();
            case PLAN_AREA -> "SELECT ST_Extent(a.geom) FROM plan_area a WHERE " + col.filter();
            case PROJECT -> "SELECT ST_Extent(p.geom) FROM project p";
        };
        double[] bbox = {118.0, 27.0, 123.3, 31.3};
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (" + sql + ") x(e)")) {
            if (rs.next() && rs.getObject(1) != null) {
                bbox = new double[]{rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT boundary_source, boundary_vintage FROM division WHERE level = 'province'")) {
            if (rs.next()) {
                return new Extent(bbox, rs.getString(1), rs.getString(2));
            }
        }
        return new Extent(bbox, null, null);
    }

    /** Moves whenever served data may have changed (statement triggers, migration V3): the ETag base. */
    public String dataVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT last_value || '.' || is_called FROM data_version_seq")) {
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
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT NOT EXISTS (SELECT 1 FROM pg_locks l
                  WHERE l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                    AND l.relation IN ('project'::regclass, 'placement'::regclass, 'project_plan_area'::regclass,
                                       'division'::regclass, 'plan_area'::regclass, 'source_document'::regclass)
                    AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid())""")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The feature SQL and the cheap count of the same rows (without building any JSON). */
    private record Query(String text, String count, List<Object> params, boolean pagedInside, boolean countInside) {
    }

    /** Pages up to this size count their matches in the page query; bigger reads (exports) stream unbuffered. */
    private static final int COUNTED_PAGE = 10_000;

    private static Query build(Collection col, ItemsQuery q) {
        boolean simplified = q.zoom().map(z -> z < SIMPLIFY_BELOW_ZOOM).orElse(false);
        List<Object> params = new ArrayList<>();
        return switch (col.kind()) {
            case DIVISION -> {
                String cond = bboxCondition(q, FeatureSql.DIVISION_BBOX, params);
                yield new Query(FeatureSql.divisions(col.filter(), simplified).formatted(cond),
                        "SELECT count(*) FROM division d WHERE " + col.filter() + " AND d.geom IS NOT NULL AND " + cond, params, false, false);
            }
            case PLAN_AREA -> {
                String cond = bboxCondition(q, FeatureSql.AREA_BBOX, params);
                yield new Query(FeatureSql.areas(col.filter(), simplified).formatted(cond),
                        "SELECT count(*) FROM plan_area a WHERE " + col.filter() + " AND a.geom IS NOT NULL AND " + cond, params, false, false);
            }
            case PROJECT -> {
                boolean page = q.limit() <= COUNTED_PAGE;
                if (page && q.filter().locatable() && q.sortby().isEmpty()) {
                    ProjectFilter.Sql located = q.filter().toLocationSql();
                    yield new Query(FeatureSql.projectPageByLocation(located.where()),
                            "SELECT count(*) FROM project_location p WHERE " + located.where(), located.params(), true, true);
                }
                ProjectFilter.Sql where = q.filter().toSql();
                String text = page ? FeatureSql.projectPage(where.where(), orderBy(q.sortby()))
                        : FeatureSql.projects(where.where(), orderBy(q.sortby()));
                yield new Query(text, "SELECT count(*) FROM project p WHERE " + where.where(), where.params(), page, page);
            }
        };
    }

    private static String bboxCondition(ItemsQuery q, String condition, List<Object> params) {
        if (q.bbox().isEmpty()) {
            return "TRUE";
        }
        List<String> any = new ArrayList<>();
        for (double[] e : ProjectFilter.envelopes(q.bbox().get())) {
            any.add(condition);
            for (double v : e) {
                params.add(v);
            }
        }
        return "(" + String.join(" OR ", any) + ")";
    }

    private static String orderBy(List<ItemsQuery.SortKey> keys) {
        List<String> parts = new ArrayList<>();
        for (ItemsQuery.SortKey k : keys) {
            parts.add(ItemsQuery.SORTABLE.get(k.property()) + (k.descending() ? " DESC NULLS LAST" : " ASC NULLS LAST"));
        }
        // Ids follow the documents' row order; one unique key lets PostgreSQL stop after a page.
        parts.add("p.id");
        return String.join(", ", parts);
    }

    static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    /** One group of a statistics answer; a project in several counties counts in each of them. */
    public record Group(String key, String name, long count, java.math.BigDecimal totalInvestment) {
    }

    public record Stats(String groupby, long count, java.math.BigDecimal totalInvestment, List<Group> groups) {
    }

    public static final List<String> GROUPINGS = List.of("county", "city", "area", "category", "nature", "precision", "source");

    public Stats stats(Connection c, String groupby, ProjectFilter filter) throws SQLException {
        ProjectFilter.Sql where = filter.toSql();
        String base = "SELECT p.id, p.total_investment, p.category, p.nature, p.precision, p.document_id, p.plan_areas FROM project p WHERE " + where.where();
        long count;
        java.math.BigDecimal total;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*), sum(total_investment) FROM (" + base + ") f")) {
            bind(ps, where.params());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                count = rs.getLong(1);
                total = rs.getBigDecimal(2);
            }
        }
        String grouped = switch (groupby) {
            case "county" -> """
                    SELECT d.code, d.name, count(DISTINCT f.id), sum(f.total_investment) FROM (%s) f
                    JOIN placement pl ON pl.project_id = f.id JOIN division d ON d.code = pl.division_code AND d.level = 'county'
                    GROUP BY d.code, d.name ORDER BY d.code""";
            case "city" -> """
                    SELECT c.code, c.name, count(*), sum(x.total_investment) FROM (
                      SELECT DISTINCT f.id, f.total_investment, CASE WHEN d.level = 'city' THEN d.code ELSE d.parent_code END AS city
                      FROM (%s) f JOIN placement pl ON pl.project_id = f.id JOIN division d ON d.code = pl.division_code) x
                    JOIN division c ON c.code = x.city GROUP BY c.code, c.name ORDER BY c.code""";
            case "area" -> """
                    SELECT a.id, a.name, count(*), sum(f.total_investment) FROM (%s) f
                    CROSS JOIN LATERAL unnest(f.plan_areas) m(area_id) JOIN plan_area a ON a.id = m.area_id
                    GROUP BY a.id, a.name ORDER BY a.id""";
            case "category" -> "SELECT coalesce(category, '未分类'), coalesce(category, '未分类'), count(*), sum(total_investment) FROM (%s) f GROUP BY 1 ORDER BY 3 DESC, 1";
            case "nature" -> "SELECT coalesce(nature, '未注明'), coalesce(nature, '未注明'), count(*), sum(total_investment) FROM (%s) f GROUP BY 1 ORDER BY 1";
            case "precision" -> "SELECT precision, precision, count(*), sum(total_investment) FROM (%s) f GROUP BY 1 ORDER BY 1";
            case "source" -> """
                    SELECT sd.file_name, coalesce(sd.title, sd.file_name), count(*), sum(f.total_investment) FROM (%s) f
                    JOIN source_document sd ON sd.id = f.document_id GROUP BY 1, 2 ORDER BY 1""";
            default -> throw new IllegalArgumentException("groupby " + groupby);
        };
        List<Group> groups = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(grouped.formatted(base))) {
            bind(ps, where.params());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    groups.add(new Group(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBigDecimal(4)));
                }
            }
        }
        return new Stats(groupby, count, total, groups);
    }

    /** Distinct values for the filter panel: categories, natures, sources (and their titles). */
    public Map<String, List<String>> facets(Connection c) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : Map.of(
                "category", "SELECT DISTINCT category FROM project WHERE category IS NOT NULL ORDER BY 1",
                "nature", "SELECT DISTINCT nature FROM project WHERE nature IS NOT NULL ORDER BY 1",
                "source", "SELECT DISTINCT sd.file_name FROM project p JOIN source_document sd ON sd.id = p.document_id ORDER BY 1",
                // Each source's title (its file name when it has none), in the order of "source".
                "source_title", """
                        SELECT DISTINCT ON (sd.file_name) coalesce(sd.title, sd.file_name) FROM source_document sd
                        WHERE EXISTS (SELECT 1 FROM project p WHERE p.document_id = sd.id)
                        ORDER BY sd.file_name, sd.imported_at DESC""",
                "precision", "SELECT DISTINCT precision FROM project WHERE precision IS NOT NULL ORDER BY 1").entrySet()) {
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
