package atlas.lines;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import atlas.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import static atlas.ingest.ImportStoreTest.count;
import static atlas.ingest.ImportStoreTest.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 金甬铁路 of the bundled list as an official of 嵊州, 新昌 or 东阳 sees it: found by the county filter,
 * counted in that county's statistics, drawn through the county on its course, and counted in the plan
 * areas its course crosses only.
 */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LineProjectsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 001 附4 序号 7 金甬铁路（金华至宁波铁路）: stations in 义乌, 东阳, 嵊州, 新昌, 奉化 and 鄞州. */
    private static final List<String> JINYONG_COUNTIES = List.of("330782", "330783", "330683", "330624", "330213", "330212");
    private Database db;
    private TestServer server;
    private String fid;

    @BeforeAll
    void start(Database db) throws Exception {
        this.db = db;
        server = new TestServer(db);
        try (Connection c = db.connection()) {
            fid = scalar(c, """
                    SELECT p.fid FROM project p JOIN source_document d ON d.id = p.document_id
                    WHERE d.file_name LIKE '001_%' AND p.table_title = '附4' AND p.seq = '7'""");
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = server.get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void everyCountyWithAStationFindsTheLineAndCountsIt() throws Exception {
        JsonNode f = get("/collections/projects/items/" + fid);
        List<String> counties = new ArrayList<>();
        f.path("properties").path("county_codes").forEach(n -> counties.add(n.asText()));
        assertEquals(JINYONG_COUNTIES, counties);
        for (String county : JINYONG_COUNTIES) {
            List<String> ids = new ArrayList<>();
            get("/collections/projects/items?limit=1000&county=" + county).path("features").forEach(x -> ids.add(x.path("id").asText()));
            assertTrue(ids.contains(fid), "金甬铁路 not found under " + county);
            JsonNode stats = get("/api/stats?groupby=county&county=" + county);
            try (Connection c = db.connection()) {
                long placed = count(c, "SELECT count(DISTINCT project_id) FROM placement WHERE division_code = ?", county);
                assertEquals(placed, stats.path("total").path("count").asLong(), county + ": " + stats);
            }
        }
    }

    @Test
    void theLineIsDrawnOnItsCourseThroughEachCounty() throws Exception {
        try (Connection c = db.connection()) {
            assertEquals("ST_LineString", scalar(c, "SELECT ST_GeometryType(geom) FROM project WHERE fid = ?", fid));
            for (String county : JINYONG_COUNTIES) {
                assertEquals(1, count(c, """
                        SELECT count(*) FROM project p, division d
                        WHERE p.fid = ? AND d.code = ? AND ST_Intersects(p.geom, ST_Buffer(d.geom, 0.001))""", fid, county),
                        "the course does not pass through " + county);
            }
            // It is the registry line's course: the same geometry as the line's own, vertex for vertex.
            assertEquals(1, count(c, """
                    SELECT count(*) FROM project p JOIN project_line pl ON pl.project_id = p.id JOIN line l ON l.id = pl.line_id
                    WHERE p.fid = ? AND l.name = '金甬铁路' AND ST_Equals(p.geom, l.geom)""", fid));
        }
    }

    @Test
    void planAreasByShapeAreThoseTheCourseCrosses() throws Exception {
        try (Connection c = db.connection()) {
            // Every area the line belongs to by its shape is one its course crosses, and every area with a
            // shape that the course crosses counts it.
            assertEquals(0, count(c, """
                    SELECT count(*) FROM project p JOIN project_plan_area y ON y.project_id = p.id AND y.method = 'space'
                    JOIN plan_area a ON a.id = y.area_id WHERE p.fid = ? AND NOT ST_Intersects(a.geom, p.geom)""", fid));
            String missing = scalar(c, """
                    SELECT string_agg(a.id, ', ') FROM project p, plan_area a
                    WHERE p.fid = ? AND a.geom IS NOT NULL AND ST_Intersects(a.geom, p.geom) AND NOT (a.id = ANY (p.plan_areas))""", fid);
            assertEquals(null, missing);
            // The old straight stroke 婺城 → 鄞州 crossed the 金丽温 corridor and 金义新区; the railway (义乌 to
            // 云龙) does not, and is not counted there any more.
            for (String area : List.of("corridor-jinliwen", "new-district-jinyi")) {
                assertEquals(1, count(c, """
                        SELECT count(*) FROM plan_area a WHERE a.id = ? AND ST_Intersects(a.geom, ST_MakeLine(
                          (SELECT rep_point FROM division WHERE code = '330702'), (SELECT rep_point FROM division WHERE code = '330212')))""",
                        area), area + " is crossed by the straight stroke");
                assertEquals(0, count(c, "SELECT count(*) FROM project WHERE fid = ? AND ? = ANY (plan_areas)", fid, area), area);
            }
        }
    }
}
