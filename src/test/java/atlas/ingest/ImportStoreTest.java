package atlas.ingest;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import atlas.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two bundled lists as the database holds them after `./atlas demo` (the test database imports them the
 * same way): counts, sums, warnings, the raw row and its source; importing the same file again is a no-op.
 */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class ImportStoreTest {
    static final String METRO = "000_88eec6f24652ebc7.txt";
    static final String BAY = "001_30a6bebbb49a94f9.txt";
    static final Path LISTS = TestDatabases.home().resolve("geodata/lists");

    /** One value of a query with positional string parameters. */
    public static String scalar(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    public static long count(Connection c, String sql, Object... params) throws SQLException {
        return Long.parseLong(scalar(c, sql, params));
    }

    /** A hash over every row of the tables an import or a geocoding run may touch. */
    public static String fingerprint(Connection c) throws SQLException {
        List<String> parts = new ArrayList<>();
        for (String table : List.of("source_document", "project", "placement", "project_plan_area", "review_item",
                "rejected_row", "manual_placement")) {
            parts.add(table + ":" + scalar(c, "SELECT count(*) || '/' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM "
                    + table + " t"));
        }
        return String.join(" ", parts);
    }

    @Test
    void eachSeedListIsStoredWithItsProjectCountAndInvestmentSum(Database db) throws Exception {
        try (Connection c = db.connection()) {
            String sql = """
                    SELECT count(*), sum(p.total_investment), count(*) FILTER (WHERE p.total_investment IS NULL)
                    FROM project p JOIN source_document d ON d.id = p.document_id WHERE d.file_name = ? AND p.table_title = ?""";
            // The numbers of SeedListsTest (awk over the raw lines), now summed by PostGIS over what was stored.
            assertEquals("92|4739.8400|1", row(c, sql, METRO, "附表4"));
            assertEquals("294|31721.2700|1", row(c, sql, BAY, "附4"));
            assertEquals(92 + 294, count(c, "SELECT count(*) FROM project"), "only the two project lists are stored as projects");
            assertEquals(10, count(c, "SELECT count(DISTINCT category) FROM project p JOIN source_document d ON d.id = p.document_id WHERE d.file_name = ?", BAY));
            assertEquals(0, count(c, "SELECT count(*) FROM rejected_row"));
        }
    }

    private static String row(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                List<String> cells = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    cells.add(rs.getString(i));
                }
                return String.join("|", cells);
            }
        }
    }

    @Test
    void placeholderInvestmentsAreNullWithAWarningNamingTheRow(Database db) throws Exception {
        try (Connection c = db.connection()) {
            // 000 附表4 序号 92 reads '--', 001 附4 序号 128 reads '待核定': the only two without an amount.
            assertEquals("附4 128|附表4 92", scalar(c, """
                    SELECT string_agg(p.table_title || ' ' || p.seq, '|' ORDER BY p.table_title)
                    FROM project p WHERE p.total_investment IS NULL"""));
            for (String[] r : List.of(new String[]{METRO, "附表4", "92", "'--'"}, new String[]{BAY, "附4", "128", "'待核定'"})) {
                String warnings = scalar(c, """
                        SELECT p.warnings::text FROM project p JOIN source_document d ON d.id = p.document_id
                        WHERE d.file_name = ? AND p.table_title = ? AND p.seq = ?""", r[0], r[1], r[2]);
                assertTrue(warnings.contains("\"field\": \"total_investment\"") && warnings.contains(r[3])
                        && warnings.contains("\"seq\": \"" + r[2] + "\"") && warnings.contains("\"table\": \"" + r[1] + "\""),
                        r[1] + " 序号 " + r[2] + ": " + warnings);
            }
            // The stored report says the same.
            String report = scalar(c, "SELECT report::text FROM source_document WHERE file_name = ?", BAY);
            assertTrue(report.contains("待核定") && report.contains("\"withWarnings\""), report);
        }
    }

    @Test
    void everyProjectKeepsItsRawRowAndWhereItCameFrom(Database db) throws Exception {
        try (Connection c = db.connection()) {
            assertEquals(0, count(c, """
                    SELECT count(*) FROM project p LEFT JOIN source_document d ON d.id = p.document_id
                    WHERE d.file_name IS NULL OR coalesce(p.raw->>'text', '') = '' OR p.table_title = '' OR p.seq = ''
                       OR p.line_from IS NULL OR p.line_to IS NULL OR p.line_to < p.line_from
                       OR NOT (p.raw->>'text' LIKE p.seq || E'\\t%')"""), "projects without a raw row or a source reference");
            // 附表4 序号 36 wraps across a page break: lines 202-205, both lines kept in the raw text.
            assertEquals("202|205|2|附表4|" + METRO, row(c, """
                    SELECT p.line_from, p.line_to, cardinality(regexp_split_to_array(p.raw->>'text', E'\\n')), p.table_title, d.file_name
                    FROM project p JOIN source_document d ON d.id = p.document_id WHERE d.file_name = ? AND p.seq = '36'""", METRO));
            // The raw text is the source line itself.
            String line = java.nio.file.Files.readAllLines(LISTS.resolve(METRO)).get(296 - 1);
            assertEquals(line, scalar(c, """
                    SELECT p.raw->>'text' FROM project p JOIN source_document d ON d.id = p.document_id
                    WHERE d.file_name = ? AND p.seq = '92'""", METRO));
        }
    }

    @Test
    void reimportingTheSameFileIsUnchangedAndChangesNothing(Database db) throws Exception {
        try (Connection c = db.connection()) {
            String before = fingerprint(c);
            long version = count(c, "SELECT version FROM version_counter WHERE name = 'data'");
            for (String file : List.of(METRO, BAY)) {
                ImportReport r = new ImportService().importFile(c, LISTS.resolve(file), line -> { });
                assertEquals("unchanged", r.status(), file + ": " + r);
                assertEquals(0, r.added() + r.changed() + r.removed(), r.toString());
            }
            // The same bytes under another name are still the same document.
            Path copy = java.nio.file.Files.createTempDirectory("atlas-reimport").resolve("copy-of-000.txt");
            java.nio.file.Files.copy(LISTS.resolve(METRO), copy);
            assertEquals("unchanged", new ImportService().importFile(c, copy, line -> { }).status());
            assertEquals(before, fingerprint(c));
            assertEquals(version, count(c, "SELECT version FROM version_counter WHERE name = 'data'"), "the data version (ETags) moved");
        }
    }

    @Test
    void theStoredInvestmentIsTheDecimalOfTheDocument(Database db) throws Exception {
        try (Connection c = db.connection()) {
            // 000 附表4 序号 1: 94.5 / 16.2, 2019-2022, 杭州市余杭区
            assertEquals("94.5000|16.2000|2019|2022|杭州市余杭区|杭州西站枢纽综合配套设施及疏解通道项目", row(c, """
                    SELECT total_investment, planned_investment, start_year, end_year, location_text, name
                    FROM project p JOIN source_document d ON d.id = p.document_id WHERE d.file_name = ? AND p.table_title = '附表4' AND seq = '1'""", METRO));
            assertEquals(0, new BigDecimal("4035.40").compareTo(new BigDecimal(scalar(c,
                    "SELECT sum(planned_investment) FROM project WHERE table_title = '附4'"))));
        }
    }
}
