package atlas.db;

import atlas.geocode.GeocodeStore;
import atlas.testing.TestDatabases;
import atlas.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database written at migration V5 (what a first-wave deployment holds: projects, their placements,
 * a placement set by hand, a user's report, the audit log) is upgraded by today's code and loses nothing.
 */
class UpgradeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "list:2021|附表4|7|杭州西站枢纽南北广场";
    /** Versions that were released and then left out: never reused (see README, "Migrations"). */
    private static final List<Integer> NEVER_USED = List.of(7, 9, 10, 20, 31);

    @Test
    void aV5DatabaseWithDataAndAManualPlacementIsUpgradedWithNothingLost() throws Exception {
        TestDatabases dbs = TestDatabases.get();
        String name = "atlas_upgrade_" + ProcessHandle.current().pid();
        Database.createDatabaseIfMissing(dbs.jdbcUrl("postgres"), name, null);
        try (Database db = Database.connect(dbs.jdbcUrl(name), 4)) {
            Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration").target("5").load().migrate();
            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                writeAsV5(st);
            }

            assertTrue(db.migrate() > 5, "today's migrations ran on the V5 database");
            assertTrue(db.migrationsCurrent());
            try (Connection c = db.connection()) {
                // What serve does on start: bundled reference data, then placing what is new or changed.
                atlas.load.ReferenceData.loadIfChanged(c, TestDatabases.home().resolve("geodata"), new PrintStream(OutputStream.nullOutputStream()));
                new GeocodeStore().run(c, true);
                try (Statement st = c.createStatement()) {
                    assertEquals("杭州西站枢纽南北广场|38.5000|3", text(st, "SELECT name || '|' || total_investment || '|' || "
                            + "(SELECT count(*) FROM project) FROM project WHERE project_key = '" + KEY + "'"), "projects and their figures kept");
                    assertEquals("{330106,330110}|人工核定：西站跨西湖、余杭|admin:1a2b3c",
                            text(st, "SELECT county_codes::text || '|' || comment || '|' || set_by FROM manual_placement"), "the manual placement kept");
                    assertEquals("user-report|南广场在余杭", text(st, "SELECT kind || '|' || comment FROM review_item"), "the user's report kept");
                    assertEquals("placement.set", text(st, "SELECT action FROM audit_log"), "the audit log kept");
                }
            }
            try (TestServer server = new TestServer(db)) {
                JsonNode items = JSON.readTree(server.get("/collections/projects/items?limit=10").body());
                JsonNode west = null;
                for (JsonNode f : items.path("features")) {
                    if (f.path("properties").path("name").asText().equals("杭州西站枢纽南北广场")) {
                        west = f;
                    }
                }
                assertTrue(west != null, items.toString());
                assertEquals("[\"330106\",\"330110\"]", west.path("properties").path("county_codes").toString(),
                        "the upgraded server places the project where the admin put it");
                assertTrue(west.path("properties").path("placement_methods").toString().contains("manual"));
                assertEquals(3, items.path("numberMatched").asInt());
            }
        } finally {
            try (Connection c = java.sql.DriverManager.getConnection(dbs.jdbcUrl("postgres")); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    @Test
    void migrationVersionsOnlyGrowAndTheGapsAreNeverFilled() throws Exception {
        Path folder = TestDatabases.home().resolve("src/main/resources/db/migration");
        List<Integer> versions = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.map(p -> p.getFileName().toString()).forEach(f -> {
                assertTrue(f.matches("V[0-9]+__[a-z0-9_]+\\.sql"), "migration file name: " + f);
                versions.add(Integer.parseInt(f.substring(1, f.indexOf("__"))));
            });
        }
        assertEquals(versions.size(), versions.stream().distinct().count(), "a version used twice: " + versions);
        for (int gap : NEVER_USED) {
            assertTrue(!versions.contains(gap), "V" + gap + " was skipped when released: a database at a later version would refuse it");
        }
    }

    /** Rows as the first wave's code wrote them at V5: a document, three projects, their placements, one set by hand. */
    private static void writeAsV5(Statement st) throws Exception {
        st.execute("""
                INSERT INTO division (code, name, short_name, level, parent_code) VALUES
                  ('330000', '浙江省', '浙江', 'province', NULL), ('330100', '杭州市', '杭州', 'city', '330000'),
                  ('330106', '西湖区', '西湖', 'county', '330100'), ('330110', '余杭区', '余杭', 'county', '330100'),
                  ('330102', '上城区', '上城', 'county', '330100')""");
        st.execute("INSERT INTO source_document (id, file_name, sha256) VALUES (1, '000_88eec6f24652ebc7.txt', 'ab12')");
        st.execute("""
                INSERT INTO project (id, project_key, document_id, list_title, table_title, seq, name, category, total_investment,
                                     raw, content_hash, precision, geom) VALUES
                  (1, '%s', 1, '浙江省大都市区建设 2021 年重大项目清单', '附表4', '7', '杭州西站枢纽南北广场', '综合交通', 38.5,
                   '{"项目名称": "杭州西站枢纽南北广场"}', 'h1', 'county', ST_SetSRID(ST_MakePoint(120.0, 30.3), 4326)),
                  (2, 'list:2021|附表4|8|上城区未来社区', 1, '浙江省大都市区建设 2021 年重大项目清单', '附表4', '8', '上城区未来社区', '城市更新', 12,
                   '{"项目名称": "上城区未来社区"}', 'h2', 'county', ST_SetSRID(ST_MakePoint(120.17, 30.25), 4326)),
                  (3, 'list:2021|附表4|9|杭州市域综合项目', 1, '浙江省大都市区建设 2021 年重大项目清单', '附表4', '9', '杭州市域综合项目', NULL, NULL,
                   '{"项目名称": "杭州市域综合项目"}', 'h3', 'city', NULL)""".formatted(KEY));
        st.execute("""
                INSERT INTO placement (project_id, division_code, method, precision, evidence) VALUES
                  (1, '330106', 'manual', 'counties', '人工核定'), (1, '330110', 'manual', 'counties', '人工核定'),
                  (2, '330102', 'name', 'county', '项目名称含“上城区”')""");
        st.execute("INSERT INTO manual_placement (project_key, county_codes, comment, set_by) VALUES ('" + KEY
                + "', '{330106,330110}', '人工核定：西站跨西湖、余杭', 'admin:1a2b3c')");
        st.execute("INSERT INTO review_item (project_key, kind, reason, comment) VALUES ('" + KEY + "', 'user-report', '位置有误', '南广场在余杭')");
        st.execute("INSERT INTO audit_log (actor, action, target) VALUES ('admin:1a2b3c', 'placement.set', '" + KEY + "')");
    }

    private static String text(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }
}
