package atlas.layers;

/**
 * The SQL that builds each collection's GeoJSON features in PostGIS (json_build_object +
 * ST_AsGeoJSON, 6 decimals ≈ 0.1 m; polygons forced counter-clockwise per RFC 7946).
 * Every statement yields one feature's JSON text per row.
 */
final class FeatureSql {
    private FeatureSql() {
    }

    /** zoomed: the small-scale simplified shape (zoom <= 8) instead of the full one. */
    static String divisions(String filter, boolean simplified) {
        String g = simplified ? "d.geom_simple" : "d.geom";
        return """
                SELECT json_build_object('type', 'Feature', 'id', d.code,
                  'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(%s), 6)::json,
                  'properties', json_build_object('code', d.code, 'name', d.name, 'level', d.level,
                     'label_point', json_build_array(round(ST_X(d.rep_point)::numeric, 5), round(ST_Y(d.rep_point)::numeric, 5)),
                     'parent_code', d.parent_code, 'boundary_source', d.boundary_source,
                     'boundary_vintage', d.boundary_vintage))::text
                FROM division d WHERE %s AND d.geom IS NOT NULL AND %%s
                ORDER BY d.code""".formatted(g, filter);
    }

    static final String DIVISION_BBOX = "d.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)";

    /**
     * Every plan area's project figures, live: projects are first grouped by their list of areas,
     * category and nature (projects of one county share a list), so only those groups are spread over
     * their areas. One pass over project instead of three index scans per area (the 四大建设 layer at 100k
     * projects: 1.5 s -> 0.4 s; 12 ms from the precomputed figures).
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
    private static final String STATS_CURRENT = Precomputed.builtAtCurrentInput(Precomputed.STATS);

    static String areas(String filter, boolean simplified) {
        String g = simplified ? "a.geom_simple" : "a.geom";
        // The figures come from the precomputed set while it is current, else live (a one-time test
        // chooses the branch: the other one is not run).
        return """
                SELECT json_build_object('type', 'Feature', 'id', a.id,
                  'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(%s), 6)::json,
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
                ORDER BY a.kind, a.id""".formatted(g, STATS_CURRENT, AREA_FIGURES, STATS_CURRENT, filter);
    }

    static final String AREA_BBOX = "a.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)";

    /**
     * One project feature's JSON, put together as text: the same bytes json_build_object gave, without
     * parsing the geometry's GeoJSON into json first. Properties are stored by the geocoder
     * (project.properties); a row not placed since its import gets them from the same SQL function
     * (migration V5) on the fly.
     */
    private static final String PROJECT_FEATURE = """
            '{"type" : "Feature", "id" : ' || to_json(p.fid)::text
              || ', "geometry" : ' || coalesce(ST_AsGeoJSON(p.geom, 6), 'null')
              || ', "properties" : ' || coalesce(coalesce(p.properties, project_feature_properties(p.id))::text, 'null') || '}'""";

    /** Project features; the WHERE part comes from ProjectFilter, the ORDER BY from the request. */
    static String projects(String where, String orderBy) {
        return "SELECT " + PROJECT_FEATURE + " FROM project p WHERE " + where + " ORDER BY " + orderBy;
    }

    /**
     * A page of a bbox (with at most a category and an investment range) in id order, the map's and
     * most clients' request: the matching ids come from the narrow project_location (migrations V12,
     * V13, V16), not from the wide project rows; only the page's rows are read whole. MATERIALIZED
     * keeps the planner from walking the whole id index in order, hoping the LIMIT stops it early: the
     * count needs every match anyway. The count is an aggregate over the matches, not count(*) OVER ():
     * the window kept every match in a second store to number them (1 of 8 ms of a 1,000-feature page
     * over 5,000 matches).
     */
    static String projectPageByLocation(String locationWhere) {
        return """
                WITH m AS MATERIALIZED (SELECT p.id FROM project_location p WHERE %s)
                SELECT %s, (SELECT count(*) FROM m) AS matched
                FROM (SELECT m.id FROM m ORDER BY m.id LIMIT ? OFFSET ?) q
                JOIN project p ON p.id = q.id
                ORDER BY p.id""".formatted(locationWhere, PROJECT_FEATURE);
    }

    /**
     * One page of project features (LIMIT ? OFFSET ?), each row with the number of projects matched:
     * one scan of the matching rows counts them and cuts the page on narrow rows (id and the sort
     * keys); only the page's rows are then read whole to build their JSON.
     */
    static String projectPage(String where, String orderBy) {
        return """
                SELECT %s, q.matched
                FROM (SELECT p.id, count(*) OVER () AS matched FROM project p WHERE %s ORDER BY %s LIMIT ? OFFSET ?) q
                JOIN project p ON p.id = q.id
                ORDER BY %s""".formatted(PROJECT_FEATURE, where, orderBy, orderBy);
    }
}
