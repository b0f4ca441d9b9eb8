package atlas.identity;

import atlas.db.Database;
import atlas.geocode.GeocodeStore;
import atlas.ingest.DocumentReader;
import atlas.ingest.ImportReport;
import atlas.ingest.ImportService;
import atlas.ingest.ParsedDocument;
import atlas.ingest.ProjectRecord;
import atlas.ingest.TableKind;
import atlas.testing.PostgisExtension;
import atlas.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Next year's list: a 2024 list generated from the bundled 2023 one (001) as a CSV, in which one
 * project is renamed, one split into two sections, one dropped, one investment changed and one project
 * added. Importing it links it to the lists before it and reports what is new, continued and gone.
 */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NextYearListTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TITLE_2024 = "浙江省大湾区建设 2024 年重大工程项目清单";
    private Database db;
    private TestServer server;
    private ImportReport report;
    private Continuity continuity;
    private int rows2024;

    @BeforeAll
    void importNextYear(Database db) throws Exception {
        this.db = db;
        server = new TestServer(db);
        ParsedDocument bay = DocumentReader.read(Path.of(System.getProperty("atlas.home", "."), "geodata", "lists",
                "001_30a6bebbb49a94f9.txt"));
        StringBuilder csv = new StringBuilder(TITLE_2024 + ",,,,,,\n序号,项目名称,项目代码,建设地点,总投资（亿元）,责任单位,建设规模和内容\n");
        String category = null;
        int seq = 0;
        for (ProjectRecord p : bay.tables(TableKind.PROJECTS).get(0).projects()) {
            if (!p.category().orElse("").equals(category)) {
                category = p.category().orElse("");
                csv.append("一、").append(category).append(",,,,,,\n");
            }
            String name = p.name();
            Optional<BigDecimal> total = p.totalInvestment();
            switch (name) {
                case "玉环市海山岛生态旅游开发项目" -> {
                    continue;  // dropped
                }
                case "良渚实验室" -> name = "浙江省良渚实验室";  // renamed
                case "金华理工学院建设工程" -> total = Optional.of(new BigDecimal("30.5"));  // investment changed
                case "杭德市域铁路" -> {
                    // split into two sections, without the whole's code
                    csv.append(row(++seq, "杭德市域铁路(余杭段)", "", "杭州市余杭区", "90", p));
                    csv.append(row(++seq, "杭德市域铁路(德清段)", "", "湖州市德清县", "50.6", p));
                    continue;
                }
                default -> {
                }
            }
            csv.append(row(++seq, name, String.join(";", p.projectCodes()), p.locationText(),
                    total.map(BigDecimal::toPlainString).orElse(""), p));
        }
        csv.append(row(++seq, "瓯江口海上光伏示范基地", "", "温州市洞头区", "12", null));
        rows2024 = seq;
        Path file = Files.createTempDirectory("atlas-next-year").resolve("大湾区2024.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        try (Connection c = db.connection()) {
            report = new ImportService().importFile(c, file, line -> { });
            new GeocodeStore().run(c, false);
            continuity = Continuity.of(c, report.sha256());
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static String row(int seq, String name, String codes, String location, String total, ProjectRecord p) {
        return String.join(",", String.valueOf(seq), quote(name), quote(codes), quote(location), total,
                quote(p == null ? "温州市政府" : String.join("、", p.responsibleUnits())), quote(p == null ? "" : p.content())) + "\n";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private JsonNode properties(String listPrefix, String name) throws Exception {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT fid FROM project WHERE list_title LIKE ? AND name = ?")) {
            ps.setString(1, listPrefix + "%");
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), listPrefix + " " + name);
                var r = server.get("/collections/projects/items/" + rs.getString(1));
                assertEquals(200, r.statusCode(), r.body());
                return JSON.readTree(r.body()).path("properties");
            }
        }
    }

    @Test
    void everyRowIsAnEntryOfItsOwnBesideLastYears() {
        assertEquals("imported", report.status(), report.toString());
        assertEquals(rows2024, report.added(), "no 2023 entry was taken over by its 2024 row: " + report);
        assertEquals(0, report.removed());
    }

    @Test
    void theReportSaysWhatIsNewContinuedAndGone() {
        assertEquals(List.of("瓯江口海上光伏示范基地"), continuity.added().stream().map(Continuity.Item::name).toList(),
                "new: only the added project");
        assertEquals(rows2024 - 1, continuity.continued().size(), "the renamed, split and changed projects continue");
        assertEquals(List.of("玉环市海山岛生态旅游开发项目"), continuity.gone().stream().map(Continuity.Item::name).toList());
    }

    @Test
    void theRenamedProjectIsTheSameProject() throws Exception {
        JsonNode renamed = properties("浙江省大湾区建设 2024", "浙江省良渚实验室");
        JsonNode before = properties("浙江省大湾区建设 2023", "良渚实验室");
        assertEquals(before.path("project").asText(), renamed.path("project").asText());
        assertTrue(renamed.path("counted").asBoolean());
        assertFalse(before.path("counted").asBoolean(), "last year's figures are not counted again");
    }

    @Test
    void theSplitProjectsSectionsArePartsAndDoNotMergeMoney() throws Exception {
        for (String section : List.of("杭德市域铁路(余杭段)", "杭德市域铁路(德清段)")) {
            JsonNode p = properties("浙江省大湾区建设 2024", section);
            JsonNode entries = p.path("entries");
            boolean partOfWhole = false;
            for (JsonNode e : entries) {
                partOfWhole |= e.path("name").asText().equals("杭德市域铁路") && e.path("relation").asText().equals("part")
                        && e.path("part_of").asText().equals("whole");
            }
            assertTrue(partOfWhole, section + ": " + entries);
            assertTrue(p.path("counted").asBoolean(true), "a part is counted on its own");
        }
        assertTrue(properties("浙江省大湾区建设 2023", "杭德市域铁路").path("counted").asBoolean(), "the whole keeps its money");
    }

    @Test
    void theChangedInvestmentShowsInTheHistory() throws Exception {
        JsonNode p = properties("浙江省大湾区建设 2024", "金华理工学院建设工程");
        JsonNode entries = p.path("entries");
        assertEquals(3, entries.size(), entries.toString());
        assertEquals(List.of(2021, 2023, 2024), List.of(entries.get(0).path("list_year").asInt(),
                entries.get(1).path("list_year").asInt(), entries.get(2).path("list_year").asInt()));
        assertEquals(0, new BigDecimal("27.93").compareTo(entries.get(0).path("total_investment").decimalValue()));
        assertEquals(0, new BigDecimal("26.38").compareTo(entries.get(1).path("total_investment").decimalValue()));
        assertEquals(0, new BigDecimal("30.5").compareTo(entries.get(2).path("total_investment").decimalValue()));
        assertEquals("self", entries.get(2).path("relation").asText());
        // The project counts once, with the latest figures.
        var r = server.get("/api/stats?groupby=category&q=" + java.net.URLEncoder.encode("金华理工学院", StandardCharsets.UTF_8));
        JsonNode stats = JSON.readTree(r.body());
        assertEquals(1, stats.path("count").asInt(), r.body());
        assertEquals(0, new BigDecimal("30.5").compareTo(stats.path("total").path("total_investment").decimalValue()), r.body());
        assertEquals(3, stats.path("entries").path("count").asInt());
    }
}
