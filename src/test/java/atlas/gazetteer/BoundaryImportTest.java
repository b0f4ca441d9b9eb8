package atlas.gazetteer;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(PostgisExtension.class)
class BoundaryImportTest {
    private static final String SQUARE = "{\"type\":\"Polygon\",\"coordinates\":[[[120.0,30.0],[120.1,30.0],[120.1,30.1],[120.0,30.1],[120.0,30.0]]]}";
    // A bow-tie: self-intersecting, invalid but repairable.
    private static final String BOWTIE = "{\"type\":\"Polygon\",\"coordinates\":[[[120.0,30.0],[120.1,30.1],[120.1,30.0],[120.0,30.1],[120.0,30.0]]]}";

    private static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    private static String feature(String code, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\"},\"geometry\":" + geometry + "}";
    }

    private static String fingerprint(Connection c) throws Exception {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT md5(string_agg(code || ST_AsText(geom), ',' ORDER BY code)) FROM division WHERE geom IS NOT NULL")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void unknownCodeOrBrokenGeometryRejectsTheWholeFileAndKeepsThePreviousBoundaries(Database db) throws Exception {
        try (Connection c = db.connection()) {
            String before = fingerprint(c);
            c.setAutoCommit(false);
            BoundaryImportException e = assertThrows(BoundaryImportException.class, () -> new BoundaryStore(c).replaceCounties(
                    collection(feature("330110", SQUARE), feature("999999", SQUARE),
                            feature("330109", "{\"type\":\"Polygon\",\"coordinates\":[[[120.0,30.0],[120.1]]]}")),
                    "test", "2025", false));
            c.rollback();
            c.setAutoCommit(true);
            assertEquals(2, e.rejections().size(), e.rejections().toString());
            assertTrue(e.rejections().get(0).reason().contains("999999"));
            assertTrue(e.rejections().get(1).reason().contains("330109"));
            assertEquals(before, fingerprint(c));
        }
    }

    @Test
    void partialImportLoadsTheGoodFeaturesRepairsBowTiesAndRebuildsTheCity(Database db) throws Exception {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            BoundaryReport report = new BoundaryStore(c).replaceCounties(
                    collection(feature("330110", BOWTIE), feature("999999", SQUARE)), "official", "2025", true);
            c.commit();
            c.setAutoCommit(true);
            assertEquals(1, report.replaced());
            assertEquals(1, report.repaired().size());
            assertEquals(1, report.rejected().size());
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT ST_IsValid(geom), boundary_vintage, (SELECT ST_Contains(p.geom, d.rep_point) FROM division p WHERE p.code='330100') FROM division d WHERE code='330110'")) {
                rs.next();
                assertTrue(rs.getBoolean(1));
                assertEquals("2025", rs.getString(2));
                assertTrue(rs.getBoolean(3), "the city shape was rebuilt from the new county shape");
            }
        }
    }
}
