package atlas.db;

import atlas.testing.PostgisExtension;
import atlas.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backup of a database that holds what cannot be rebuilt from the lists (a placement set by hand,
 * a user's report, the audit log) is restored into a new cluster and answers every collection, the
 * statistics and a snapshot exactly as the original; a damaged file changes nothing.
 */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupRestoreTest {
    private static final String TOKEN = "backup-test-token";
    private static final List<String> COLLECTIONS = List.of("counties", "cities", "province", "metros", "new-districts",
            "corridors", "coop-zones", "constructions", "projects");
    private static final String SNAPSHOT = "{\"region\": \"330100\", \"generated_at\": \"2024-05-01T02:00:00Z\"}";
    private final HttpClient http = HttpClient.newHttpClient();
    private Path work;
    private LocalCluster otherCluster;
    private String restoredUrl;
    private Path backupFile;
    private Map<String, String> originalAnswers;

    @BeforeAll
    void backUpAndRestoreIntoANewCluster(Database db) throws Exception {
        work = Files.createTempDirectory("atlas-backup-test");
        try (TestServer server = new TestServer(db, TOKEN)) {
            String fid;
            try (Connection c = db.connection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT fid FROM project WHERE table_title = '附4' AND seq = '131'")) {
                rs.next();
                fid = rs.getString(1);
            }
            HttpResponse<String> placed = server.send("PUT", "/api/projects/" + fid + "/placement", "application/json",
                    "{\"county_codes\":[\"330102\",\"330105\"],\"comment\":\"备份测试\"}".getBytes(StandardCharsets.UTF_8),
                    "Authorization", "Bearer " + TOKEN);
            assertEquals(200, placed.statusCode(), placed.body());
            HttpResponse<String> report = server.send("POST", "/api/review", "application/json",
                    ("{\"project_id\":\"" + fid + "\",\"comment\":\"位置应在拱墅区\"}").getBytes(StandardCharsets.UTF_8));
            assertTrue(report.statusCode() < 300, report.body());
            originalAnswers = answers(server);
        }
        String sourceUrl = ((com.zaxxer.hikari.HikariDataSource) db.dataSource()).getJdbcUrl();
        backupFile = work.resolve("atlas.dump");
        Backup.Result made = new Backup(sourceUrl, LocalCluster.binaries()).backup(backupFile);
        assertTrue(made.bytes() > 100_000, "a backup of the seed data is not a few bytes: " + made);
        assertEquals(1L, made.rows().get("manual_placement"), made.toString());

        otherCluster = new LocalCluster(work.resolve("pg"), true);
        int port = otherCluster.ensureRunning();
        restoredUrl = otherCluster.jdbcUrl(port, "atlas");
        Backup.Result restored = new Backup(restoredUrl, LocalCluster.binaries()).restore(backupFile, db.newestKnownSchemaVersion());
        assertEquals(made.rows(), restored.rows(), "every counted table has its rows back");
        assertEquals(made.schemaVersion(), restored.schemaVersion());
    }

    @AfterAll
    void stop() throws Exception {
        if (otherCluster != null) {
            otherCluster.destroy();
        }
    }

    @Test
    void theRestoredDatabaseAnswersEveryCollectionStatsAndSnapshotAsTheOriginal() throws Exception {
        try (Database restored = Database.connect(restoredUrl, 4); TestServer server = new TestServer(restored)) {
            Map<String, String> after = answers(server);
            assertEquals(originalAnswers.keySet(), after.keySet());
            List<String> differing = new ArrayList<>();
            originalAnswers.forEach((path, hash) -> {
                if (!hash.equals(after.get(path))) {
                    differing.add(path);
                }
            });
            assertEquals(List.of(), differing, "answers that changed through backup and restore");
            try (Connection c = restored.connection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM audit_log WHERE action = 'placement.set'")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "the audit log came back");
            }
        }
    }

    @Test
    void aTruncatedOrForeignFileIsRefusedAndTheDatabaseStaysAsItWas() throws Exception {
        Backup restore = new Backup(restoredUrl, LocalCluster.binaries());
        byte[] whole = Files.readAllBytes(backupFile);
        Path truncated = work.resolve("truncated.dump");
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        Path foreign = work.resolve("notes.txt");
        Files.writeString(foreign, "序号,项目名称\n1,not a backup\n");
        String before = fingerprint();

        BackupException cut = assertThrows(BackupException.class, () -> restore.restore(truncated, 999));
        assertTrue(cut.getMessage().contains("damaged or truncated") && cut.getMessage().contains("was not changed"), cut.getMessage());
        BackupException other = assertThrows(BackupException.class, () -> restore.restore(foreign, 999));
        assertTrue(other.getMessage().contains("is not a backup"), other.getMessage());
        BackupException newer = assertThrows(BackupException.class, () -> restore.restore(backupFile, 5));
        assertTrue(newer.getMessage().contains("newer Atlas"), newer.getMessage());
        assertEquals(before, fingerprint(), "a refused restore left the database as it was");
    }

    private String fingerprint() throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(restoredUrl); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM project) || '/' || (SELECT md5(string_agg(fid || precision, ',' ORDER BY fid)) FROM project)"
                     + " || '/' || (SELECT count(*) FROM manual_placement) || '/' || (SELECT count(*) FROM audit_log)")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Content hashes of every collection's items, each statistic and one snapshot zip. */
    private Map<String, String> answers(TestServer server) throws Exception {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String c : COLLECTIONS) {
            hashes.put(c, get(server, "/collections/" + c + "/items?limit=10000"));
        }
        for (String g : List.of("county", "city", "area", "category", "nature", "precision", "source")) {
            hashes.put("stats " + g, get(server, "/api/stats?groupby=" + g));
        }
        hashes.put("review", get(server, "/api/review"));
        HttpResponse<byte[]> zip = http.send(HttpRequest.newBuilder(URI.create(server.url("/api/exports")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(SNAPSHOT)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, zip.statusCode());
        hashes.put("snapshot", sha256(zip.body()));
        return hashes;
    }

    private String get(TestServer server, String path) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(server.url(path))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), path);
        // Links name the server that answered (the two listen on different ports); timeStamp is the time of the answer.
        String body = new String(r.body(), StandardCharsets.UTF_8).replace(server.url(""), "http://server")
                .replaceAll("\"timeStamp\":\"[^\"]*\"", "\"timeStamp\":\"\"");
        return sha256(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
