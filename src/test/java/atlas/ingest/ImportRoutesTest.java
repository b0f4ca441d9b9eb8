package atlas.ingest;

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
import java.util.Map;

import static atlas.ingest.ImportStoreTest.count;
import static atlas.ingest.ImportStoreTest.fingerprint;
import static atlas.ingest.ImportStoreTest.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /api/imports: admin token required, audited without the token, bad uploads refused with a reason. */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportRoutesTest {
    private static final String TOKEN = "test-token-7f3a9c";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] LIST = ("浙江省接口测试清单\n序号,项目名称,建设地点,总投资（亿元）\n"
            + "1,接口导入项目甲,绍兴市柯桥区,6.5\n2,接口导入项目乙,绍兴市柯桥区,待核定\n").getBytes(StandardCharsets.UTF_8);
    private TestServer server;

    @BeforeAll
    void start(Database db) {
        server = new TestServer(db, TOKEN);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private HttpResponse<String> upload(String name, byte[] bytes, String... headers) {
        return server.upload("/api/imports", Map.of(name, bytes), headers);
    }

    @Test
    void withoutTokenIs401AndWithAWrongOneIs403AndNothingChanges(Database db) throws Exception {
        try (Connection c = db.connection()) {
            String before = fingerprint(c);
            long audits = count(c, "SELECT count(*) FROM audit_log");
            HttpResponse<String> none = upload("anon.csv", LIST);
            assertEquals(401, none.statusCode(), none.body());
            assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
            assertEquals(401, upload("anon.csv", LIST, "Authorization", "Basic dXNlcjpwYXNz").statusCode());
            HttpResponse<String> wrong = upload("anon.csv", LIST, "Authorization", "Bearer not-the-token");
            assertEquals(403, wrong.statusCode(), wrong.body());
            assertFalse(wrong.body().contains(TOKEN));
            assertEquals(before, fingerprint(c));
            assertEquals(audits, count(c, "SELECT count(*) FROM audit_log"));
        }
    }

    @Test
    void rightTokenImportsReportsAndAuditsWithoutTheToken(Database db) throws Exception {
        HttpResponse<String> r = upload("api-list.csv", LIST, "Authorization", "Bearer " + TOKEN);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode report = JSON.readTree(r.body()).path("reports").path(0);
        assertEquals("imported", report.path("status").asText(), r.body());
        assertEquals("api-list.csv", report.path("file").asText());
        assertEquals(2, report.path("added").asInt(), r.body());
        assertEquals(1, report.path("withWarnings").asInt(), r.body());
        assertTrue(report.path("warnings").toString().contains("待核定"), r.body());
        assertTrue(JSON.readTree(r.body()).path("placed").path("projects").asInt() >= 2, r.body());
        try (Connection c = db.connection()) {
            assertEquals(2, count(c, "SELECT count(*) FROM project p JOIN placement pl ON pl.project_id = p.id "
                    + "WHERE p.list_title = '浙江省接口测试清单' AND pl.division_code = '330603'"), "imported and placed in 柯桥区");
            String audit = scalar(c, "SELECT row_to_json(a)::text FROM audit_log a WHERE action = 'import' AND target = 'api-list.csv'");
            assertTrue(audit != null, "no audit row for the import");
            String actor = scalar(c, "SELECT actor FROM audit_log WHERE action = 'import' AND target = 'api-list.csv'");
            assertTrue(actor.matches("admin:[0-9a-f]{8}"), actor);
            assertTrue(audit.contains("\"added\" : 2") || audit.contains("\"added\":2") || audit.contains("\"added\": 2"), audit);
            assertEquals(0, count(c, "SELECT count(*) FROM audit_log a WHERE row_to_json(a)::text LIKE ?", "%" + TOKEN + "%"));
            assertEquals(0, count(c, "SELECT count(*) FROM audit_log a WHERE row_to_json(a)::text LIKE '%test-token%'"));
        }
        // The same upload again: 200, 'unchanged', nothing added.
        HttpResponse<String> again = upload("api-list.csv", LIST, "Authorization", "Bearer " + TOKEN);
        assertEquals(200, again.statusCode(), again.body());
        assertTrue(again.body().contains("\"status\":\"unchanged\""), again.body());
    }

    @Test
    void nonZipXlsxIs422WithAClearMessageAndNothingImported(Database db) throws Exception {
        try (Connection c = db.connection()) {
            String before = fingerprint(c);
            HttpResponse<String> r = upload("fake.xlsx", "序号,项目名称\n1,伪装的表格\n".getBytes(StandardCharsets.UTF_8),
                    "Authorization", "Bearer " + TOKEN);
            assertEquals(422, r.statusCode(), r.body());
            JsonNode report = JSON.readTree(r.body()).path("reports").path(0);
            assertEquals("failed", report.path("status").asText(), r.body());
            assertTrue(report.path("error").asText().contains("fake.xlsx")
                    && report.path("error").asText().contains("not an .xlsx workbook"), r.body());
            assertFalse(r.body().contains("Exception") || r.body().contains("at atlas."), "stack trace leaked: " + r.body());
            assertEquals(before, fingerprint(c));
            assertEquals(0, count(c, "SELECT count(*) FROM project WHERE name = '伪装的表格'"));
        }
    }

    @Test
    void uploadWithoutAFileOrNotMultipartIsRefused() {
        HttpResponse<String> json = server.send("POST", "/api/imports", "application/json", "{}".getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + TOKEN);
        assertEquals(415, json.statusCode(), json.body());
        byte[] other = "序号,项目名称,建设地点\n1,路径穿越测试项目,绍兴市柯桥区\n".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> traversal = upload("../../../etc/evil.csv", other, "Authorization", "Bearer " + TOKEN);
        // The name is reduced to its base name: the upload cannot leave the upload folder.
        assertTrue(traversal.statusCode() == 200, traversal.body());
        assertTrue(traversal.body().contains("\"file\":\"evil.csv\""), traversal.body());
    }
}
