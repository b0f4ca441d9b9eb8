package atlas.ingest;

import atlas.db.Database;
import atlas.geocode.GeocodeStore;
import atlas.testing.PostgisExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static atlas.ingest.ImportStoreTest.count;
import static atlas.ingest.ImportStoreTest.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A new version of the 2021 metropolitan list (000): one row's 总投资 changed, one row gone, one row added.
 * The import updates the shared projects in place (same feature ids), removes the gone one, adds the new one.
 */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class ImportNewVersionTest {
    static final String LIST = "浙江省大都市区建设 2021 年重大项目清单";
    private Map<String, String> idsBefore;
    private String otherListBefore;
    private java.math.BigDecimal sumBefore;
    private java.math.BigDecimal removedAmount;
    private ImportReport report;

    /**
     * A copy of 000 as a ministry would re-issue it: 附表4 序号 2 (绍兴高铁北站 TOD) 总投资 83.9 -> 90.1, 序号 91
     * (“千年古城”复兴计划) deleted, a new 序号 93 (湖州 吴兴区) added at the end of the table.
     */
    public static Path modifiedMetroList(Path dir, String fileName) throws Exception {
        Path source = ImportStoreTest.LISTS.resolve(ImportStoreTest.METRO);
        List<String> lines = new ArrayList<>(Files.readAllLines(source, StandardCharsets.UTF_8));
        int from = indexOf(lines, "附表 4", 0);
        int to = indexOf(lines, "附表 5", from);
        boolean changed = false;
        boolean removed = false;
        int last = -1;
        for (int i = from; i < to; i++) {
            String[] cells = lines.get(i).split("\t", -1);
            if (cells[0].equals("2") && cells[1].startsWith("绍兴高铁北站")) {
                assertEquals("83.9", cells[5]);
                cells[5] = "90.1";
                lines.set(i, String.join("\t", cells));
                changed = true;
            } else if (cells[0].equals("91")) {
                lines.set(i, null);
                removed = true;
            } else if (cells[0].equals("92")) {
                last = i;
            }
        }
        assertTrue(changed && removed && last > 0, "000 no longer looks as expected");
        lines.add(last + 1, String.join("\t", "93", "湖州南太湖新区长东未来社区", "新建未来社区住宅及配套设施。", "湖州市吴兴区",
                "2021-2024", "25", "5", "开工建设。", "吴兴区政府", "新建"));
        lines.removeIf(java.util.Objects::isNull);
        Path file = dir.resolve(fileName);
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private static int indexOf(List<String> lines, String title, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(title)) {
                return i;
            }
        }
        throw new AssertionError("no line '" + title + "' in 000");
    }

    /** seq -> "id/fid" of the list's projects. */
    private static Map<String, String> ids(Connection c) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT seq, id, fid FROM project WHERE list_title = '" + LIST + "'")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2) + "/" + rs.getString(3));
            }
        }
        return out;
    }

    private static String otherList(Connection c) throws SQLException {
        // The rows and their placement; not the served history of projects linked across the lists
        // (identity/), which names the new version of this list.
        return scalar(c, """
                SELECT md5(string_agg((p.id, p.project_key, p.document_id, p.content_hash, p.raw, p.precision, p.geom,
                  p.plan_areas)::text, '|' ORDER BY p.id)) FROM project p WHERE list_title <> ?""", LIST);
    }

    @BeforeAll
    void importNewVersion(Database db) throws Exception {
        Path file = modifiedMetroList(Files.createTempDirectory("atlas-v2"), "000_v2.txt");
        try (Connection c = db.connection()) {
            idsBefore = ids(c);
            otherListBefore = otherList(c);
            sumBefore = new java.math.BigDecimal(scalar(c, "SELECT sum(total_investment) FROM project WHERE list_title = ?", LIST));
            removedAmount = new java.math.BigDecimal(scalar(c, "SELECT total_investment FROM project WHERE list_title = ? AND seq = '91'", LIST));
            report = new ImportService().importFile(c, file, line -> { });
            new GeocodeStore().run(c, false);
        }
    }

    @Test
    void reportSaysOneAddedOneChangedOneRemoved() {
        assertEquals("imported", report.status(), report.toString());
        assertEquals(1, report.added(), report.toString());
        assertEquals(1, report.changed(), report.toString());
        assertEquals(1, report.removed(), report.toString());
        assertEquals(90, report.unchangedRows(), report.toString());
        assertEquals(92, report.rowsRead());
    }

    @Test
    void sharedProjectsKeepTheirIdsAndTheChangedOneHasTheNewAmount(Database db) throws Exception {
        try (Connection c = db.connection()) {
            Map<String, String> after = ids(c);
            assertEquals(92, after.size());
            for (Map.Entry<String, String> e : idsBefore.entrySet()) {
                if (!e.getKey().equals("91")) {
                    assertEquals(e.getValue(), after.get(e.getKey()), "序号 " + e.getKey() + " got a new id");
                }
            }
            assertTrue(after.containsKey("93") && !after.containsKey("91"), after.keySet().toString());
            assertEquals("90.1000", scalar(c, "SELECT total_investment FROM project WHERE list_title = ? AND seq = '2'", LIST));
            // 4739.84 - 83.9 + 90.1 (序号 2) - 序号 91's amount + 25 (序号 93)
            assertEquals(sumBefore.subtract(new java.math.BigDecimal("83.9")).add(new java.math.BigDecimal("90.1"))
                            .subtract(removedAmount).add(new java.math.BigDecimal("25")).setScale(4).toPlainString(),
                    scalar(c, "SELECT sum(total_investment) FROM project WHERE list_title = ?", LIST));
            // The new version's source: the project rows now point at the new document.
            assertEquals(92, count(c, "SELECT count(*) FROM project p JOIN source_document d ON d.id = p.document_id WHERE d.file_name = '000_v2.txt'"));
            assertEquals(otherListBefore, otherList(c), "the other list (001) was touched");
        }
    }

    @Test
    void theAddedProjectIsPlacedAndTheRemovedOneIsGoneEverywhere(Database db) throws Exception {
        try (Connection c = db.connection()) {
            assertEquals("330502", scalar(c, """
                    SELECT string_agg(pl.division_code, ',') FROM project p JOIN placement pl ON pl.project_id = p.id
                    WHERE p.list_title = ? AND p.seq = '93'""", LIST));
            assertEquals(0, count(c, "SELECT count(*) FROM project WHERE name LIKE '%千年古城%'"));
            assertEquals(0, count(c, "SELECT count(*) FROM placement pl LEFT JOIN project p ON p.id = pl.project_id WHERE p.id IS NULL"));
        }
    }

    @Test
    void theReviewListHoldsNoItemsOfRemovedProjects(Database db) throws Exception {
        try (Connection c = db.connection()) {
            // 序号 91 (全省) had an open 'province' review item; with the project gone, the reviewer must not see it.
            List<Map<String, Object>> open = new atlas.review.ReviewStore().open(c, java.util.Optional.empty(), 10_000);
            List<Map<String, Object>> orphans = open.stream().filter(m -> m.get("project_id") == null).toList();
            assertEquals(List.of(), orphans, "open review items without a project");
        }
    }
}
