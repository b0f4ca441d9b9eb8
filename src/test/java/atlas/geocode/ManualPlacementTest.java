package atlas.geocode;

import atlas.db.Database;
import atlas.ingest.ImportNewVersionTest;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static atlas.ingest.ImportStoreTest.count;
import static atlas.ingest.ImportStoreTest.fingerprint;
import static atlas.ingest.ImportStoreTest.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An admin corrects a placement (PUT /api/projects/{fid}/placement): the map shows it, the audit log says who changed
 * what, and it survives re-geocoding and a new version of the list.
 */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManualPlacementTest {
    private static final String TOKEN = "placement-test-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METRO_LIST = "浙江省大都市区建设 2021 年重大项目清单";
    private TestServer server;
    private String fid;   // 000 附表4 序号 2 绍兴高铁北站 TOD 项目, placed automatically in 越城区 (330602)

    @BeforeAll
    void start(Database db) throws Exception {
        server = new TestServer(db, TOKEN);
        try (Connection c = db.connection()) {
            fid = scalar(c, "SELECT fid FROM project WHERE list_title = ? AND seq = '2'", METRO_LIST);
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private HttpResponse<String> put(String fid, String body, String... headers) {
        return server.send("PUT", "/api/projects/" + fid + "/placement", "application/json",
                body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private JsonNode feature(String fid) throws Exception {
        HttpResponse<String> r = server.get("/collections/projects/items/" + fid);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    @Order(1)
    void writesNeedTheTokenAndValidCounties(Database db) throws Exception {
        try (Connection c = db.connection()) {
            String before = fingerprint(c);
            String body = "{\"county_codes\":[\"330603\"],\"comment\":\"x\"}";
            assertEquals(401, put(fid, body).statusCode());
            assertEquals(403, put(fid, body, "Authorization", "Bearer wrong").statusCode());
            String auth = "Bearer " + TOKEN;
            assertEquals(404, put("ffffffffffff", body, "Authorization", auth).statusCode());
            HttpResponse<String> outside = put(fid, "{\"county_codes\":[\"310115\"]}", "Authorization", auth);
            assertEquals(400, outside.statusCode(), "a county outside Zhejiang: " + outside.body());
            assertTrue(outside.body().contains("county_codes"), outside.body());
            assertEquals(400, put(fid, "{\"county_codes\":[\"330100\"]}", "Authorization", auth).statusCode(), "a city is not a county");
            assertEquals(400, put(fid, "{\"county_codes\":[]}", "Authorization", auth).statusCode());
            assertEquals(400, put(fid, "not json", "Authorization", auth).statusCode());
            assertEquals(before, fingerprint(c));
            assertEquals(0, count(c, "SELECT count(*) FROM audit_log"));
        }
    }

    @Test
    @Order(2)
    void manualPlacementShowsOnTheMapAndIsAudited(Database db) throws Exception {
        assertEquals(List.of("330602"), strings(feature(fid).path("properties").path("county_codes")));
        HttpResponse<String> r = put(fid, "{\"county_codes\":[\"330603\",\"330604\"],\"comment\":\"北站片区跨柯桥、上虞\"}",
                "Authorization", "Bearer " + TOKEN);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode props = feature(fid).path("properties");
        assertEquals(List.of("330603", "330604"), strings(props.path("county_codes")));
        assertEquals("counties", props.path("precision").asText());
        assertTrue(strings(props.path("placement_methods")).contains("manual"), props.toString());
        try (Connection c = db.connection()) {
            String audit = scalar(c, "SELECT concat_ws('|', actor, action, before::text, after::text) FROM audit_log WHERE action = 'placement.set'");
            assertTrue(audit.matches("admin:[0-9a-f]{8}\\|placement\\.set\\|.*"), audit);
            assertTrue(audit.contains("{\"counties\": [\"330602\"]}"), "before: " + audit);
            assertTrue(audit.contains("\"counties\": [\"330603\", \"330604\"]") && audit.contains("北站片区跨柯桥、上虞"), "after: " + audit);
            assertTrue(!audit.contains(TOKEN));
            // The geometry follows: a multipoint on the two counties' representative points.
            assertEquals("ST_MultiPoint", scalar(c, "SELECT ST_GeometryType(geom) FROM project WHERE fid = ?", fid));
            assertEquals(0, count(c, "SELECT count(*) FROM review_item r JOIN project p USING (project_key) WHERE p.fid = ? AND r.status = 'open' AND r.kind <> 'user-report'", fid));
        }
    }

    @Test
    @Order(3)
    void manualPlacementSurvivesRegeocoding(Database db) throws Exception {
        try (Connection c = db.connection()) {
            new GeocodeStore().run(c, true);
        }
        assertEquals(List.of("330603", "330604"), strings(feature(fid).path("properties").path("county_codes")));
    }

    @Test
    @Order(4)
    void manualPlacementSurvivesANewVersionOfItsList(Database db) throws Exception {
        // The new version changes this very row (总投资 83.9 -> 90.1), removes one and adds one; imported over the API.
        Path v2 = ImportNewVersionTest.modifiedMetroList(Files.createTempDirectory("atlas-manual"), "000_v2.txt");
        HttpResponse<String> r = server.upload("/api/imports", Map.of("000_v2.txt", Files.readAllBytes(v2)),
                "Authorization", "Bearer " + TOKEN);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode report = JSON.readTree(r.body()).path("reports").path(0);
        assertEquals(1, report.path("changed").asInt(), r.body());
        JsonNode props = feature(fid).path("properties");
        assertEquals(90.1, props.path("total_investment").asDouble(), 1e-9, props.toString());
        assertEquals(List.of("330603", "330604"), strings(props.path("county_codes")));
        try (Connection c = db.connection()) {
            new GeocodeStore().run(c, true);
        }
        assertEquals(List.of("330603", "330604"), strings(feature(fid).path("properties").path("county_codes")));
    }
}
