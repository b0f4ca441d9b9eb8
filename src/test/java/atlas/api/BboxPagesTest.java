package atlas.api;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import atlas.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bbox page (what the map asks for) finds its projects through a narrow copy of their locations
 * (migration V12). Whatever writes a project's geometry, the page is the one the project table
 * itself gives: the same features in the same order, the same count, at once.
 */
@ExtendWith(PostgisExtension.class)
class BboxPagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Around 杭州: many seed projects. */
    private static final double[] BOX = {119.9, 30.0, 120.5, 30.5};

    private static JsonNode page(TestServer server, double[] b, int limit, int offset) throws Exception {
        HttpResponse<String> r = server.get("/collections/projects/items?bbox=%s,%s,%s,%s&limit=%d&offset=%d"
                .formatted(b[0], b[1], b[2], b[3], limit, offset));
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("features").forEach(f -> out.add(f.path("id").asText()));
        return out;
    }

    /**
     * The project table's own answer: ids of the projects whose geometry meets the box, in id order;
     * projects, not the entries a later entry of the same project counts for (identity/).
     */
    private static List<String> expected(Connection c, double[] b) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT fid FROM project WHERE counted AND ST_Intersects(geom, ST_MakeEnvelope(%s, %s, %s, %s, 4326)) ORDER BY id"""
                .formatted(b[0], b[1], b[2], b[3]))) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static void assertPagesMatch(Database db, TestServer server, String when) throws Exception {
        List<String> want;
        try (Connection c = db.connection()) {
            want = expected(c, BOX);
        }
        JsonNode first = page(server, BOX, 20, 0);
        JsonNode second = page(server, BOX, 20, 20);
        assertEquals(want.size(), first.path("numberMatched").asInt(), when + ": numberMatched");
        List<String> got = new ArrayList<>(ids(first));
        got.addAll(ids(second));
        assertEquals(want.subList(0, Math.min(40, want.size())), got, when + ": the first two pages");
    }

    /** A box with a category and a minimum investment: the project table's answer, in id order. */
    private static List<String> expectedFiltered(Connection c, double[] b, String category, int min) throws Exception {
        List<String> out = new ArrayList<>();
        try (java.sql.PreparedStatement ps = c.prepareStatement("""
                SELECT fid FROM project WHERE ST_Intersects(geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))
                  AND category = ? AND total_investment >= ? ORDER BY id""")) {
            for (int i = 0; i < 4; i++) {
                ps.setDouble(i + 1, b[i]);
            }
            ps.setString(5, category);
            ps.setInt(6, min);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static JsonNode filteredPage(TestServer server, String category, int min) throws Exception {
        HttpResponse<String> r = server.get("/collections/projects/items?bbox=%s,%s,%s,%s&category=%s&min_investment=%d&limit=1000"
                .formatted(BOX[0], BOX[1], BOX[2], BOX[3], java.net.URLEncoder.encode(category, java.nio.charset.StandardCharsets.UTF_8), min));
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void aPageFilteredByCategoryAndInvestmentFollowsChangesOfEither(Database db, TestServer server) throws Exception {
        String category;
        String outsider;
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("""
                    SELECT category FROM project WHERE ST_Intersects(geom, ST_MakeEnvelope(119.9, 30.0, 120.5, 30.5, 4326))
                      AND category IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1""")) {
                assertTrue(rs.next());
                category = rs.getString(1);
            }
            // A project in the box that the filter leaves out (another category, or less invested).
            try (java.sql.PreparedStatement ps = c.prepareStatement("""
                    SELECT fid FROM project WHERE ST_Intersects(geom, ST_MakeEnvelope(119.9, 30.0, 120.5, 30.5, 4326))
                      AND (category IS DISTINCT FROM ? OR coalesce(total_investment, 0) < 10) ORDER BY id LIMIT 1""")) {
                ps.setString(1, category);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    outsider = rs.getString(1);
                }
            }
            JsonNode before = filteredPage(server, category, 10);
            assertEquals(expectedFiltered(c, BOX, category, 10), ids(before), "seed data");
            assertFalse(ids(before).contains(outsider));

            // Re-imported with this category and 50 亿元: it now matches.
            try (java.sql.PreparedStatement ps = c.prepareStatement("UPDATE project SET category = ?, total_investment = 50 WHERE fid = ?")) {
                ps.setString(1, category);
                ps.setString(2, outsider);
                assertEquals(1, ps.executeUpdate());
            }
            JsonNode joined = filteredPage(server, category, 10);
            assertTrue(ids(joined).contains(outsider), "a project whose category and investment now match is in the page");
            assertEquals(expectedFiltered(c, BOX, category, 10), ids(joined), "after the change of category");
            assertEquals(ids(before).size() + 1, joined.path("numberMatched").asInt());

            // Its investment cut to 1 亿元: it leaves the page again.
            st.executeUpdate("UPDATE project SET total_investment = 1 WHERE fid = '" + outsider + "'");
            JsonNode left = filteredPage(server, category, 10);
            assertFalse(ids(left).contains(outsider), "below the minimum investment");
            assertEquals(expectedFiltered(c, BOX, category, 10), ids(left), "after the change of investment");
        }
    }

    @Test
    void aBboxPageIsTheProjectTablesAnswerAfterEveryKindOfWrite(Database db, TestServer server) throws Exception {
        assertPagesMatch(db, server, "seed data");
        String moved;
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            // A project far away (丽水) moved into the box, as a manual placement or a re-geocode would.
            try (ResultSet rs = st.executeQuery("""
                    SELECT fid FROM project WHERE geom IS NOT NULL AND ST_Y(ST_Centroid(geom)) < 28.5 ORDER BY id LIMIT 1""")) {
                assertTrue(rs.next());
                moved = rs.getString(1);
            }
            st.executeUpdate("UPDATE project SET geom = ST_SetSRID(ST_MakePoint(120.2, 30.25), 4326) WHERE fid = '" + moved + "'");
        }
        assertPagesMatch(db, server, "after a move into the box");
        assertTrue(page(server, BOX, 1000, 0).toString().contains(moved), "the moved project is in the box");

        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            // Re-placed on a line that passes by the box's corner: its bounds overlap the box, the line
            // does not (x + y = 151.1 > 151.0 at the corner). A point needs no exact test, a line does.
            st.executeUpdate("UPDATE project SET geom = ST_GeomFromText('LINESTRING(120.45 30.65, 120.65 30.45)', 4326)"
                    + " WHERE fid = '" + moved + "'");
        }
        assertFalse(page(server, BOX, 1000, 0).toString().contains(moved), "a line that misses the box is not in it");
        assertPagesMatch(db, server, "after it became a line beside the box");
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE project SET geom = ST_SetSRID(ST_MakePoint(120.2, 30.25), 4326) WHERE fid = '" + moved + "'");
        }
        assertTrue(page(server, BOX, 1000, 0).toString().contains(moved), "a point again, in the box");

        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            // Unplaced (geometry gone), then deleted: it leaves the box.
            st.executeUpdate("UPDATE project SET geom = NULL WHERE fid = '" + moved + "'");
        }
        assertFalse(page(server, BOX, 1000, 0).toString().contains(moved), "an unplaced project is in no box");
        assertPagesMatch(db, server, "after unplacing it");

        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            // A bulk load straight into the table (as bench/ does with COPY), placed in the box.
            st.executeUpdate("""
                    INSERT INTO project (project_key, document_id, list_title, table_title, seq, name, raw, content_hash, precision, geom)
                    SELECT 'bbox-test-' || i, (SELECT min(id) FROM source_document), '测试', '测试', i::text, '测试项目' || i, '{}'::jsonb, 'x', 'county',
                           ST_SetSRID(ST_MakePoint(120.0 + i / 100.0, 30.1), 4326)
                    FROM generate_series(1, 30) i""");
            st.executeUpdate("DELETE FROM project WHERE fid = (SELECT min(fid) FROM project WHERE ST_Intersects(geom, "
                    + "ST_MakeEnvelope(119.9, 30.0, 120.5, 30.5, 4326)) AND project_key NOT LIKE 'bbox-test-%')");
        }
        assertPagesMatch(db, server, "after a bulk insert and a delete");
    }

    /**
     * A bbox page takes the features it has served before from memory (ids and count from the
     * database): byte for byte the page built whole by the database (Cache-Control: no-cache), and
     * never an older feature after a write.
     */
    @Test
    void aPageFromKeptFeaturesIsThePageTheDatabaseBuildsAndFollowsWrites(Database db, TestServer server) throws Exception {
        String path = "/collections/projects/items?bbox=%s,%s,%s,%s&limit=50&offset=5".formatted(BOX[0], BOX[1], BOX[2], BOX[3]);
        JsonNode built = JSON.readTree(server.get(path, "Cache-Control", "no-cache").body());
        JsonNode first = JSON.readTree(server.get(path).body());
        JsonNode kept = JSON.readTree(server.get(path).body());
        assertEquals(50, built.path("numberReturned").asInt(), "enough seed projects in the box");
        for (JsonNode p : List.of(first, kept)) {
            assertEquals(built.path("features"), p.path("features"));
            assertEquals(built.path("numberMatched"), p.path("numberMatched"));
            assertEquals(built.path("numberReturned"), p.path("numberReturned"));
        }
        String fid = built.path("features").get(0).path("id").asText();
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            // Renamed, its stored properties dropped (as an import does): served from the function.
            assertEquals(1, st.executeUpdate("UPDATE project SET name = '改名后的项目', properties = NULL WHERE fid = '" + fid + "'"));
        }
        JsonNode renamed = JSON.readTree(server.get(path).body());
        assertEquals("改名后的项目", renamed.path("features").get(0).path("properties").path("name").asText(), "the new name at once");
        assertEquals(JSON.readTree(server.get(path, "Cache-Control", "no-cache").body()).path("features"), renamed.path("features"));
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            assertEquals(1, st.executeUpdate("DELETE FROM project WHERE fid = '" + fid + "'"));
        }
        JsonNode deleted = JSON.readTree(server.get(path).body());
        assertFalse(ids(deleted).contains(fid), "a deleted project leaves the page");
        assertEquals(built.path("numberMatched").asInt() - 1, deleted.path("numberMatched").asInt());
    }

    /**
     * Boxes of every size over the province, projects and entries, first and later pages: the page
     * answered from the locations held in memory is the page the database builds, feature for feature.
     */
    @Test
    void pagesFromLocationsInMemoryAreTheDatabasesPages(TestServer server) throws Exception {
        java.util.Random random = new java.util.Random(26);
        int compared = 0;
        for (int i = 0; i < 120; i++) {
            double side = 0.02 + random.nextDouble() * (i % 3 == 0 ? 2.0 : 0.4);
            double x = 118.2 + random.nextDouble() * 4.5;
            double y = 27.2 + random.nextDouble() * 3.5;
            String path = "/collections/projects/items?bbox=%.5f,%.5f,%.5f,%.5f&limit=%d&offset=%d%s".formatted(
                    x, y, x + side, y + side, 1 + random.nextInt(60), random.nextInt(3) * 7, i % 4 == 0 ? "&count=entries" : "");
            HttpResponse<String> built = server.get(path, "Cache-Control", "no-cache");
            HttpResponse<String> served = server.get(path);
            assertEquals(200, served.statusCode(), served.body());
            JsonNode a = JSON.readTree(built.body());
            JsonNode b = JSON.readTree(served.body());
            assertEquals(a.path("numberMatched"), b.path("numberMatched"), path);
            assertEquals(a.path("features"), b.path("features"), path);
            compared += a.path("numberReturned").asInt();
        }
        assertTrue(compared > 500, "the boxes held projects: " + compared);
    }
}
