package atlas.geocode;

import atlas.db.CopyRows;
import atlas.gazetteer.Gazetteer;

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

/**
 * Runs the geocoder over stored projects and writes its answer: placements with evidence, the
 * project geometry (built in PostGIS from county representative points), plan-area membership
 * (mention first, then space) and review items. Manual placements win and survive re-runs.
 */
public final class GeocodeStore {
    public record Summary(int projects, Map<String, Integer> byPrecision, int reviewItems, long millis) {
    }

    /** Places every project (all = true) or only those not placed since their last change. */
    public Summary run(Connection c, boolean all) throws SQLException {
        long started = System.nanoTime();
        return atlas.db.Transactions.inTransaction(c, () -> {
            try (Statement st = c.createStatement()) {
                // Taken now rather than at the first insert: the server's rebuild of its precomputed
                // tiles and statistics waits for writers of these tables, instead of building from
                // data this run is about to change and sharing the cores with it.
                st.execute("LOCK TABLE project, placement, project_plan_area IN ROW EXCLUSIVE MODE");
            }
            Gazetteer gazetteer = Gazetteer.load(c);
            List<PlanAreaKeywords> areas = planAreas(c);
            Map<String, List<String>> manual = manualPlacements(c);
            List<ProjectFacts> projects = projects(c, all);
            if (!all && projects.size() >= 1000) {
                // A bulk import's new rows: the set-based statements below join project by id, so plan
                // them on its size now, not on the size before the import. The id column is enough for
                // that, and a fraction of the whole table's time; autovacuum analyses the rest later.
                try (Statement st = c.createStatement()) {
                    st.execute("ANALYZE project (id)");
                }
            }
            atlas.lines.LineRegistry lines = atlas.lines.LineStore.read(c);
            List<Placement> placements = place(projects, () -> new Geocoder(gazetteer, areas, lines), manual);
            // Rows that name no place take their list's county when the list keeps to one (ListContext).
            placements = new ListContext(gazetteer).apply(listsOf(c, projects, all), placements,
                    projects.stream().map(p -> manual.containsKey(p.key())).toList());
            Map<String, Integer> byPrecision = new HashMap<>();
            int reviews = 0;
            for (Placement placement : placements) {
                byPrecision.merge(placement.precision(), 1, Integer::sum);
                reviews += placement.review().isPresent() ? 1 : 0;
            }
            clearReviews(c, projects.stream().map(ProjectFacts::key).toList());
            stage(c, projects, placements);
            storePlacements(c);
            storePlanAreas(c);
            storeProjects(c);
            // Entries are linked into projects after every placing run: links read placements, and an
            // entry without strong evidence takes its linked partner's placement.
            new atlas.identity.IdentityStore().run(c);
            return new Summary(projects.size(), byPrecision, reviews, (System.nanoTime() - started) / 1_000_000);
        });
    }

