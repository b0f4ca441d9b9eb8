package atlas.geocode;

import atlas.gazetteer.Gazetteer;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
            Geocoder geocoder = new Geocoder(Gazetteer.load(c), planAreas(c));
            Map<String, List<String>> manual = manualPlacements(c);
            List<ProjectFacts> projects = projects(c, all);
            Map<String, Integer> byPrecision = new HashMap<>();
            int reviews = 0;
            long[] ids = projects.stream().mapToLong(ProjectFacts::id).toArray();
            clear(c, ids, projects.stream().map(ProjectFacts::key).toList());
            try (PreparedStatement place = c.prepareStatement(
                    "INSERT INTO placement (project_id, division_code, method, precision, evidence, ordinal) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
                 PreparedStatement area = c.prepareStatement(
                         "INSERT INTO project_plan_area (project_id, area_id, method, evidence) VALUES (?, ?, 'mention', ?) ON CONFLICT DO NOTHING");
                 PreparedStatement review = c.prepareStatement(
                         "INSERT INTO review_item (project_key, kind, reason) VALUES (?, ?, ?)");
                 PreparedStatement precision = c.prepareStatement(
                         "UPDATE project SET precision = ?, geocoded_at = now() WHERE id = ?")) {
                for (ProjectFacts p : projects) {
                    Placement placement = manual.containsKey(p.key())
                            ? manualPlacement(manual.get(p.key()), geocoder.place(p))
                            : geocoder.place(p);
                    int ordinal = 0;
                    if (placement.precision().equals("city")) {
                        // City-level programmes are kept on their city, so a city filter finds them.
                        for (String city : placement.cityCodes()) {
                            place.setLong(1, p.id());
                            place.setString(2, city);
                            place.setString(3, "city");
                            place.setString(4, "city");
                            place.setString(5, placement.review().map(Placement.Review::reason).orElse("地级市层面"));
                            place.setInt(6, ordinal++);
                            place.addBatch();
                        }
                    }
                    for (Placement.PlacedCounty county : placement.counties()) {
                        place.setLong(1, p.id());
                        place.setString(2, county.code());
                        place.setString(3, county.method());
                        place.setString(4, placement.precision());
                        place.setString(5, county.evidence());
                        place.setInt(6, ordinal++);
                        place.addBatch();
                    }
                    for (Placement.AreaMention m : placement.areas()) {
                        area.setLong(1, p.id());
                        area.setString(2, m.areaId());
                        area.setString(3, m.evidence());
                        area.addBatch();
                    }
                    if (placement.review().isPresent()) {
                        review.setString(1, p.key());
                        review.setString(2, placement.review().get().kind());
                        review.setString(3, placement.review().get().reason());
                        review.addBatch();
                        reviews++;
                    }
                    precision.setString(1, placement.precision());
                    precision.setLong(2, p.id());
                    precision.addBatch();
                    byPrecision.merge(placement.precision(), 1, Integer::sum);
                }
                place.executeBatch();
                area.executeBatch();
                review.executeBatch();
                precision.executeBatch();
            }
            buildGeometry(c, ids);
            spatialMembership(c, ids);
            storeFeatureProperties(c, ids);
            return new Summary(projects.size(), byPrecision, reviews, (System.nanoTime() - started) / 1_000_000);
        });
    }

    private static Placement manualPlacement(List<String> counties, Placement automatic) {
        List<Placement.PlacedCounty> placed = counties.stream()
                .map(code -> new Placement.PlacedCounty(code, "manual", "管理员人工定位")).toList();
        return new Placement(placed, counties.size() == 1 ? "county" : "counties", automatic.cityCodes(),
                List.of(), java.util.Optional.empty(), automatic.areas());
    }

    private static void clear(Connection c, long[] ids, List<String> keys) throws SQLException {
        Long[] boxed = java.util.Arrays.stream(ids).boxed().toArray(Long[]::new);
        try (PreparedStatement a = c.prepareStatement("DELETE FROM placement WHERE project_id = ANY (?)");
             PreparedStatement b = c.prepareStatement("DELETE FROM project_plan_area WHERE project_id = ANY (?)");
             PreparedStatement r = c.prepareStatement(
                     "DELETE FROM review_item WHERE project_key = ANY (?) AND kind <> 'user-report' AND status = 'open'")) {
            Array idArray = c.createArrayOf("bigint", boxed);
            a.setArray(1, idArray);
            a.executeUpdate();
            b.setArray(1, idArray);
            b.executeUpdate();
            r.setArray(1, c.createArrayOf("text", keys.toArray()));
            r.executeUpdate();
        }
    }

    /** Routes are lines through their counties in order; other placements are (multi)points; city/province: none. */
    private static void buildGeometry(Connection c, long[] ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE project p SET geom = g.geom FROM (
                  SELECT pr.id,
                         CASE WHEN pr.precision IN ('city', 'province', 'unknown') THEN NULL
                              WHEN pr.precision = 'route' THEN ST_MakeLine(d.rep_point ORDER BY pl.ordinal)
                              WHEN count(pl.division_code) = 1 THEN (array_agg(d.rep_point))[1]
                              WHEN count(pl.division_code) > 1 THEN ST_Collect(d.rep_point ORDER BY pl.ordinal)
                         END AS geom
                  FROM project pr
                  LEFT JOIN placement pl ON pl.project_id = pr.id
                  LEFT JOIN division d ON d.code = pl.division_code
                  WHERE pr.id = ANY (?)
                  GROUP BY pr.id, pr.precision) g
                WHERE p.id = g.id""")) {
            ps.setArray(1, c.createArrayOf("bigint", java.util.Arrays.stream(ids).boxed().toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * After explicit mentions: areas with member counties take projects placed in a member county;
     * corridors and member-less areas take projects whose geometry crosses their shape.
     */
    private static void spatialMembership(Connection c, long[] ids) throws SQLException {
        Object[] boxed = java.util.Arrays.stream(ids).boxed().toArray();
        try (PreparedStatement byCounty = c.prepareStatement("""
                INSERT INTO project_plan_area (project_id, area_id, method, evidence)
                SELECT DISTINCT ON (pl.project_id, a.id) pl.project_id, a.id, 'county',
                       '落在成员区县' || d.name
                FROM placement pl JOIN plan_area a ON pl.division_code = ANY (a.members)
                JOIN division d ON d.code = pl.division_code
                JOIN project p ON p.id = pl.project_id
                WHERE pl.project_id = ANY (?) AND p.precision NOT IN ('route', 'city')
                ORDER BY pl.project_id, a.id, pl.ordinal
                ON CONFLICT DO NOTHING""");
             PreparedStatement bySpace = c.prepareStatement("""
                INSERT INTO project_plan_area (project_id, area_id, method, evidence)
                SELECT p.id, a.id, 'space',
                       CASE WHEN p.precision = 'route' THEN '线路穿过该区域'
                            ELSE '定位点位于该区域内' END
                FROM project p JOIN plan_area a ON ST_Intersects(p.geom, a.geom)
                WHERE p.id = ANY (?) AND (p.precision = 'route' OR cardinality(a.members) = 0)
                ON CONFLICT DO NOTHING""")) {
            byCounty.setArray(1, c.createArrayOf("bigint", boxed));
            byCounty.executeUpdate();
            bySpace.setArray(1, c.createArrayOf("bigint", boxed));
            bySpace.executeUpdate();
        }
    }

    /** The served feature properties of the placed projects, and of any row left without them. */
    private static void storeFeatureProperties(Connection c, long[] ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE project SET properties = project_feature_properties(id) WHERE id = ANY (?) OR properties IS NULL")) {
            ps.setArray(1, c.createArrayOf("bigint", java.util.Arrays.stream(ids).boxed().toArray()));
            ps.executeUpdate();
        }
    }

    private static List<PlanAreaKeywords> planAreas(Connection c) throws SQLException {
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
