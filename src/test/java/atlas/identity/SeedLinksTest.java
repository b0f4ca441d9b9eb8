package atlas.identity;

import atlas.db.Database;
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

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled lists (000: 2021 大都市区, 001: 2023 大湾区) linked into projects, as a planner sees them
 * through the API, and measured against the hand-labelled pairs in bench/identity-pairs.csv.
 */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedLinksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "identity-test-token";
    private Database db;
    private TestServer server;

    @BeforeAll
    void start(Database db) {
        this.db = db;
        server = new TestServer(db, TOKEN);
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

    private String fid(String filePrefix, String seq) throws Exception {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("""
                SELECT p.fid FROM project p JOIN source_document d ON d.id = p.document_id
                WHERE d.file_name LIKE ? AND p.seq = ?""")) {
            ps.setString(1, filePrefix + "%");
            ps.setString(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), filePrefix + " 序号" + seq);
                return rs.getString(1);
            }
        }
    }

    private JsonNode item(String fid) throws Exception {
        return get("/collections/projects/items/" + fid);
    }

    @Test
    @Order(1)
    void linksFindTheLabelledPairs() throws Exception {
        try (Connection c = db.connection()) {
            LinkEvaluation.Result r = LinkEvaluation.evaluate(c, Path.of(System.getProperty("atlas.home", "."), "bench", "identity-pairs.csv"));
            LinkEvaluation.Score taken = r.taken();
            System.out.printf("identity links on bench/identity-pairs.csv: %d labelled, %d taken, precision %.3f, recall %.3f, relation right %d/%d; with review: %d, precision %.3f, recall %.3f%n",
                    taken.labelled(), taken.predicted(), taken.precision(), taken.recall(), taken.relationRight(), taken.truePositives(),
                    r.withReview().predicted(), r.withReview().precision(), r.withReview().recall());
            taken.missed().forEach(m -> System.out.println("  missed " + m));
            taken.wrong().forEach(m -> System.out.println("  wrong  " + m));
            assertTrue(taken.precision() >= 0.95, "precision " + taken.precision() + ": " + taken.wrong());
            assertTrue(taken.recall() >= 0.7, "recall " + taken.recall() + ": " + taken.missed());
            assertEquals(taken.truePositives(), taken.relationRight(), "every found pair has the labelled relation");
        }
    }

    @Test
    @Order(2)
    void theIssuesExamplesAreOneProjectWithTheLaterEntryCounted() throws Exception {
        String[][] pairs = {{"87", "149"}, {"61", "122"}, {"15", "20"}};
        for (String[] pair : pairs) {
            JsonNode old = item(fid("000", pair[0])).path("properties");
            JsonNode later = item(fid("001", pair[1])).path("properties");
            assertEquals(later.path("project").asText(), old.path("project").asText(), "one project: " + later.path("name"));
            assertFalse(old.path("counted").asBoolean(), "the 2021 entry is not counted: " + old.path("name"));
            assertTrue(later.path("counted").asBoolean(), "the 2023 entry carries the figures: " + later.path("name"));
            // Both entries, in list order, with the source properties a project has.
            JsonNode entries = later.path("entries");
            assertEquals(2, entries.size(), later.toString());
            assertTrue(entries.get(0).path("source").asText().startsWith("000_"));
            assertEquals("附表4", entries.get(0).path("table").asText());
            assertEquals(pair[0], entries.get(0).path("seq").asText());
            assertEquals("same", entries.get(0).path("relation").asText());
            assertEquals(2021, entries.get(0).path("list_year").asInt());
            assertEquals("self", entries.get(1).path("relation").asText());
            assertEquals(pair[1], entries.get(1).path("seq").asText());
            assertTrue(entries.get(0).path("link_evidence").asText().contains("名称"), entries.get(0).toString());
        }
    }

    @Test
    @Order(3)
    void theCollegeOf2021TakesTheCountyOfIts2023Code() throws Exception {
        JsonNode old = item(fid("000", "87")).path("properties");
        assertEquals("金华理工学院项目", old.path("name").asText());
        assertEquals(List.of("330703"), strings(old.path("county_codes")));
        assertEquals("county", old.path("precision").asText());
        String evidence = old.path("placement_evidence").get(0).path("evidence").asText();
        assertTrue(evidence.contains("同一项目的另一条目") && evidence.contains("项目代码 2103-330703"), evidence);
        // Its own strong evidence wins: the 2023 entry keeps its code placement.
        JsonNode later = item(fid("001", "149")).path("properties");
        assertEquals(List.of("code"), strings(later.path("placement_methods")));
    }

    @Test
    @Order(4)
    void twoRowsOfOneListWithOneCodeWaitForReview() throws Exception {
        JsonNode links = get("/api/links?status=review").path("links");
        boolean found = false;
        for (JsonNode l : links) {
            if (l.path("evidence").asText().contains("2020-330110-39-03-100049")) {
                found = true;
                assertEquals("131", l.path("a").path("seq").asText());
                assertEquals("169", l.path("b").path("seq").asText());
            }
        }
        assertTrue(found, links.toString());
        boolean queued = false;
        for (JsonNode i : get("/api/review?kind=link").path("items")) {
            queued |= i.path("reason").asText().contains("湖畔实验室");
        }
        assertTrue(queued, "the grey-zone link is in the review queue");
    }

    @Test
    @Order(5)
    void totalsCountProjectsAndStateIt() throws Exception {
        JsonNode projects = get("/api/stats?groupby=category");
        JsonNode entries = get("/api/stats?groupby=category&count=entries");
        assertEquals("projects", projects.path("counting").asText());
        assertEquals("entries", entries.path("counting").asText());
        assertEquals(386, entries.path("count").asInt());
        assertEquals(386, projects.path("entries").path("count").asInt(), "the entries stand beside the projects");
        BigDecimal notCounted;
        int uncounted;
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*), coalesce(sum(total_investment), 0) FROM project WHERE NOT counted");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            uncounted = rs.getInt(1);
            notCounted = rs.getBigDecimal(2);
        }
        assertTrue(uncounted >= 3, "at least the three examples of the issue are counted once");
        assertEquals(386 - uncounted, projects.path("count").asInt());
        assertEquals(0, entries.path("total").path("total_investment").decimalValue().subtract(notCounted)
                .compareTo(projects.path("total").path("total_investment").decimalValue()), "a same pair's money counts once");
        // Items list projects too, and the entry view keeps every entry.
        assertEquals(386 - uncounted, get("/collections/projects/items?limit=1").path("numberMatched").asInt());
        assertEquals(386, get("/collections/projects/items?limit=1&count=entries").path("numberMatched").asInt());
        // Area layers count projects and say so, with the entries beside.
        for (JsonNode area : get("/collections/constructions/items").path("features")) {
            JsonNode p = area.path("properties");
            assertEquals("projects", p.path("counting").asText());
            assertTrue(p.path("entry_count").asInt() >= p.path("project_count").asInt());
        }
    }

    @Test
    @Order(6)
    void anAdminRejectsALinkAndItStaysRejectedThroughReplacing() throws Exception {
        String old = fid("000", "87");
        String later = fid("001", "149");
        String body = "{\"a\":\"" + old + "\",\"b\":\"" + later + "\",\"relation\":\"none\",\"comment\":\"测试：两个校区\"}";
        assertEquals(401, server.send("PUT", "/api/links", "application/json", body.getBytes(StandardCharsets.UTF_8)).statusCode());
        assertEquals(400, server.send("PUT", "/api/links", "application/json",
                body.replace("none", "maybe").getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer " + TOKEN).statusCode());
        HttpResponse<String> r = server.send("PUT", "/api/links", "application/json", body.getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + TOKEN);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode was = item(old).path("properties");
        assertTrue(was.path("counted").asBoolean(true), "a rejected pair is two projects");
        assertEquals("city", was.path("precision").asText(), "back to its own evidence: " + was.path("placement_evidence"));
        try (Connection c = db.connection()) {
            new atlas.geocode.GeocodeStore().run(c, true);
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM audit_log WHERE action = 'link.set'");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
        assertTrue(item(old).path("properties").path("counted").asBoolean(true), "still rejected after placing everything again");
        // Confirming it again joins them again.
        r = server.send("PUT", "/api/links", "application/json", body.replace("none", "same").getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + TOKEN);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode again = item(old).path("properties");
        assertFalse(again.path("counted").asBoolean());
        assertEquals(List.of("330703"), strings(again.path("county_codes")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
