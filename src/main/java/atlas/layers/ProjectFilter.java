package atlas.layers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The project filters every project endpoint shares (items, tiles, stats, exports). All values are
 * already validated; toSql turns them into one parameterised WHERE clause over 'project p' (or
 * 'project_location p', which carries counted too).
 */
public record ProjectFilter(Optional<String> city, Optional<String> county, Optional<String> area,
                            Optional<String> category, Optional<String> nature, Optional<String> source,
                            Optional<String> precision, Optional<BigDecimal> minInvestment,
                            Optional<BigDecimal> maxInvestment, Optional<String> q,
                            Optional<Integer> yearFrom, Optional<Integer> yearTo, Optional<double[]> bbox,
                            boolean entries) {

    /**
     * Projects, not list entries (the default): an entry whose project has a later entry (a 'same' link,
     * identity/) is left out, so a project counts once with its latest figures. entries = true: every entry.
     */
    public ProjectFilter(Optional<String> city, Optional<String> county, Optional<String> area,
                         Optional<String> category, Optional<String> nature, Optional<String> source,
                         Optional<String> precision, Optional<BigDecimal> minInvestment,
                         Optional<BigDecimal> maxInvestment, Optional<String> q,
                         Optional<Integer> yearFrom, Optional<Integer> yearTo, Optional<double[]> bbox) {
        this(city, county, area, category, nature, source, precision, minInvestment, maxInvestment, q, yearFrom, yearTo,
                bbox, false);
    }

    /** The counting the answers state: "projects" (default) or "entries" (count=entries). */
    public String counting() {
        return entries ? "entries" : "projects";
    }

    public static ProjectFilter none() {
        return new ProjectFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A WHERE clause (never empty: at least 'TRUE') and its parameters, in order. */
    public record Sql(String where, List<Object> params) {
    }

    public Sql toSql() {
        List<String> clauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        // One parameter per '?' in each clause, in order.
        java.util.function.BiConsumer<String, Object[]> add = (clause, values) -> {
            clauses.add(clause);
            params.addAll(List.of(values));
        };
        city.ifPresent(c -> add.accept("EXISTS (SELECT 1 FROM placement pl JOIN division d ON d.code = pl.division_code "
                + "WHERE pl.project_id = p.id AND (d.code = ? OR d.parent_code = ?))", new Object[]{c, c}));
        county.ifPresent(c -> add.accept(
                "EXISTS (SELECT 1 FROM placement pl WHERE pl.project_id = p.id AND pl.division_code = ?)", new Object[]{c}));
        area.ifPresent(a -> add.accept(
                "p.plan_areas @> ARRAY[?::text]", new Object[]{a}));
        category.ifPresent(c -> add.accept("p.category = ?", new Object[]{c}));
        nature.ifPresent(n -> add.accept("p.nature = ?", new Object[]{n}));
        source.ifPresent(s -> add.accept("p.document_id IN (SELECT id FROM source_document WHERE file_name = ?)", new Object[]{s}));
        precision.ifPresent(pr -> add.accept("p.precision = ?", new Object[]{pr}));
        minInvestment.ifPresent(v -> add.accept("p.total_investment >= ?", new Object[]{v}));
        maxInvestment.ifPresent(v -> add.accept("p.total_investment <= ?", new Object[]{v}));
        q.ifPresent(text -> add.accept("p.name ILIKE ? ESCAPE '\\'",
                new Object[]{"%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"}));
        // Active in the interval: started by its end and not finished before its start.
        yearTo.ifPresent(y -> add.accept("p.start_year <= ?", new Object[]{y}));
        yearFrom.ifPresent(y -> add.accept("coalesce(p.end_year, p.start_year) >= ?", new Object[]{y}));
        bbox.ifPresent(b -> clauses.add(bboxClause(b, "p.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)"
                + " AND ST_Intersects(p.geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))", params)));
        if (!entries) {
            clauses.add("p.counted");
        }
        return new Sql(clauses.isEmpty() ? "TRUE" : String.join(" AND ", clauses), params);
    }

    /**
     * The same filter over 'project_location p' (migrations V13, V16), which holds a placed project's
     * geometry, category and investment: a point that overlaps the box's bounds lies in it, so only
     * lines and polygons take the exact test.
     */
    public Sql toLocationSql() {
        if (!locatable()) {
            throw new IllegalStateException("only a bbox, a category and an investment range can be matched on project_location");
        }
        // The category and investment clauses are toSql's own: project_location names those columns alike.
        Sql rest = new ProjectFilter(Optional.empty(), Optional.empty(), Optional.empty(), category, Optional.empty(),
                Optional.empty(), Optional.empty(), minInvestment, maxInvestment, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), entries).toSql();
        List<Object> params = new ArrayList<>(rest.params());
        String box = bboxClause(bbox.get(), "p.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)"
                + " AND (p.point OR ST_Intersects(p.geom, ST_MakeEnvelope(?, ?, ?, ?, 4326)))", params);
        return new Sql(rest.where() + " AND " + box, params);
    }

    /** One test per envelope (two across the antimeridian), each envelope's bounds once per '?' quartet. */
    private static String bboxClause(double[] b, String test, List<Object> params) {
        List<String> any = new ArrayList<>();
        for (double[] e : envelopes(b)) {
            any.add("(" + test + ")");
            for (int i = 0; i < 2; i++) {
                for (double v : e) {
                    params.add(v);
                }
            }
        }
        return "(" + String.join(" OR ", any) + ")";
    }

    /**
     * True when there is a bbox and nothing beyond a category and an investment range: such pages find
     * their rows in project_location alone.
     */
    public boolean locatable() {
        return bbox.isPresent() && city.isEmpty() && county.isEmpty() && area.isEmpty()
                && nature.isEmpty() && source.isEmpty() && precision.isEmpty() && q.isEmpty()
                && yearFrom.isEmpty() && yearTo.isEmpty();
    }

    /** A bbox with minLon > maxLon crosses the antimeridian: it is two envelopes. */
    public static List<double[]> envelopes(double[] b) {
        if (b[0] <= b[2]) {
            return List.of(b);
        }
        return List.of(new double[]{b[0], b[1], 180, b[3]}, new double[]{-180, b[1], b[2], b[3]});
    }

    /** The filters as query-string pairs, for links and snapshot stamps. */
    public java.util.Map<String, String> asParameters() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        city.ifPresent(v -> m.put("city", v));
        county.ifPresent(v -> m.put("county", v));
        area.ifPresent(v -> m.put("area", v));
        category.ifPresent(v -> m.put("category", v));
        nature.ifPresent(v -> m.put("nature", v));
        source.ifPresent(v -> m.put("source", v));
        precision.ifPresent(v -> m.put("precision", v));
        minInvestment.ifPresent(v -> m.put("min_investment", v.toPlainString()));
        maxInvestment.ifPresent(v -> m.put("max_investment", v.toPlainString()));
        q.ifPresent(v -> m.put("q", v));
        if (yearFrom.isPresent() || yearTo.isPresent()) {
            m.put("datetime", yearFrom.map(String::valueOf).orElse("..") + "/" + yearTo.map(String::valueOf).orElse(".."));
        }
        bbox.ifPresent(b -> m.put("bbox", b[0] + "," + b[1] + "," + b[2] + "," + b[3]));
        if (entries) {
            m.put("count", "entries");
        }
        return m;
    }
}
