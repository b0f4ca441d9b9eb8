package atlas.layers;

import atlas.crs.Crs;
import atlas.crs.CrsSql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The items statements, whole: SELECT (each collection's GeoJSON features built in PostGIS,
 * json_build_object + ST_AsGeoJSON, 6 decimals ≈ 0.1 m; polygons forced counter-clockwise per RFC
 * 7946), WHERE (a ProjectFilter's clauses), ORDER BY, LIMIT and the count, assembled by items();
 * Layers only runs them. Every feature statement yields one feature's JSON text per row.
 */
final class FeatureSql {
    private FeatureSql() {
    }

    /**
     * A statement, the cheap count of the same rows (without building any JSON) and their parameters;
     * pageIds, when not null, the same page's ids and count alone (its features then come from stored
     * bytes: FeatureBytes, PROJECT_FEATURES_BY_ID), with the same parameters.
     */
    record Statement(String text, String count, List<Object> params, boolean pagedInside, boolean countInside, String pageIds) {
        Statement(String text, String count, List<Object> params, boolean pagedInside, boolean countInside) {
            this(text, count, params, pagedInside, countInside, null);
        }

        /** The text to run: LIMIT ? OFFSET ? added last unless the statement pages inside itself. */
        String paged() {
            return text + (pagedInside ? "" : " LIMIT ? OFFSET ?");
        }
    }

    /** Pages up to this size count their matches in the page query; bigger reads (exports) stream unbuffered. */
    private static final int COUNTED_PAGE = 10_000;

    /** Moved from Layers.build: the statement of one items request (LIMIT ? OFFSET ? last when not pagedInside). */
    static Statement items(Collection col, ItemsQuery q) {
        boolean simplified = q.zoom().map(z -> z < Layers.SIMPLIFY_BELOW_ZOOM).orElse(false);
        List<Object> params = new ArrayList<>();
        return switch (col.kind()) {
            case DIVISION -> {
                String cond = bboxCondition(q, DIVISION_BBOX, params) + condition(q.filter(), params);
                yield new Statement(divisions(col.filter(), simplified, q.crs()).formatted(cond),
                        "SELECT count(*) FROM division d WHERE " + col.filter() + " AND d.geom IS NOT NULL AND " + cond, params, false, false);
            }
            case PLAN_AREA -> {
                String cond = bboxCondition(q, AREA_BBOX, params) + condition(q.filter(), params);
                yield new Statement(areas(col.filter(), simplified, q.crs()).formatted(cond),
                        "SELECT count(*) FROM plan_area a WHERE " + col.filter() + " AND a.geom IS NOT NULL AND " + cond, params, false, false);
            }
            case PROJECT -> {
                boolean page = q.limit() <= COUNTED_PAGE;
                if (page && q.filter().locatable() && q.sortby().isEmpty()) {
                    Where located = locationWhere(q.filter());
                    yield new Statement(projectPageByLocation(located.where(), q.crs()),
                            "SELECT count(*) FROM project_location p WHERE " + located.where(), located.params(), true, true,
                            q.crs().equals(Crs.CRS84) ? projectIdsByLocation(located.where()) : null);
                }
                Where where = where(q.filter());
                String text = page ? projectPage(where.where(), orderBy(q.sortby()), q.crs())
                        : projects(where.where(), orderBy(q.sortby()), q.crs());
                yield new Statement(text, "SELECT count(*) FROM project p WHERE " + where.where(), where.params(), page, page);
            }
        };
    }

    /** The filter's CQL2 condition (or box in another CRS) as ' AND (...)', its values added to params. */
    private static String condition(ProjectFilter f, List<Object> params) {
        if (f.condition().isEmpty()) {
            return "";
        }
        params.addAll(f.condition().get().where().params());
        return " AND " + f.condition().get().where().sql();
    }

    /** One feature by its id (one parameter), its geometry in crs. */
    static String item(Collection col, Crs crs) {
        return switch (col.kind()) {
            case DIVISION -> divisions(col.filter(), false, crs).formatted("d.code = ?");
            case PLAN_AREA -> areas(col.filter(), false, crs).formatted("a.id = ?");
            case PROJECT -> projects("p.fid = ?", "p.id", crs);
        };
    }

    /** A collection's extent as four columns (xmin, ymin, xmax, ymax; NULL when empty). */
    static String extent(Collection col) {
        String sql = switch (col.kind()) {
            case DIVISION -> "SELECT ST_Extent(d.geom) FROM division d WHERE " + col.filter();
            case PLAN_AREA -> "SELECT ST_Extent(a.geom) FROM plan_area a WHERE " + col.filter();
            case PROJECT -> "SELECT ST_Extent(p.geom) FROM project p";
        };
        return "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (" + sql + ") x(e)";
    }

    static final String BOUNDARY_VINTAGE = "SELECT boundary_source, boundary_vintage FROM division WHERE level = 'province'";

    /** Moves whenever served data may have changed (statement triggers, migration V3): the ETag base. */
    static final String DATA_VERSION = "SELECT version::text FROM version_counter WHERE name = 'data'";

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

    /** Properties projects can be sorted by, mapped to their columns (moved from ItemsQuery.SORTABLE). */
    static final Map<String, String> SORT_COLUMNS = Map.of(
            "name", "p.name", "total_investment", "p.total_investment", "planned_investment", "p.planned_investment",
            "start_year", "p.start_year", "end_year", "p.end_year", "category", "p.category", "precision", "p.precision");

    /** Moved from Layers.orderBy. */
    static String orderBy(List<ItemsQuery.SortKey> keys) {
        List<String> parts = new ArrayList<>();
        for (ItemsQuery.SortKey k : keys) {
            parts.add(SORT_COLUMNS.get(k.property()) + (k.descending() ? " DESC NULLS LAST" : " ASC NULLS LAST"));
        }
        // Ids follow the documents' row order; one unique key lets PostgreSQL stop after a page.
        parts.add("p.id");
        return String.join(", ", parts);
    }

    /** A WHERE clause (never empty: at least 'TRUE') and its parameters, in order. */
    record Where(String where, List<Object> params) {
    }

    /** Moved from ProjectFilter.toSql: the filter as one WHERE clause over 'project p'. */
    static Where where(ProjectFilter f) {
        List<String> clauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        // One parameter per '?' in each clause, in order.
        java.util.function.BiConsumer<String, Object[]> add = (clause, values) -> {
            clauses.add(clause);
            params.addAll(List.of(values));
        };
        f.city().ifPresent(c -> add.accept("EXISTS (SELECT 1 FROM placement pl JOIN division d ON d.code = pl.division_code "
                + "WHERE pl.project_id = p.id AND (d.code = ? OR d.parent_code = ?))", new Object[]{c, c}));
        f.county().ifPresent(c -> add.accept(
                "EXISTS (SELECT 1 FROM placement pl WHERE pl.project_id = p.id AND pl.division_code = ?)", new Object[]{c}));
        f.area().ifPresent(a -> add.accept(
                "p.plan_areas @> ARRAY[?::text]", new Object[]{a}));
        f.category().ifPresent(c -> add.accept("p.category = ?", new Object[]{c}));
        f.nature().ifPresent(n -> add.accept("p.nature = ?", new Object[]{n}));
        f.source().ifPresent(s -> add.accept("p.document_id IN (SELECT id FROM source_document WHERE file_name = ?)", new Object[]{s}));
        f.precision().ifPresent(pr -> add.accept("p.precision = ?", new Object[]{pr}));
        f.minInvestment().ifPresent(v -> add.accept("p.total_investment >= ?", new Object[]{v}));
        f.maxInvestment().ifPresent(v -> add.accept("p.total_investment <= ?", new Object[]{v}));
        f.q().ifPresent(text -> add.accept("p.name ILIKE ? ESCAPE '\\'",
                new Object[]{"%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"}));
        // Active in the interval: started by its end and not finished before its start.
        f.yearTo().ifPresent(y -> add.accept("p.start_year <= ?", new Object[]{y}));
        f.yearFrom().ifPresent(y -> add.accept("coalesce(p.end_year, p.start_year) >= ?", new Object[]{y}));
        f.bbox().ifPresent(b -> clauses.add(bboxClause(b, "p.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)"
                + " AND ST_Intersects(p.geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))", params)));
        f.condition().ifPresent(c -> add.accept(c.where().sql(), c.where().params().toArray()));
        if (!f.entries()) {
            clauses.add("p.counted");  // projects, not the entries a later entry counts for (identity/)
        }
        return new Where(clauses.isEmpty() ? "TRUE" : String.join(" AND ", clauses), params);
    }

    /**
     * Moved from ProjectFilter.toLocationSql: the same filter over 'project_location p' (migrations V13,
     * V16), which holds a placed project's geometry, category and investment: a point that overlaps the
     * box's bounds lies in it, so only lines and polygons take the exact test.
     */
    static Where locationWhere(ProjectFilter f) {
        if (!f.locatable()) {
            throw new IllegalStateException("only a bbox, a category and an investment range can be matched on project_location");
        }
        // The category and investment clauses are where()'s own: project_location names those columns alike.
        Where rest = where(new ProjectFilter(Optional.empty(), Optional.empty(), Optional.empty(), f.category(), Optional.empty(),
                Optional.empty(), Optional.empty(), f.minInvestment(), f.maxInvestment(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), f.entries()));
        List<Object> params = new ArrayList<>(rest.params());
        String box = bboxClause(f.bbox().get(), "p.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)"
                + " AND (p.point OR ST_Intersects(p.geom, ST_MakeEnvelope(?, ?, ?, ?, 4326)))", params);
        return new Where(rest.where() + " AND " + box, params);
    }

    /** One test per envelope (two across the antimeridian), each envelope's bounds once per '?' quartet. */
    private static String bboxClause(double[] b, String test, List<Object> params) {
        List<String> any = new ArrayList<>();
        for (double[] e : ProjectFilter.envelopes(b)) {
            any.add("(" + test + ")");
            for (int i = 0; i < 2; i++) {
                for (double v : e) {
                    params.add(v);
                }
            }
        }
        return "(" + String.join(" OR ", any) + ")";
    }

    /** zoomed: the small-scale simplified shape (zoom <= 8) instead of the full one. */
    static String divisions(String filter, boolean simplified, Crs crs) {
        String g = simplified ? "d.geom_simple" : "d.geom";
        return """
                SELECT json_build_object('type', 'Feature', 'id', d.code,
                  'geometry', %s::json,
                  'properties', json_build_object('code', d.code, 'name', d.name, 'level', d.level,
                     'label_point', json_build_array(round(ST_X(d.rep_point)::numeric, 5), round(ST_Y(d.rep_point)::numeric, 5)),
                     'parent_code', d.parent_code, 'boundary_source', d.boundary_source,
                     'boundary_vintage', d.boundary_vintage))::text
                FROM division d WHERE %s AND d.geom IS NOT NULL AND %%s
                ORDER BY d.code""".formatted(CrsSql.geoJson("ST_ForcePolygonCCW(" + g + ")", crs), filter);
    }

    static final String DIVISION_BBOX = "d.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)";

    /**
     * Every plan area's project figures, live: projects are first grouped by their list of areas,
     * category and nature (projects of one county share a list), so only those groups are spread over
     * their areas: one pass over project instead of three index scans per area (bench/RESULTS.md,
     * "Measured earlier").
     */
    static final String AREA_FIGURES = """
            WITH g AS (
              SELECT plan_areas, coalesce(category, '未分类') AS category, coalesce(nature, '未注明') AS nature,
                     count(*) FILTER (WHERE counted) AS n, sum(total_investment) FILTER (WHERE counted) AS t, count(*) AS e
              FROM project WHERE cardinality(plan_areas) > 0 GROUP BY 1, 2, 3),
            x AS (SELECT m.area_id, g.category, g.nature, g.n, g.t, g.e FROM g CROSS JOIN LATERAL unnest(g.plan_areas) m(area_id)),
            by_category AS (
              SELECT area_id, json_object_agg(category, json_build_object('count', n, 'total_investment', t) ORDER BY category) AS j
              FROM (SELECT area_id, category, sum(n)::bigint AS n, sum(t) AS t FROM x GROUP BY 1, 2 HAVING sum(n) > 0) c GROUP BY 1),
            by_nature AS (
              SELECT area_id, json_object_agg(nature, json_build_object('count', n, 'total_investment', t) ORDER BY nature) AS j
              FROM (SELECT area_id, nature, sum(n)::bigint AS n, sum(t) AS t FROM x GROUP BY 1, 2 HAVING sum(n) > 0) c GROUP BY 1)
            SELECT t.area_id, t.project_count, t.total_investment, coalesce(c.j, '{}'::json) AS by_category,
                   coalesce(n.j, '{}'::json) AS by_nature, t.entry_count
            FROM (SELECT area_id, sum(n)::bigint AS project_count, sum(t) AS total_investment, sum(e)::bigint AS entry_count
                  FROM x GROUP BY 1) t
            LEFT JOIN by_category c USING (area_id) LEFT JOIN by_nature n USING (area_id)""";

    /** True while the statistics set (with the area figures) was built at the current input version. */
    private static final String STATS_CURRENT = PrecomputedSql.builtAtCurrentInput(PrecomputedSql.STATS);

    static String areas(String filter, boolean simplified, Crs crs) {
        String g = simplified ? "a.geom_simple" : "a.geom";
        // The figures come from the precomputed set while it is current, else live (a one-time test
        // chooses the branch: the other one is not run).
        return """
                SELECT json_build_object('type', 'Feature', 'id', a.id,
                  'geometry', %s::json,
                  'properties', json_build_object('id', a.id, 'kind', a.kind, 'name', a.name, 'parent', a.parent_id,
                     'approximate', a.approximate, 'clipped', a.clipped, 'source', a.source,
                     'assumption', a.assumption, 'width_km', a.width_km, 'members', a.members,
                     'line', ST_AsGeoJSON(a.line, 6)::json,
                     'project_count', coalesce(s.project_count, 0), 'total_investment', s.total_investment,
                     'entry_count', coalesce(s.entry_count, 0), 'counting', 'projects',
                     'by_category', coalesce(s.by_category, '{}'::json), 'by_nature', coalesce(s.by_nature, '{}'::json)))::text
                FROM plan_area a
                LEFT JOIN (
                  SELECT area_id, project_count, total_investment, by_category, by_nature, entry_count FROM serving_area_figure
                  WHERE %s
                  UNION ALL
                  SELECT * FROM (%s) live WHERE NOT %s) s ON s.area_id = a.id
                WHERE %s AND a.geom IS NOT NULL AND %%s
                ORDER BY a.kind, a.id""".formatted(CrsSql.geoJson("ST_ForcePolygonCCW(" + g + ")", crs), STATS_CURRENT, AREA_FIGURES, STATS_CURRENT, filter);
    }

    static final String AREA_BBOX = "a.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)";

    /**
     * One project feature's JSON, put together as text: the same bytes json_build_object gave, without
     * parsing the geometry's GeoJSON into json first. Properties are stored by the geocoder
     * (project.properties); a row not placed since its import gets them from the same SQL function
     * (migration V5) on the fly.
     */
    private static String projectFeature(Crs crs) {
        return """
            '{"type" : "Feature", "id" : ' || to_json(p.fid)::text
              || ', "geometry" : ' || coalesce(%s, 'null')
              || ', "properties" : ' || coalesce(coalesce(p.properties, project_feature_properties(p.id))::text, 'null') || '}'"""
                .formatted(CrsSql.geoJson("p.geom", crs));
    }

    /** Project features; the WHERE part comes from ProjectFilter, the ORDER BY from the request. */
    static String projects(String where, String orderBy, Crs crs) {
        return "SELECT " + projectFeature(crs) + " FROM project p WHERE " + where + " ORDER BY " + orderBy;
    }

    /**
     * A page of a bbox (with at most a category and an investment range) in id order, the map's and
     * most clients' request: the matching ids come from the narrow project_location (migrations V12,
     * V13, V16), not from the wide project rows; only the page's rows are read whole. MATERIALIZED
     * keeps the planner from walking the whole id index in order, hoping the LIMIT stops it early: the
     * count needs every match anyway. The count is an aggregate over the matches, not count(*) OVER ():
     * the window kept every match in a second store to number them.
     */
    static String projectPageByLocation(String locationWhere, Crs crs) {
        return """
                WITH m AS MATERIALIZED (SELECT p.id FROM project_location p WHERE %s)
                SELECT %s, (SELECT count(*) FROM m) AS matched
                FROM (SELECT m.id FROM m ORDER BY m.id LIMIT ? OFFSET ?) q
                JOIN project p ON p.id = q.id
                ORDER BY p.id""".formatted(locationWhere, projectFeature(crs));
    }

    /** The ids of projectPageByLocation's page in id order, each row with the number matched; no feature built. */
    static String projectIdsByLocation(String locationWhere) {
        return """
                WITH m AS MATERIALIZED (SELECT p.id FROM project_location p WHERE %s)
                SELECT q.id, (SELECT count(*) FROM m) AS matched
                FROM (SELECT m.id FROM m ORDER BY m.id LIMIT ? OFFSET ?) q
                ORDER BY q.id""".formatted(locationWhere);
    }

    /**
     * Every row of project_location (LocationIndex: bounds, counted, the shape of a line or polygon)
     * with the data version, in one statement so both come from one snapshot; one row of the version
     * alone when nothing is placed.
     */
    static final String LOCATION_ROWS = """
            SELECT v.version, l.id, ST_XMin(l.geom), ST_YMin(l.geom), ST_XMax(l.geom), ST_YMax(l.geom), l.counted,
                   CASE WHEN NOT l.point THEN ST_AsBinary(l.geom) END
            FROM (SELECT version FROM version_counter WHERE name = 'data') v
            LEFT JOIN project_location l ON TRUE
            ORDER BY l.id""";

    /** Project features (CRS84) by id, one bigint[] parameter: rows of id and feature text, in no order. */
    static final String PROJECT_FEATURES_BY_ID = "SELECT p.id, " + projectFeature(Crs.CRS84) + " FROM project p WHERE p.id = ANY(?)";

    /**
     * One page of project features (LIMIT ? OFFSET ?), each row with the number of projects matched:
     * one scan of the matching rows counts them and cuts the page on narrow rows (id and the sort
     * keys); only the page's rows are then read whole to build their JSON.
     */
    static String projectPage(String where, String orderBy, Crs crs) {
        return """
                SELECT %s, q.matched
                FROM (SELECT p.id, count(*) OVER () AS matched FROM project p WHERE %s ORDER BY %s LIMIT ? OFFSET ?) q
                JOIN project p ON p.id = q.id
                ORDER BY %s""".formatted(projectFeature(crs), where, orderBy, orderBy);
    }
}