    /**
     * Places the projects on all cores, each worker with a geocoder of its own over the shared
     * (immutable) gazetteer; every project is placed on its own, so the answers are the same in any order.
     */
    private static List<Placement> place(List<ProjectFacts> projects, java.util.function.Supplier<Geocoder> geocoders,
                                         Map<String, List<String>> manual) {
        Placement[] out = new Placement[projects.size()];
        int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), projects.size() / 2000));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(workers);
        try {
            List<java.util.concurrent.Future<?>> parts = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int from = (int) ((long) w * out.length / workers);
                int to = (int) ((long) (w + 1) * out.length / workers);
                parts.add(pool.submit(() -> {
                    Geocoder geocoder = geocoders.get();
                    for (int i = from; i < to; i++) {
                        ProjectFacts p = projects.get(i);
                        out[i] = manual.containsKey(p.key())
                                ? manualPlacement(manual.get(p.key()), geocoder.place(p))
                                : geocoder.place(p);
                    }
                }));
            }
            for (java.util.concurrent.Future<?> part : parts) {
                part.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("geocoding was interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return List.of(out);
    }

    /**
     * The answers go to the database by COPY, one table at a time (a connection runs one COPY at a
     * time): the placed projects and their placements and mentions into staging tables dropped at
     * commit, review items straight into their table.
     */
    private static void stage(Connection c, List<ProjectFacts> projects, List<Placement> placements) throws SQLException {
        try (Statement st = c.createStatement()) {
            // The set-based steps sort and group every placed project at once: in memory, not on disk.
            st.execute("SET LOCAL work_mem = '64MB'");
            st.execute("CREATE TEMP TABLE geocode_project (project_id bigint PRIMARY KEY, precision text NOT NULL) ON COMMIT DROP");
            st.execute("""
                    CREATE TEMP TABLE geocode_placement (n int NOT NULL, project_id bigint NOT NULL, division_code text NOT NULL,
                      method text NOT NULL, precision text NOT NULL, evidence text NOT NULL, ordinal int NOT NULL) ON COMMIT DROP""");
            st.execute("""
                    CREATE TEMP TABLE geocode_mention (n int NOT NULL, project_id bigint NOT NULL, area_id text NOT NULL,
                      evidence text NOT NULL) ON COMMIT DROP""");
            st.execute(atlas.lines.ProjectLineSql.STAGE);
        }
        try (CopyRows copy = CopyRows.open(c, "geocode_line", atlas.lines.ProjectLineSql.STAGE_COLUMNS)) {
            for (int i = 0; i < projects.size(); i++) {
                for (Placement.LineCourse l : placements.get(i).lines()) {
                    copy.number(projects.get(i).id()).text(l.lineId()).number(l.fromSeq()).number(l.toSeq());
                    copy.endRow();
                }
            }
            copy.finish();
        }
        try (CopyRows copy = CopyRows.open(c, "geocode_project", "project_id, precision")) {
            for (int i = 0; i < projects.size(); i++) {
                copy.number(projects.get(i).id()).text(placements.get(i).precision());
                copy.endRow();
            }
            copy.finish();
        }
        try (CopyRows copy = CopyRows.open(c, "geocode_placement",
                "n, project_id, division_code, method, precision, evidence, ordinal")) {
            int n = 0;
            for (int i = 0; i < projects.size(); i++) {
                long id = projects.get(i).id();
                Placement placement = placements.get(i);
                int ordinal = 0;
                if (placement.precision().equals("city")) {
                    // City-level programmes are kept on their city, so a city filter finds them.
                    String evidence = placement.review().map(Placement.Review::reason).orElse("地级市层面");
                    for (String city : placement.cityCodes()) {
                        copy.number(n++).number(id).text(city).text("city").text("city").text(evidence).number(ordinal++);
                        copy.endRow();
                    }
                }
                for (Placement.PlacedCounty county : placement.counties()) {
                    copy.number(n++).number(id).text(county.code()).text(county.method()).text(placement.precision())
                            .text(county.evidence()).number(ordinal++);
                    copy.endRow();
                }
            }
            copy.finish();
        }
        try (CopyRows copy = CopyRows.open(c, "geocode_mention", "n, project_id, area_id, evidence")) {
            int n = 0;
            for (int i = 0; i < projects.size(); i++) {
                for (Placement.AreaMention m : placements.get(i).areas()) {
                    copy.number(n++).number(projects.get(i).id()).text(m.areaId()).text(m.evidence());
                    copy.endRow();
                }
            }
            copy.finish();
        }
        try (CopyRows copy = CopyRows.open(c, "review_item", "project_key, kind, reason")) {
            for (int i = 0; i < projects.size(); i++) {
                Optional<Placement.Review> review = placements.get(i).review();
                if (review.isPresent()) {
                    copy.text(projects.get(i).key()).text(review.get().kind()).text(review.get().reason());
                    copy.endRow();
                }
            }
            copy.finish();
        }
    }

    /**
     * The placements wanted (a repeated one keeps its first evidence) replace the stored ones by
     * difference: re-placing a project the same way writes nothing. Each project's geometry is kept
     * beside it in geocode_placed until the one update of its row: routes are lines through their
     * counties in order, other placements (multi)points, city/province/unknown none.
     */
    private static void storePlacements(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("ANALYZE geocode_project");
            st.execute("""
                    CREATE TEMP TABLE geocode_wanted ON COMMIT DROP AS
                    SELECT DISTINCT ON (project_id, division_code) project_id, division_code, method, precision, evidence, ordinal
                    FROM geocode_placement ORDER BY project_id, division_code, n""");
            // Keys on the staged sets keep every anti-join an index probe, whatever the statistics.
            st.execute("ALTER TABLE geocode_wanted ADD PRIMARY KEY (project_id, division_code)");
            st.execute("ANALYZE geocode_wanted");
            st.executeUpdate("""
                    DELETE FROM placement pl USING geocode_project s
                    WHERE pl.project_id = s.project_id AND NOT EXISTS (
                      SELECT 1 FROM geocode_wanted w WHERE w.project_id = pl.project_id AND w.division_code = pl.division_code
                        AND w.method = pl.method AND w.precision = pl.precision AND w.evidence = pl.evidence
                        AND w.ordinal = pl.ordinal)""");
            // Kept rows are skipped by their key (ON CONFLICT), not by an anti-join: planned on the
            // statistics of an empty table (a new database, or after every project was removed) the
            // anti-join scanned the table it was filling once per row, and 100k projects never finished.
            st.executeUpdate("""
                    INSERT INTO placement (project_id, division_code, method, precision, evidence, ordinal)
                    SELECT project_id, division_code, method, precision, evidence, ordinal FROM geocode_wanted w
                    ON CONFLICT DO NOTHING""");
            st.execute("""
                    CREATE TEMP TABLE geocode_placed ON COMMIT DROP AS
                    SELECT s.project_id, s.precision,
                           CASE WHEN s.precision IN ('city', 'province', 'unknown') THEN NULL
                                WHEN s.precision = 'route' THEN ST_MakeLine(d.rep_point ORDER BY pl.ordinal)
                                WHEN count(pl.division_code) = 1 THEN (array_agg(d.rep_point))[1]
                                WHEN count(pl.division_code) > 1 THEN ST_Collect(d.rep_point ORDER BY pl.ordinal)
                           END AS geom
                    FROM geocode_project s
                    LEFT JOIN geocode_wanted pl ON pl.project_id = s.project_id
                    LEFT JOIN division d ON d.code = pl.division_code
                    GROUP BY s.project_id, s.precision""");
            st.execute("ALTER TABLE geocode_placed ADD PRIMARY KEY (project_id)");
            // A project that follows registry lines is drawn on their courses (lines/).
            st.execute(atlas.lines.ProjectLineSql.COURSES);
            st.executeUpdate(atlas.lines.ProjectLineSql.DELETE_CHANGED);
            st.executeUpdate(atlas.lines.ProjectLineSql.INSERT);
            st.execute("CREATE INDEX ON geocode_placed USING gist (geom)");
            st.execute("ANALYZE geocode_placed");
        }
    }

    private static Placement manualPlacement(List<String> counties, Placement automatic) {
        List<Placement.PlacedCounty> placed = counties.stream()
                .map(code -> new Placement.PlacedCounty(code, "manual", "管理员人工定位")).toList();
        return new Placement(placed, counties.size() == 1 ? "county" : "counties", automatic.cityCodes(),
                List.of(), java.util.Optional.empty(), automatic.areas());
    }

    /** Open review items are raised again by this run; user reports and closed items stay. */
    private static void clearReviews(Connection c, List<String> keys) throws SQLException {
        try (PreparedStatement r = c.prepareStatement(
                "DELETE FROM review_item WHERE project_key = ANY (?) AND kind <> 'user-report' AND status = 'open'")) {
            r.setArray(1, c.createArrayOf("text", keys.toArray()));
            r.executeUpdate();
        }
    }

    /**
     * Plan areas, explicit mentions first (the first mention of an area wins); then areas with member
     * counties take projects placed in a member county, and corridors and member-less areas take
     * projects whose geometry crosses their shape. Mentions and shapes are stored as rows with their
     * evidence, replaced by difference as placements are; memberships by county go only into the
     * project's plan_areas.
     */
    private static void storePlanAreas(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            // Members unnested, so the county join is a hash join rather than an array scan per placement.
            st.execute("""
                    CREATE TEMP TABLE geocode_area ON COMMIT DROP AS
                    SELECT DISTINCT ON (project_id, area_id) project_id, area_id, method, evidence FROM (
                      SELECT 1 AS rank, n, project_id, area_id, 'mention' AS method, evidence FROM geocode_mention
                      UNION ALL
                      SELECT 2, 0, pl.project_id, m.area_id, 'county', NULL
                      FROM geocode_placed g JOIN geocode_wanted pl ON pl.project_id = g.project_id
                      JOIN (SELECT a.id AS area_id, unnest(a.members) AS code FROM plan_area a) m ON m.code = pl.division_code
                      WHERE g.precision NOT IN ('route', 'city')
                      UNION ALL
                      SELECT 3, 0, g.project_id, a.id, 'space',
                             CASE WHEN g.precision = 'route' THEN '线路穿过该区域' ELSE '定位点位于该区域内' END
                      FROM plan_area a JOIN geocode_placed g ON ST_Intersects(g.geom, a.geom)
                      WHERE cardinality(a.members) = 0
                      UNION ALL
                      -- Areas with members take only lines by shape: asked apart, so the index scan of each
                      -- such area does not fetch every point in its box only to drop it.
                      SELECT 3, 0, g.project_id, a.id, 'space', '线路穿过该区域'
                      FROM plan_area a JOIN geocode_placed g ON ST_Intersects(g.geom, a.geom)
                      WHERE g.precision = 'route' AND cardinality(a.members) > 0) found
                    ORDER BY project_id, area_id, rank, n""");
            st.execute("ALTER TABLE geocode_area ADD PRIMARY KEY (project_id, area_id)");
            st.execute("ANALYZE geocode_area");
            // Only mentions and shapes crossed are kept as rows (V17): every area of a project is in its
            // plan_areas (storeProjects), and one by member county is explained by its placements.
            st.executeUpdate("""
                    DELETE FROM project_plan_area y USING geocode_project s
                    WHERE y.project_id = s.project_id AND NOT EXISTS (
                      SELECT 1 FROM geocode_area w WHERE w.project_id = y.project_id AND w.area_id = y.area_id
                        AND w.method = y.method AND w.evidence = y.evidence AND w.method <> 'county')""");
            st.executeUpdate("""
                    INSERT INTO project_plan_area (project_id, area_id, method, evidence)
                    SELECT project_id, area_id, method, evidence FROM geocode_area w WHERE method <> 'county'
                    ON CONFLICT DO NOTHING""");
        }
    }

    /**
     * One update per placed project: precision, geometry, plan areas, the served feature properties and
     * the time it was placed; a row that would not change (placed before, same answer) is not rewritten. The
     * properties are built for all projects at once by project_feature_json (inlined since migration V34), the function
     * project_feature_properties(id) also calls for rows not placed since their import (and any left NULL here).
     */
    private static void storeProjects(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("""
                    UPDATE project p SET precision = n.precision, geocoded_at = now(), geom = n.geom, properties = n.properties,
                      plan_areas = n.plan_areas
                    FROM (
                      SELECT g.project_id, g.precision, g.geom, coalesce(pa.ids, '{}') AS plan_areas,
                        project_feature_json(q, sd, g.precision, pl.county_codes, pl.county_names, pl.city_codes,
                                             pl.methods, pl.evidence, coalesce(pa.ids, '{}'), pa.names, %1$s) AS properties
                      FROM geocode_placed g
                      JOIN project q ON q.id = g.project_id
                      JOIN source_document sd ON sd.id = q.document_id
                      LEFT JOIN (
                        SELECT x.project_id,
                               array_agg(x.division_code ORDER BY x.ordinal) FILTER (WHERE d.level = 'county') AS county_codes,
                               array_agg(d.name ORDER BY x.ordinal) FILTER (WHERE d.level = 'county') AS county_names,
                               array(SELECT DISTINCT c FROM unnest(array_agg(CASE WHEN d.level = 'city' THEN d.code ELSE d.parent_code END)) c ORDER BY c) AS city_codes,
                               array(SELECT DISTINCT m FROM unnest(array_agg(x.method)) m ORDER BY m) AS methods,
                               json_agg(json_build_object('code', x.division_code, 'name', d.name, 'method', x.method,
                                        'precision', x.precision, 'evidence', x.evidence) ORDER BY x.ordinal) AS evidence
                        FROM geocode_wanted x JOIN division d ON d.code = x.division_code
                        GROUP BY x.project_id) pl ON pl.project_id = g.project_id
                      LEFT JOIN (
                        SELECT y.project_id, array_agg(y.area_id ORDER BY y.area_id) AS ids,
                               array_agg(a.name ORDER BY y.area_id) AS names
                        FROM geocode_area y JOIN plan_area a ON a.id = y.area_id
                        GROUP BY y.project_id) pa ON pa.project_id = g.project_id
                      LEFT JOIN %2$s lj ON lj.project_id = g.project_id) n
                    WHERE p.id = n.project_id
                      AND (p.geocoded_at IS NULL OR p.precision IS DISTINCT FROM n.precision
                           OR ST_AsEWKB(p.geom) IS DISTINCT FROM ST_AsEWKB(n.geom)
                           OR p.properties::text IS DISTINCT FROM n.properties::text)""".formatted(atlas.lines.ProjectLineSql.LINES_PROPERTY, atlas.lines.ProjectLineSql.WITH_LINES));
            st.executeUpdate("UPDATE project SET properties = project_feature_properties(id) WHERE properties IS NULL");
        }
    }

    static List<PlanAreaKeywords> planAreas(Connection c) throws SQLException {
        List<PlanAreaKeywords> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, members, keywords FROM plan_area ORDER BY id")) {
            while (rs.next()) {
                out.add(new PlanAreaKeywords(rs.getString(1), List.of((String[]) rs.getArray(2).getArray()),
                        List.of((String[]) rs.getArray(3).getArray())));
            }
        }
        return out;
    }

    private static Map<String, List<String>> manualPlacements(Connection c) throws SQLException {
        Map<String, List<String>> out = new HashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT project_key, county_codes FROM manual_placement")) {
            while (rs.next()) {
                out.put(rs.getString(1), List.of((String[]) rs.getArray(2).getArray()));
            }
        }
        return out;
    }

    /** The list (source document) of each project, in the projects' order (the same rows as {@link #projects}). */
    private static List<Long> listsOf(Connection c, List<ProjectFacts> projects, boolean all) throws SQLException {
        Map<Long, Long> documentOf = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT id, document_id FROM project" + (all ? "" : " WHERE geocoded_at IS NULL"))) {
            while (rs.next()) {
                documentOf.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return projects.stream().map(p -> documentOf.getOrDefault(p.id(), -p.id())).toList();
    }

    private static List<ProjectFacts> projects(Connection c, boolean all) throws SQLException {
        List<ProjectFacts> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT id, project_key, name, project_codes, coalesce(location_text, ''), responsible_units, concat_ws(' ', content, progress) FROM project"
                        + (all ? "" : " WHERE geocoded_at IS NULL") + " ORDER BY id")) {
            while (rs.next()) {
                out.add(new ProjectFacts(rs.getLong(1), rs.getString(2), rs.getString(3),
                        List.of((String[]) rs.getArray(4).getArray()), rs.getString(5),
                        List.of((String[]) rs.getArray(6).getArray()), rs.getString(7)));
            }
        }
        return out;
    }
}
