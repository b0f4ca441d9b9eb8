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

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static atlas.ingest.ImportStoreTest.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Items name their document by title, 文号 and date (read from the bundled lists, or given at import);
 * the file name stays beside them as provenance.
 */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SourceTitlesTest {
    private static final String TOKEN = "test-token-titles";
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestServer server;

    @BeforeAll
    void start(Database db) {
        server = new TestServer(db, TOKEN);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private JsonNode items(String query) throws Exception {
        HttpResponse<String> r = server.get("/collections/projects/items?limit=1000&" + query);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("features");
    }

    @Test
    void bundledProjectsCarryTheirDocumentsTitleNumberAndDate() throws Exception {
        JsonNode features = items("source=000_88eec6f24652ebc7.txt");
        assertTrue(features.size() > 50, "the 2021 metro list's projects");
        for (JsonNode f : features) {
            JsonNode p = f.path("properties");
            assertEquals("浙江省大都市区建设2021年工作要点", p.path("source_title").asText(), p.toString());
            assertEquals("浙四大建设办〔2021〕6号", p.path("source_number").asText());
            assertEquals("2021-04-02", p.path("source_date").asText());
            assertEquals("000_88eec6f24652ebc7.txt", p.path("source").asText(), "the file stays as provenance");
        }
        JsonNode facets = JSON.readTree(server.get("/api/facets").body());
        assertEquals(facets.path("source").size(), facets.path("source_title").size());
        assertEquals("浙江省大湾区建设2023年工作要点",
                facets.path("source_title").get(indexOf(facets.path("source"), "001_30a6bebbb49a94f9.txt")).asText());
        JsonNode bySource = JSON.readTree(server.get("/api/stats?groupby=source").body()).path("groups");
        assertTrue(bySource.toString().contains("浙江省大都市区建设2021年工作要点"), bySource.toString());
    }

    @Test
    void aListWithoutTitleIsGivenOneAtImportOverHttp() throws Exception {
        byte[] list = ("序号,项目名称,建设地点,总投资（亿元）\n1,标题测试项目甲,绍兴市柯桥区,6.5\n").getBytes(StandardCharsets.UTF_8);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("title", "绍兴市2024年重大项目计划");
        fields.put("number", "绍政发〔2024〕3号");
        fields.put("date", "2024-02-01");
        HttpResponse<String> r = upload("titled.csv", list, fields);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode p = items("q=" + URLEncoder.encode("标题测试项目甲", StandardCharsets.UTF_8)).get(0).path("properties");
        assertEquals("绍兴市2024年重大项目计划", p.path("source_title").asText(), p.toString());
        assertEquals("绍政发〔2024〕3号", p.path("source_number").asText());
        assertEquals("2024-02-01", p.path("source_date").asText());
        assertEquals("titled.csv", p.path("source").asText());

        HttpResponse<String> bad = upload("titled-bad-date.csv", list, Map.of("date", "去年"));
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("date") && bad.body().contains("去年"), bad.body());
    }

    @Test
    void theSameFileImportedAgainWithATitleTakesItAndItsItemsFollow(Database db) throws Exception {
        Path dir = Files.createTempDirectory("titles");
        Path file = dir.resolve("untitled.csv");
        Files.writeString(file, "序号,项目名称,建设地点\n1,标题测试项目乙,杭州市西湖区\n");
        try (Connection c = db.connection()) {
            assertEquals("imported", new ImportService().importFile(c, file, s -> { }).status());
            new atlas.geocode.GeocodeStore().run(c, false);
            assertEquals(null, scalar(c, "SELECT properties->>'source_title' FROM project WHERE name = '标题测试项目乙'"));
            ImportReport again = new ImportService()
                    .withTitle(new DocumentTitle("杭州市西湖区项目清单", null, null, LocalDate.of(2024, 6, 1)))
                    .importFile(c, file, s -> { });
            assertEquals("unchanged", again.status(), "no row changed");
            assertEquals("杭州市西湖区项目清单", scalar(c, "SELECT properties->>'source_title' FROM project WHERE name = '标题测试项目乙'"));
            assertEquals("2024-06-01", scalar(c, "SELECT properties->>'source_date' FROM project WHERE name = '标题测试项目乙'"));
        }
        JsonNode p = items("q=" + URLEncoder.encode("标题测试项目乙", StandardCharsets.UTF_8)).get(0).path("properties");
        assertEquals("杭州市西湖区项目清单", p.path("source_title").asText(), p.toString());
    }

    private static int indexOf(JsonNode array, String value) {
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i).asText().equals(value)) {
                return i;
            }
        }
        throw new AssertionError(value + " not in " + array);
    }

    private HttpResponse<String> upload(String name, byte[] bytes, Map<String, String> fields) {
        String boundary = "----atlas-titles-" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((k, v) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return server.send("POST", "/api/imports", "multipart/form-data; boundary=" + boundary, out.toByteArray(),
                "Authorization", "Bearer " + TOKEN);
    }
}
