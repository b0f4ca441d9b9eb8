package atlas.ingest;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import atlas.testing.TestDatabases;
import atlas.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static atlas.ingest.ImportStoreTest.count;
import static atlas.ingest.ImportStoreTest.fingerprint;
import static atlas.ingest.ImportStoreTest.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dry run (./atlas import --dry-run, POST /api/imports?dry_run=true) reads a spreadsheet, compares it with the
 * database and reports what an import would do, per table, and writes nothing; the real import then does
 * exactly what the dry run said.
 */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportDryRunTest {
    private static final String TOKEN = "test-token-dry-4b1e";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CORPUS = SpreadsheetCorpusTest.CORPUS;
    private TestServer server;

    @BeforeAll
    void start(Database db) {
        server = new TestServer(db, TOKEN);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static long audits(Connection c) throws Exception {
        return count(c, "SELECT count(*) FROM audit_log");
    }

    @Test
    void dryRunWritesNothingAndTheImportThenDoesWhatItSaid(Database db) throws Exception {
        Path file = CORPUS.resolve("06-sections-subsections-subtotals.xlsx");
        try (Connection c = db.connection()) {
            String before = fingerprint(c);
            ImportReport dry = new ImportService().importFile(c, file, line -> { }, true);
            assertEquals("dry_run", dry.status(), dry.toString());
            assertTrue(dry.dryRun());
            assertEquals(7, dry.added());
            assertEquals(before, fingerprint(c), "a dry run writes nothing");
            ImportReport.TableSummary t = dry.tables().get(0);
            assertEquals("亿元 (header)", t.units().get("总投资（亿元）"));
            assertEquals(1, t.totals().stream().filter(x -> !x.matches()).count());
            assertTrue(dry.warnings().stream().anyMatch(w -> w.describe().contains("prints 110.4 亿元 but its 7 rows sum to 106.4 亿元")),
                    dry.warnings().toString());

            ImportReport real = new ImportService().importFile(c, file, line -> { });
            assertEquals("imported", real.status());
            assertEquals(dry.added(), real.added());
            assertEquals(dry.withWarnings(), real.withWarnings());
            assertEquals(dry.tables(), real.tables());
            assertEquals(4, count(c, "SELECT count(*) FROM project WHERE table_title = '项目' AND category = '交通工程'"
                    + " AND subcategory IN ('铁路', '公路')"));
            assertEquals("0", scalar(c, "SELECT count(*) FROM project WHERE name IN ('合计', '小计')"));
            String stored = scalar(c, "SELECT report::text FROM source_document WHERE file_name = ?", file.getFileName().toString());
            assertTrue(stored.contains("\"totals\"") && stored.contains("106.4"), stored);

            // The same file again, dry: unchanged, still nothing written.
            String after = fingerprint(c);
            ImportReport again = new ImportService().importFile(c, file, line -> { }, true);
            assertEquals("unchanged", again.status());
            assertEquals(after, fingerprint(c));
        }
    }

    @Test
    void httpDryRunReportsPerTableAndWritesNothingNorAudits(Database db) throws Exception {
        byte[] bytes = Files.readAllBytes(CORPUS.resolve("02-caption-unit-and-notes-sheet.xlsx"));
        try (Connection c = db.connection()) {
            String before = fingerprint(c);
            long auditsBefore = audits(c);
            HttpResponse<String> r = server.upload("/api/imports?dry_run=true", Map.of("县项目.xlsx", bytes),
                    "Authorization", "Bearer " + TOKEN);
            assertEquals(200, r.statusCode(), r.body());
            JsonNode body = JSON.readTree(r.body());
            assertTrue(body.path("dry_run").asBoolean(), r.body());
            assertTrue(body.path("placed").isNull(), r.body());
            JsonNode report = body.path("reports").path(0);
            assertEquals("dry_run", report.path("status").asText(), r.body());
            assertEquals(8, report.path("added").asInt(), r.body());
            JsonNode table = report.path("tables").path(0);
            assertEquals("万元 (caption: 单位：万元)", table.path("units").path("总投资").asText(), r.body());
            assertEquals("备注", table.path("unmapped").path(0).asText(), r.body());
            assertEquals("total_investment", table.path("mapped").path("总投资").asText(), r.body());
            assertTrue(table.path("totals").path(0).path("matches").asBoolean(), r.body());
            assertTrue(report.path("skipped").path(0).asText().contains("填报说明"), r.body());
            assertEquals(before, fingerprint(c));
            assertEquals(auditsBefore, audits(c), "a dry run is not audited: it changes nothing");

            HttpResponse<String> bad = server.upload("/api/imports?dry_run=maybe", Map.of("县项目.xlsx", bytes),
                    "Authorization", "Bearer " + TOKEN);
            assertEquals(400, bad.statusCode(), bad.body());
            assertEquals(before, fingerprint(c));

            HttpResponse<String> real = server.upload("/api/imports", Map.of("县项目.xlsx", bytes), "Authorization", "Bearer " + TOKEN);
            assertEquals(200, real.statusCode(), real.body());
            assertEquals(8, JSON.readTree(real.body()).path("reports").path(0).path("added").asInt(), real.body());
            assertEquals("12.5000", scalar(c, "SELECT total_investment::text FROM project WHERE name = '县城综合客运枢纽'"),
                    "125000 万元 under 单位：万元 is stored as 12.5 亿元");
        }
    }

    @Test
    void cliDryRunPrintsTheTableReportAndWritesNothing(Database db) throws Exception {
        Path file = CORPUS.resolve("09-legacy.xls");
        try (Connection c = db.connection()) {
            String before = fingerprint(c);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "atlas.cli.Main", "import", "--dry-run", file.toAbsolutePath().toString());
            pb.directory(TestDatabases.home().toFile());
            pb.environment().put("DATABASE_URL", ((HikariDataSource) db.dataSource()).getJdbcUrl());
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("DRY RUN (nothing written) 09-legacy.xls: 5 rows read, 5 imported (5 added"), out);
            assertTrue(out.contains("unit of 投资（万元）/总投资: 万元 (header)"), out);
            assertTrue(out.contains("skipped: sheet 说明"), out);
            assertTrue(out.contains("dry run: nothing was written"), out);
            assertFalse(out.contains("placed "), out);
            assertEquals(before, fingerprint(c));
        }
    }
}
