package atlas.review;

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
import java.nio.charset.StandardCharsets;
import java.sql.Connection;

import static atlas.ingest.ImportStoreTest.count;
import static atlas.ingest.ImportStoreTest.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** '位置有误' — the one public write: creates a review item and nothing else; size- and rate-limited. */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestServer server;
    private String fid;   // 001 附4 序号 131 湖畔实验室

    @BeforeAll
    void start(Database db) throws Exception {
        server = new TestServer(db);
        try (Connection c = db.connection()) {
            fid = scalar(c, "SELECT fid FROM project WHERE table_title = '附4' AND seq = '131'");
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static HttpResponse<String> report(TestServer s, String body) {
        return s.send("POST", "/api/review", "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static String placements(Connection c) throws Exception {
        return scalar(c, "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM placement t")
                + scalar(c, "SELECT md5(string_agg(p.precision || coalesce(ST_AsText(p.geom), ''), '|' ORDER BY p.id)) FROM project p");
    }

    @Test
    void aReportCreatesAReviewItemVisibleInTheReviewListAndChangesNoPlacement(Database db) throws Exception {
        try (Connection c = db.connection()) {
            String before = placements(c);
            HttpResponse<String> r = report(server, "{\"project_id\":\"" + fid + "\",\"comment\":\"湖畔实验室在余杭区还是临平区？\"}");
            assertEquals(201, r.statusCode(), r.body());
            long item = JSON.readTree(r.body()).path("review_item").asLong();
            assertTrue(item > 0, r.body());
            HttpResponse<String> list = server.get("/api/review?kind=user-report");
            assertEquals(200, list.statusCode(), list.body());
            JsonNode found = null;
            for (JsonNode i : JSON.readTree(list.body()).path("items")) {
                if (i.path("id").asLong() == item) {
                    found = i;
                }
            }
            assertTrue(found != null, "report " + item + " not in " + list.body());
            assertEquals(fid, found.path("project_id").asText());
            assertEquals("user-report", found.path("kind").asText());
            assertEquals("湖畔实验室在余杭区还是临平区？", found.path("comment").asText());
            assertEquals("附4", found.path("table").asText());
            assertEquals("131", found.path("seq").asText());
            assertEquals("001_30a6bebbb49a94f9.txt", found.path("source").asText());
            assertEquals(before, placements(c), "a public report changed a placement");
            // No token is needed, and none is recorded: the report is not an admin action.
            assertEquals(0, count(c, "SELECT count(*) FROM audit_log"));
        }
    }

    @Test
    void oversizedBodyIs413AndUnknownProjectIs404AndNothingIsCreated(Database db) throws Exception {
        try (Connection c = db.connection()) {
            long items = count(c, "SELECT count(*) FROM review_item");
            String big = "{\"project_id\":\"" + fid + "\",\"comment\":\"" + "很".repeat(2000) + "\"}";  // ~6 KB of UTF-8
            assertTrue(big.getBytes(StandardCharsets.UTF_8).length > 4096);
            HttpResponse<String> tooBig = report(server, big);
            assertEquals(413, tooBig.statusCode(), tooBig.body());
            HttpResponse<String> unknown = report(server, "{\"project_id\":\"ffffffffffff\",\"comment\":\"?\"}");
            assertEquals(404, unknown.statusCode(), unknown.body());
            assertEquals(400, report(server, "{\"project_id\":\"1 OR 1=1\"}").statusCode());
            assertEquals(400, report(server, "[1,2]").statusCode());
            assertEquals(items, count(c, "SELECT count(*) FROM review_item"));
        }
    }

    @Test
    void the21stReportWithinAMinuteFromOneClientIs429(Database db) throws Exception {
        // A server of its own, so the other tests' requests do not count.
        try (TestServer own = new TestServer(db); Connection c = db.connection()) {
            long items = count(c, "SELECT count(*) FROM review_item WHERE kind = 'user-report'");
            for (int i = 1; i <= 20; i++) {
                HttpResponse<String> r = report(own, "{\"project_id\":\"" + fid + "\",\"comment\":\"第" + i + "次\"}");
                assertEquals(201, r.statusCode(), "report " + i + ": " + r.body());
            }
            HttpResponse<String> limited = report(own, "{\"project_id\":\"" + fid + "\",\"comment\":\"第21次\"}");
            assertEquals(429, limited.statusCode(), limited.body());
            assertTrue(limited.headers().firstValue("Retry-After").isPresent(), limited.headers().map().toString());
            assertEquals(items + 20, count(c, "SELECT count(*) FROM review_item WHERE kind = 'user-report'"));
        }
    }
}
