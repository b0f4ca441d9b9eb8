package atlas.api;

import atlas.db.Database;
import atlas.layers.Collection;
import atlas.layers.ItemsQuery;
import atlas.layers.Layers;
import atlas.layers.Precomputed;
import atlas.layers.ProjectFilter;
import atlas.layers.ProjectStats;
import atlas.layers.ProjectTiles;
import atlas.layers.TileSql;
import atlas.testing.PostgisExtension;
import atlas.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unfiltered project tiles up to z10 and /api/stats are built ahead of the requests: a planner sees
 * exactly what the live queries give, and an import or a manual placement shows at once, before and
 * after the precomputed answers catch up.
 */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrecomputedAnswersTest {
    private static final String TOKEN = "precomputed-test-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Collection PROJECTS = Collection.byId("projects").orElseThrow();
    private final Layers layers = new Layers();
    private final Precomputed precomputed = new Precomputed();
    private final ProjectTiles tiles = new ProjectTiles(layers, precomputed);
    private TestServer server;

    @BeforeAll
    void start(Database db) {
        server = new TestServer(db, TOKEN);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** Waits (bounded) until the server's background refresh has built the current answers. */
    private void awaitPrecomputed(Database db) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        try (Connection c = db.connection()) {
            while (!precomputed.current(c)) {
                assertTrue(System.currentTimeMillis() < deadline, "precomputed answers never caught up");
                Thread.sleep(100);
            }
        }
    }

    private byte[] tileOverHttp(int z, int x, int y) {
        try {
            HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(
                    server.request("/tiles/projects/" + z + "/" + x + "/" + y + ".mvt").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            return r.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int[] tileOf(double lon, double lat, int z) {
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double r = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
        return new int[]{x, y};
    }

    private static double[] repPoint(Connection c, String county) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT ST_X(rep_point), ST_Y(rep_point) FROM division WHERE code = '" + county + "'")) {
            rs.next();
            return new double[]{rs.getDouble(1), rs.getDouble(2)};
        }
    }

    /** Every tile z0-z10 over the projects (and a tile around them) and every grouping: precomputed = live. */
    private int assertPrecomputedEqualsLive(Database db) throws Exception {
        int nonEmpty = 0;
        try (Connection c = db.connection()) {
            // Read both in one snapshot, so a refresh in between cannot make them differ.
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                double[] e;
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT ST_XMin(x), ST_YMin(x), ST_XMax(x), ST_YMax(x) FROM (SELECT ST_Extent(geom) x FROM project) p")) {
                    rs.next();
                    e = new double[]{rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
                }
                for (int z = 0; z <= TileSql.CLUSTER_MAX_ZOOM; z++) {
                    int[] a = tileOf(e[0], e[3], z);
                    int[] b = tileOf(e[2], e[1], z);
                    int max = (1 << z) - 1;
                    for (int x = Math.max(0, a[0] - 1); x <= Math.min(max, b[0] + 1); x++) {
                        for (int y = Math.max(0, a[1] - 1); y <= Math.min(max, b[1] + 1); y++) {
                            byte[] ready = precomputed.tile(c, z, x, y).orElseThrow(() -> new AssertionError("not current"));
                            byte[] live = tiles.live(c, PROJECTS, z, x, y, ProjectFilter.none());
                            assertArrayEquals(live, ready, "tile " + z + "/" + x + "/" + y);
                            if (live.length > 0) {
                                nonEmpty++;
                            }
                        }
                    }
                }
                // The tiles of each category: those a category filter gets.
                List<String> categories = new ArrayList<>();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT DISTINCT category FROM project WHERE category IS NOT NULL AND geom IS NOT NULL ORDER BY 1")) {
                    while (rs.next()) {
                        categories.add(rs.getString(1));
                    }
                }
                assertTrue(categories.size() >= 4, "projects of several categories: " + categories);
                int categoryNonEmpty = 0;
                for (String category : categories) {
                    ProjectFilter filter = ProjectFilter.parse(java.util.Map.of("category", List.of(category)));
                    for (int z = 0; z <= TileSql.CLUSTER_MAX_ZOOM; z++) {
                        int[] a = tileOf(e[0], e[3], z);
                        int[] b = tileOf(e[2], e[1], z);
                        int max = (1 << z) - 1;
                        for (int x = Math.max(0, a[0] - 1); x <= Math.min(max, b[0] + 1); x++) {
                            for (int y = Math.max(0, a[1] - 1); y <= Math.min(max, b[1] + 1); y++) {
                                byte[] ready = precomputed.categoryTile(c, category, z, x, y).orElseThrow(() -> new AssertionError("not current"));
                                byte[] live = tiles.live(c, PROJECTS, z, x, y, filter);
                                assertArrayEquals(live, ready, category + " tile " + z + "/" + x + "/" + y);
                                categoryNonEmpty += live.length > 0 ? 1 : 0;
                            }
                        }
                    }
                }
                assertTrue(categoryNonEmpty > nonEmpty, "each category has tiles of its own: " + categoryNonEmpty);
                for (String groupby : ProjectStats.GROUPINGS) {
                    ProjectStats.Stats live = ProjectStats.live(c, groupby, ProjectFilter.none());
                    assertEquals(live, precomputed.stats(c, groupby).orElseThrow(), "stats by " + groupby);
                    assertFalse(live.groups().isEmpty(), groupby);
                }
                // The plan-area layers as served from the statistics set, then live: the set made stale
                // in this transaction only (rolled back below).
                List<String> ready = areaFeatures(c);
                try (Statement st = c.createStatement()) {
                    assertEquals(1, st.executeUpdate("UPDATE serving_state SET version = 'stale' WHERE name = 'stats'"));
                }
                List<String> live = areaFeatures(c);
                assertEquals(live, ready, "plan-area layers: precomputed figures = live ones");
                assertTrue(live.stream().filter(f -> !f.contains("\"project_count\" : 0,")).count() > 20,
                        "most plan areas hold projects");
            } finally {
                c.rollback();
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setAutoCommit(true);
            }
        }
        return nonEmpty;
    }

    /** Every feature of the plan-area collections, as the API serves them. */
    private List<String> areaFeatures(Connection c) throws Exception {
        List<String> out = new ArrayList<>();
        for (Collection col : Collection.ALL) {
            if (col.kind() == Collection.Kind.PLAN_AREA) {
                layers.streamItems(c, col, new ItemsQuery(10000, 0, Optional.empty(), Optional.empty(),
                        ProjectFilter.none(), List.of()), out::add);
            }
        }
        return out;
    }

    private long countyCount(String county) throws Exception {
        JsonNode stats = JSON.readTree(server.get("/api/stats?groupby=county").body());
        for (JsonNode g : stats.path("groups")) {
            if (g.path("key").asText().equals(county)) {
                return g.path("count").asLong();
            }
        }
        return 0;
    }

    @Test
    @Order(1)
    void precomputedTilesAndStatsAreTheLiveOnes(Database db) throws Exception {
        awaitPrecomputed(db);
        int nonEmpty = assertPrecomputedEqualsLive(db);
        assertTrue(nonEmpty >= 11 + 10, "a tile with projects at every zoom, several at the larger ones: " + nonEmpty);
        // and over HTTP: the Hangzhou tile at z8 is the live one
        try (Connection c = db.connection()) {
            byte[] live = tiles.live(c, PROJECTS, 8, 213, 107, ProjectFilter.none());
            assertTrue(live.length > 0);
            assertArrayEquals(live, tileOverHttp(8, 213, 107));
        }
    }

    @Test
    @Order(2)
    void aManualPlacementShowsOnTheMapAtOnceAndInThePrecomputedTiles(Database db) throws Exception {
        awaitPrecomputed(db);
        String fid;
        int[] t;
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT p.fid FROM project p JOIN placement pl ON pl.project_id = p.id
                     WHERE pl.division_code = '330602' AND p.precision = 'county' ORDER BY p.id LIMIT 1""")) {
            assertTrue(rs.next(), "a project placed in 越城区");
            fid = rs.getString(1);
            double[] p = repPoint(c, "331126");  // 庆元县, far from 绍兴
            t = tileOf(p[0], p[1], 10);
        }
        byte[] before = tileOverHttp(10, t[0], t[1]);
        long inQingyuan = countyCount("331126");
        HttpResponse<String> r = server.send("PUT", "/api/projects/" + fid + "/placement", "application/json",
                "{\"county_codes\":[\"331126\"],\"comment\":\"moved\"}".getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + TOKEN);
        assertEquals(200, r.statusCode(), r.body());
        // At once, whether or not the precomputed answers have caught up yet:
        byte[] after = tileOverHttp(10, t[0], t[1]);
        try (Connection c = db.connection()) {
            assertArrayEquals(tiles.live(c, PROJECTS, 10, t[0], t[1], ProjectFilter.none()), after);
        }
        assertFalse(Arrays.equals(before, after), "the 庆元县 tile shows the moved project");
        assertEquals(inQingyuan + 1, countyCount("331126"));
        awaitPrecomputed(db);
        assertPrecomputedEqualsLive(db);
        assertArrayEquals(after, tileOverHttp(10, t[0], t[1]));
    }

    @Test
    @Order(3)
    void anImportShowsOnTheMapAtOnceAndInThePrecomputedTiles(Database db) throws Exception {
        awaitPrecomputed(db);
        int[] t;
        try (Connection c = db.connection()) {
            double[] p = repPoint(c, "330481");  // 海宁市
            t = tileOf(p[0], p[1], 9);
        }
        byte[] before = tileOverHttp(9, t[0], t[1]);
        long inHaining = countyCount("330481");
        byte[] list = ("浙江省预计算测试清单\n序号,项目名称,建设地点,总投资（亿元）\n"
                + "1,预计算测试项目甲,嘉兴市海宁市,3.5\n2,预计算测试项目乙,嘉兴市海宁市,7\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = server.upload("/api/imports", Map.of("precomputed-list.csv", list), "Authorization", "Bearer " + TOKEN);
        assertEquals(200, r.statusCode(), r.body());
        byte[] after = tileOverHttp(9, t[0], t[1]);
        try (Connection c = db.connection()) {
            assertArrayEquals(tiles.live(c, PROJECTS, 9, t[0], t[1], ProjectFilter.none()), after);
        }
        assertFalse(Arrays.equals(before, after), "the 海宁 tile shows the imported projects");
        assertEquals(inHaining + 2, countyCount("330481"));
        awaitPrecomputed(db);
        assertPrecomputedEqualsLive(db);
        assertArrayEquals(after, tileOverHttp(9, t[0], t[1]));
    }

    @Test
    @Order(4)
    void aPublicReportKeepsThePrecomputedAnswers(Database db) throws Exception {
        awaitPrecomputed(db);
        String fid;
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT fid FROM project ORDER BY id LIMIT 1")) {
            rs.next();
            fid = rs.getString(1);
        }
        HttpResponse<String> r = server.send("POST", "/api/review", "application/json",
                ("{\"project_id\":\"" + fid + "\",\"comment\":\"位置有误\"}").getBytes(StandardCharsets.UTF_8));
        assertTrue(r.statusCode() < 300, r.statusCode() + " " + r.body());
        try (Connection c = db.connection()) {
            assertTrue(precomputed.current(c), "a '位置有误' report changes no tile and no statistic");
        }
    }

    @Test
    @Order(5)
    void aTileAskedForWhileAChangeIsUncommittedIsNotKeptAfterTheCommit(Database db) throws Exception {
        awaitPrecomputed(db);
        int[] t;
        double[] p;
        try (Connection c = db.connection()) {
            p = repPoint(c, "330681");  // 诸暨市
            t = tileOf(p[0], p[1], 10);
        }
        byte[] before = tileOverHttp(10, t[0], t[1]);
        try (Connection w = db.connection()) {
            w.setAutoCommit(false);
            try (Statement st = w.createStatement()) {
                // A project of another county moved next to 诸暨's point, not yet committed.
                assertEquals(1, st.executeUpdate(String.format(java.util.Locale.ROOT, """
                        UPDATE project SET geom = ST_SetSRID(ST_MakePoint(%f + 0.01, %f + 0.01), 4326)
                        WHERE id = (SELECT p.id FROM project p WHERE GeometryType(p.geom) = 'POINT'
                                      AND NOT EXISTS (SELECT 1 FROM placement pl WHERE pl.project_id = p.id AND pl.division_code = '330681')
                                    ORDER BY p.id LIMIT 1)""", p[0], p[1])));
            }
            assertArrayEquals(before, tileOverHttp(10, t[0], t[1]), "an uncommitted change is not shown");
            w.commit();
        }
        byte[] after = tileOverHttp(10, t[0], t[1]);
        assertFalse(Arrays.equals(before, after), "after the commit the tile shows the moved project");
        try (Connection c = db.connection()) {
            assertArrayEquals(tiles.live(c, PROJECTS, 10, t[0], t[1], ProjectFilter.none()), after);
        }
    }
}
