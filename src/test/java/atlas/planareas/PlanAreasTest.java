package atlas.planareas;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(PostgisExtension.class)
class PlanAreasTest {

    private static double scalar(Database db, String sql) throws Exception {
        try (Connection c = db.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    @Test
    void theDemoLoadsEveryKindOfAreaEachWithItsSourceOrAssumption(Database db) throws Exception {
        Map<String, Integer> byKind = new HashMap<>();
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT kind, count(*) FROM plan_area GROUP BY kind")) {
            while (rs.next()) {
                byKind.put(rs.getString(1), rs.getInt(2));
            }
        }
        assertEquals(4, byKind.get("metro"));
        assertEquals(7, byKind.get("new-district"));
        assertTrue(byKind.get("science-corridor") >= 7, byKind.toString());
        assertTrue(byKind.get("corridor") + byKind.get("urban-belt") >= 5, byKind.toString());
        assertEquals(6, byKind.get("coop-zone"));
        assertTrue(byKind.get("construction") >= 4, byKind.toString());
        assertEquals(0, scalar(db, "SELECT count(*) FROM plan_area WHERE source IS NULL AND assumption IS NULL"));
        assertEquals(0, scalar(db, "SELECT count(*) FROM plan_area WHERE geom IS NULL OR NOT ST_IsValid(geom)"));
        assertEquals(0, scalar(db, "SELECT count(*) FROM plan_area WHERE kind = 'new-district' AND NOT approximate"));
    }

    @Test
    void corridorsAreLinesThroughTheirAnchorsBufferedInsideTheProvince(Database db) throws Exception {
        assertEquals(0, scalar(db, """
                SELECT count(*) FROM plan_area WHERE kind IN ('science-corridor','corridor','urban-belt')
                  AND jsonb_array_length(anchors) >= 2 AND (line IS NULL OR ST_NPoints(line) < 2)"""));
        // Clipped to the province: no corridor shape reaches more than 100 m outside it.
        assertEquals(0, scalar(db, """
                SELECT count(*) FROM plan_area a, division p WHERE p.level = 'province' AND a.line IS NOT NULL
                  AND NOT ST_Within(a.geom, ST_Buffer(p.geom::geography, 100)::geometry)"""));
        assertTrue(scalar(db, "SELECT count(*) FROM plan_area WHERE clipped") >= 1, "the corridors to 上海/福建/江西 are clipped");
    }

    @Test
    void metrosShareOfTheProvinceIsReportedAgainstTheSeeds79Percent(Database db) throws Exception {
        double share = scalar(db, """
                SELECT ST_Area(a.geom::geography) / ST_Area(p.geom::geography) * 100
                FROM plan_area a, division p WHERE a.id = 'construction-metro' AND p.level = 'province'""");
        System.out.printf("metros cover %.1f%% of Zhejiang's land (seed 000 says 79%%)%n", share);
        // Our metros are the 9 cities without 衢州 and 丽水 (see geodata/plan-areas.md): about 75%.
        assertEquals(75.0, share, 2.0);
    }

    @Test
    void areaFiguresComeFromThePlacements(Database db) throws Exception {
        assertTrue(scalar(db, "SELECT count(*) FROM project WHERE plan_areas @> '{metro-hangzhou}'") > 10, "杭州都市区 holds projects");
        assertTrue(scalar(db, "SELECT count(*) FROM project_plan_area WHERE method = 'mention'") > 0,
                "some rows name their plan area explicitly (钱塘新区, 前湾, G60 …)");
        // A project placed (not as a route or a city programme) in a member county is in the area …
        assertEquals(0, scalar(db, """
                SELECT count(*) FROM project p JOIN placement pl ON pl.project_id = p.id
                JOIN plan_area a ON pl.division_code = ANY (a.members)
                WHERE p.precision NOT IN ('route', 'city') AND NOT p.plan_areas @> ARRAY[a.id]"""));
        // … and every area a project carries is explained: a member county, or a stored mention or shape.
        assertEquals(0, scalar(db, """
                SELECT count(*) FROM project p CROSS JOIN LATERAL unnest(p.plan_areas) x(area_id)
                JOIN plan_area a ON a.id = x.area_id
                WHERE NOT EXISTS (SELECT 1 FROM project_plan_area y WHERE y.project_id = p.id AND y.area_id = a.id)
                  AND NOT (p.precision NOT IN ('route', 'city')
                           AND EXISTS (SELECT 1 FROM placement pl WHERE pl.project_id = p.id AND pl.division_code = ANY (a.members)))"""));
        assertTrue(scalar(db, """
                SELECT count(*) FROM project p CROSS JOIN LATERAL unnest(p.plan_areas) x(area_id)
                WHERE NOT EXISTS (SELECT 1 FROM project_plan_area y WHERE y.project_id = p.id AND y.area_id = x.area_id)""") > 100,
                "most memberships come from member counties and are not stored as rows");
    }
}
