package atlas.ingest;

import atlas.db.Database;
import atlas.geocode.GeocodeStore;
import atlas.testing.PostgisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
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
 * A list of a few thousand rows, with the characters that break naive bulk loading (quotes, commas,
 * backslashes, braces, line breaks, the word NULL, empty cells), through the whole import path.
 */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportBulkCsvTest {
    private static final String HEADER = "序号,项目名称,建设地点,项目代码,总投资（亿元）,项目起止年限,责任单位,建设规模和内容\n";

    private static final String TITLE = "浙江省批量导入新版本测试清单";

    @TempDir
    Path dir;

    /** Row i of the generated list: the same text every time for the same i and version. */
    private static String row(int i, String amount, int codeBase) {
        return switch (i % 5) {
            case 0 -> i + ",\"宁波\"\"甬江\"\"科创区块" + i + "\",宁波市鄞州区,,\"" + amount + "\",2021-2024,\"鄞州区政府、{宁波}\\城投\",\"一期, 二期\n含\"\"引号\"\"\"\n";
            case 1 -> i + ",NULL测试项目" + i + ",,2205-330110-04-01-" + String.format("%06d", codeBase + i) + "," + amount + ",,,\n";
            case 2 -> i + ",\\N反斜杠项目" + i + ",\"杭州市萧山区,滨江区\",,--,2022,萧山区政府,\\.\n";
            default -> i + ",湖州织里产业园" + i + ",织里镇,," + amount + ",2019-2023,吴兴区政府;南浔区政府,\"{\"\"a\"\"}\"\n";
        };
    }

    private Path list(String name, String title, int rows, java.util.function.IntFunction<String> amount) throws Exception {
        return listIn(dir, name, title, rows, amount);
    }

    private static Path listIn(Path dir, String name, String title, int rows, java.util.function.IntFunction<String> amount)
            throws Exception {
        StringBuilder csv = new StringBuilder(title).append('\n').append(HEADER);
        for (int i = 1; i <= rows; i++) {
            csv.append(row(i, amount.apply(i), title.equals(TITLE) ? 500_000 : 0));
            if (i == 1234) {
                csv.append("1234.5,,杭州市萧山区,,3,2021,萧山区政府,没有名称的行\n");
            }
        }
        Path file = dir.resolve(name);
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }

    /** seq -> id of the test list's projects. */
    private static Map<String, Long> ids(Connection c, String title) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT seq, id FROM project WHERE list_title = '" + title + "'")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    @Test
    void everyRowIsStoredWithItsValuesAndTheRowWithoutANameIsKeptWithItsReason(Database db) throws Exception {
        Path file = list("bulk-v1.csv", "浙江省批量导入测试清单", 2000, i -> (i % 100) + ".25");
        try (Connection c = db.connection()) {
            ImportReport r = new ImportService().importFile(c, file, line -> { });
            assertEquals("imported", r.status(), r.toString());
            assertEquals(2001, r.rowsRead());
            assertEquals(2000, r.added());
            assertEquals(1, r.rejectedCount());
            assertEquals(2000, count(c, "SELECT count(*) FROM project WHERE list_title = '浙江省批量导入测试清单'"));
            // Ids follow the document's order.
            assertEquals(0, count(c, """
                    SELECT count(*) FROM (SELECT seq::int - row_number() OVER (ORDER BY id) AS gap
                    FROM project WHERE list_title = '浙江省批量导入测试清单') t WHERE gap <> 0"""));

            assertEquals("宁波\"甬江\"科创区块10|宁波市鄞州区|10.2500|2021|2024|{鄞州区政府,\"{宁波}\\\\城投\"}|一期, 二期含\"引号\"|{}",
                    scalar(c, "SELECT concat_ws('|', name, location_text, total_investment, start_year, end_year,"
                            + " responsible_units, content, project_codes) FROM project WHERE list_title = '浙江省批量导入测试清单' AND seq = '10'"));
            // The raw row keeps the line break inside the quoted cell.
            assertTrue(scalar(c, "SELECT raw->>'text' FROM project WHERE list_title = '浙江省批量导入测试清单' AND seq = '10'")
                    .contains("一期, 二期\n含"));
            // 'NULL' is a word, an empty cell is no value.
            assertEquals("NULL测试项目11|<null>|{2205-330110-04-01-000011}|<null>|{}|<null>", scalar(c, """
                    SELECT concat_ws('|', name, coalesce(location_text, '<null>'), project_codes,
                                     coalesce(start_year::text, '<null>'), responsible_units, coalesce(content, '<null>'))
                    FROM project WHERE project_key = 'code:2205-330110-04-01-000011'"""));
            // Backslash sequences are text, '--' is no amount and a warning.
            assertEquals("\\N反斜杠项目12|杭州市萧山区,滨江区|<null>|\\.", scalar(c, """
                    SELECT concat_ws('|', name, location_text, coalesce(total_investment::text, '<null>'), content)
                    FROM project WHERE list_title = '浙江省批量导入测试清单' AND seq = '12'"""));
            assertTrue(scalar(c, "SELECT warnings::text FROM project WHERE list_title = '浙江省批量导入测试清单' AND seq = '12'")
                    .contains("total_investment"));
            assertEquals("{\"a\"}|{吴兴区政府,南浔区政府}", scalar(c, """
                    SELECT concat_ws('|', content, responsible_units) FROM project
                    WHERE list_title = '浙江省批量导入测试清单' AND seq = '13'"""));
            java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
            for (int i = 1; i <= 2000; i++) {
                sum = i % 5 == 2 ? sum : sum.add(new java.math.BigDecimal((i % 100) + ".25"));
            }
            assertEquals(sum.setScale(4).toPlainString(),
                    scalar(c, "SELECT sum(total_investment) FROM project WHERE list_title = '浙江省批量导入测试清单'"));

            String rejected = scalar(c, """
                    SELECT concat_ws('|', r.seq, r.line_from, r.raw_text, r.reason) FROM rejected_row r
                    JOIN source_document d ON d.id = r.document_id WHERE d.file_name = 'bulk-v1.csv'""");
            assertTrue(rejected.startsWith("1234.5|") && rejected.contains("没有名称的行") && rejected.contains("no 项目名称"),
                    rejected);
            assertTrue(r.rejected().get(0).describe().contains("1234.5"), r.rejected().toString());
        }
    }

    @Test
    void aNewVersionOfTheBulkListKeepsIdsAndReportsWhatChanged(Database db) throws Exception {
        try (Connection c = db.connection()) {
            assertEquals("imported", new ImportService().importFile(c,
                    list("versions-v1.csv", TITLE, 2000, i -> (i % 100) + ".25"), line -> { }).status());
            new atlas.geocode.GeocodeStore().run(c, false);
            Map<String, Long> before = ids(c, TITLE);
            // Version 2 (same file name: a CSV's table is its file): rows 8 and 9 get new amounts,
            // row 2000 is gone, rows 2001-2003 are new.
            List<String> lines = new ArrayList<>();
            Path v2 = listIn(Files.createDirectory(dir.resolve("v2")), "versions-v1.csv", TITLE, 2003,
                    i -> i == 8 || i == 9 ? "999.5" : (i % 100) + ".25");
            for (String line : Files.readAllLines(v2, StandardCharsets.UTF_8)) {
                if (!line.startsWith("2000,")) {
                    lines.add(line);
                }
            }
            Files.write(v2, lines, StandardCharsets.UTF_8);
            ImportReport r = new ImportService().importFile(c, v2, line -> { });
            assertEquals("imported", r.status(), r.toString());
            assertEquals(3, r.added(), r.toString());
            assertEquals(2, r.changed(), r.toString());
            assertEquals(1, r.removed(), r.toString());
            assertEquals(1997, r.unchangedRows(), r.toString());
            Map<String, Long> after = ids(c, TITLE);
            for (Map.Entry<String, Long> e : before.entrySet()) {
                if (!e.getKey().equals("2000")) {
                    assertEquals(e.getValue(), after.get(e.getKey()), "序号 " + e.getKey() + " got a new id");
                }
            }
            assertTrue(!after.containsKey("2000") && after.containsKey("2003"));
            assertEquals("999.5000", scalar(c, "SELECT total_investment FROM project WHERE list_title = '" + TITLE + "' AND seq = '8'"));
            assertEquals(2002, count(c, "SELECT count(*) FROM project p JOIN source_document d ON d.id = p.document_id WHERE d.file_name = 'versions-v1.csv' AND d.id = (SELECT max(id) FROM source_document)"));
            // Only the changed and the new rows wait for the geocoder.
            assertEquals("2001,2002,2003,8,9", scalar(c, "SELECT string_agg(seq, ',' ORDER BY seq) FROM project WHERE list_title = '"
                    + TITLE + "' AND geocoded_at IS NULL"));
        }
    }

    @Test
    void twoRowsWithTheSameCodeAndSeqAreOneProjectWithTheLaterValues(Database db) throws Exception {
        Path file = dir.resolve("dup.csv");
        Files.writeString(file, "浙江省重复代码测试清单\n" + HEADER
                + "1,重复代码项目甲,杭州市萧山区,2205-330109-04-01-999001,3,2021,,\n"
                + "1,重复代码项目甲,杭州市萧山区,2205-330109-04-01-999001,5,2021,,\n"
                + "1,重复代码项目甲,杭州市萧山区,2205-330109-04-01-999001,7,2021,,\n");
        try (Connection c = db.connection()) {
            ImportReport r = new ImportService().importFile(c, file, line -> { });
            assertEquals("imported", r.status(), r.toString());
            assertEquals(3, r.rowsRead());
            assertEquals(2, count(c, "SELECT count(*) FROM project WHERE list_title = '浙江省重复代码测试清单'"));
            assertEquals("code:2205-330109-04-01-999001=3.0000 code:2205-330109-04-01-999001|1=7.0000", scalar(c, """
                    SELECT string_agg(project_key || '=' || total_investment, ' ' ORDER BY id) FROM project
                    WHERE list_title = '浙江省重复代码测试清单'"""));
        }
    }

    @Test
    void aNewVersionWithOnlyNewRowsReplacesTheOldOnesAndTheirOpenReviewItemsClose(Database db) throws Exception {
        String list = "浙江省整表更换测试清单";
        Path v1 = dir.resolve("swap-v1.csv");
        Files.writeString(v1, list + "\n" + HEADER
                + "1,整表更换旧项目甲,杭州市萧山区,2205-330109-04-01-999101,3,2021,,\n"
                + "2,整表更换旧项目乙,某地,,4,2021,,\n");
        Path v2 = dir.resolve("swap-v2.csv");
        Files.writeString(v2, list + "\n" + HEADER
                + "1,整表更换新项目丙,湖州市吴兴区,2205-330502-04-01-999102,5,2022,,\n");
        try (Connection c = db.connection()) {
            assertEquals("imported", new ImportService().importFile(c, v1, line -> { }).status());
            new GeocodeStore().run(c, false);
            long openBefore = count(c, "SELECT count(*) FROM review_item WHERE status = 'open' AND project_key LIKE 'list:" + list + "%'");
            assertTrue(openBefore >= 1, "乙 names no place: it waits for review");
            ImportReport r = new ImportService().importFile(c, v2, line -> { });
            assertEquals(1, r.added(), r.toString());
            assertEquals(2, r.removed(), r.toString());
            assertEquals("整表更换新项目丙", scalar(c, "SELECT string_agg(name, ',') FROM project WHERE list_title = '" + list + "'"));
            assertEquals(0, count(c, "SELECT count(*) FROM review_item WHERE status = 'open' AND project_key LIKE 'list:" + list + "%'"),
                    "the removed row's review item is closed");
        }
    }
}
