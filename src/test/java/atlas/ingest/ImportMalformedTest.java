package atlas.ingest;

import atlas.db.Database;
import atlas.geocode.GeocodeStore;
import atlas.testing.PostgisExtension;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Random;

import static atlas.ingest.ImportStoreTest.count;
import static atlas.ingest.ImportStoreTest.fingerprint;
import static atlas.ingest.ImportStoreTest.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files a user really uploads, good and bad, through the whole import path into PostGIS. */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportMalformedTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    /** Imports a file that must fail: the report names the file and the reason; the database is as it was. */
    private ImportReport refused(Database db, Path file, String... reasonParts) throws Exception {
        try (Connection c = db.connection()) {
            String before = fingerprint(c);
            ImportReport r = new ImportService().importFile(c, file, line -> { });
            assertEquals("failed", r.status(), file.getFileName() + ": " + r);
            assertTrue(r.error().contains(file.getFileName().toString()), "error does not name the file: " + r.error());
            for (String part : reasonParts) {
                assertTrue(r.error().contains(part), "error lacks '" + part + "': " + r.error());
            }
            assertEquals(before, fingerprint(c), "a failed import changed the database");
            return r;
        }
    }

    @Test
    void missingNameColumnIsRefusedNamingTheColumnsFound(Database db) throws Exception {
        refused(db, write("no-name.csv", "序号,建设地点,总投资（亿元）\n1,杭州市萧山区,3\n2,湖州市吴兴区,4\n"
                .getBytes(StandardCharsets.UTF_8)), "no name column", "项目名称", "[序号, 建设地点, 总投资（亿元）]");
    }

    @Test
    void textTableWithoutANameColumnIsRefusedNotImportedEmpty(Database db) throws Exception {
        // The official text layout whose only table lacks a name column: today it is 'imported' with 0 rows,
        // a source_document row and no warning, so the user never learns why nothing arrived.
        refused(db, write("no-name.txt", "附表 4\n浙江省测试清单\n序号\t建设地点\t总投资(亿元)\n1\t杭州市萧山区\t3\n2\t湖州市吴兴区\t4\n"
                .getBytes(StandardCharsets.UTF_8)), "附表");
    }

    @Test
    void emptyAndBlankFilesAreRefused(Database db) throws Exception {
        refused(db, write("empty.csv", new byte[0]), "empty");
        refused(db, write("empty.txt", new byte[0]), "empty");
        refused(db, write("blank.txt", "  \n\t\n".getBytes(StandardCharsets.UTF_8)), "blank");
    }

    @Test
    void binaryFileNamedXlsxIsRefusedAsNotAWorkbook(Database db) throws Exception {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        noise[0] = 0x7f; // never the 'PK' of a zip
        refused(db, write("清单.xlsx", noise), "not an .xlsx workbook");
        // A real PDF renamed .xlsx, and a zip renamed .csv.
        refused(db, write("list.xlsx", "%PDF-1.7\n1 0 obj\n".getBytes(StandardCharsets.US_ASCII)), "not an .xlsx workbook");
        refused(db, write("list.csv", new byte[]{'P', 'K', 3, 4, 0, 0, 0, 0}), "binary");
        // A zip that is not a workbook: the name says xlsx, the content does not hold a sheet.
        refused(db, write("zip.xlsx", new byte[]{'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
    }

    @Test
    void textInTheInvestmentColumnImportsTheRowWithoutAnAmountAndWithAWarning(Database db) throws Exception {
        String csv = "浙江省测试清单（文字金额）\n序号,项目名称,建设地点,总投资（亿元）\n1,萧山文字金额测试项目,杭州市萧山区,约30亿\n2,萧山数字金额测试项目,杭州市萧山区,8.5\n";
        try (Connection c = db.connection()) {
            ImportReport r = new ImportService().importFile(c, write("text-amount.csv", csv.getBytes(StandardCharsets.UTF_8)), line -> { });
            assertEquals("imported", r.status(), r.toString());
            assertEquals(2, r.added());
            assertEquals(1, r.withWarnings());
            assertEquals("text-amount.csv 序号 1 (line 3): field 总投资 '约30亿' is not a number; imported without it",
                    r.warnings().get(0).describe());
            assertNull(scalar(c, "SELECT total_investment FROM project WHERE name = '萧山文字金额测试项目'"));
            assertTrue(scalar(c, "SELECT warnings::text FROM project WHERE name = '萧山文字金额测试项目'").contains("约30亿"));
            assertEquals("8.5000", scalar(c, "SELECT total_investment FROM project WHERE name = '萧山数字金额测试项目'"));
        }
    }

    @Test
    void anAmountTooLargeToBePlausibleIsAWarningNamingTheRowAndTheRowIsKept(Database db) throws Exception {
        // 10^14 亿元 is a typo or a wrong unit: the row stays (without the number) and the report names it.
        String csv = "序号,项目名称,建设地点,总投资（亿元）\n1,溢出测试项目甲,杭州市萧山区,3\n2,溢出测试项目乙,杭州市萧山区,100000000000000\n";
        Path file = write("overflow.csv", csv.getBytes(StandardCharsets.UTF_8));
        try (Connection c = db.connection()) {
            ImportReport r = new ImportService().importFile(c, file, line -> { });
            assertEquals("imported", r.status(), r.toString());
            assertEquals(2, r.imported());
            assertTrue(r.warnings().stream().anyMatch(w -> w.describe().contains("overflow.csv") && w.describe().contains("序号 2")
                    && w.describe().contains("总投资")), r.warnings().toString());
            try (java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(
                    "SELECT total_investment FROM project WHERE name = '溢出测试项目乙'")) {
                assertTrue(rs.next());
                assertEquals(null, rs.getBigDecimal(1));
            }
        }
    }

    @Test
    void gbkCsvAsExcelWritesItIsStoredReadableAndPlaced(Database db) throws Exception {
        String csv = "浙江省GBK测试清单\r\n序号,项目名称,建设地点,项目起止年限,总投资（亿元）,责任单位\r\n"
                + "一、交通工程,,,,,\r\n"
                + "1,\"萧山临浦综合交通枢纽, 一期\",杭州市萧山区,2021-2023,12.5,萧山区政府\r\n"
                + "2,湖州织里童装产业园,织里镇,2022,待核定,吴兴区政府\r\n";
        byte[] gbk = csv.getBytes(Charset.forName("GBK"));
        assertTrue(!new String(gbk, StandardCharsets.UTF_8).contains("萧山"), "the file must really be GBK");
        try (Connection c = db.connection()) {
            ImportReport r = new ImportService().importFile(c, write("gbk-list.csv", gbk), line -> { });
            assertEquals("imported", r.status(), r.toString());
            assertEquals(2, r.added());
            new GeocodeStore().run(c, false);
            assertEquals("萧山临浦综合交通枢纽, 一期|杭州市萧山区|12.5000|2021|2023|交通工程|gbk-list.csv|330109", scalar(c, """
                    SELECT concat_ws('|', p.name, p.location_text, p.total_investment, p.start_year, p.end_year, p.category,
                                     d.file_name, (SELECT string_agg(division_code, ',') FROM placement WHERE project_id = p.id))
                    FROM project p JOIN source_document d ON d.id = p.document_id WHERE p.list_title = '浙江省GBK测试清单' AND p.seq = '1'"""));
            assertEquals("330502", scalar(c, """
                    SELECT string_agg(division_code, ',') FROM placement pl JOIN project p ON p.id = pl.project_id
                    WHERE p.list_title = '浙江省GBK测试清单' AND p.seq = '2'"""));
        }
    }

    @Test
    void workbookMadeWithPoiIsStoredWithNumbersAsDecimals(Database db) throws Exception {
        Path file = dir.resolve("poi-list.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet s = wb.createSheet("清单");
            cells(s.createRow(0), "附表 9");
            cells(s.createRow(1), "浙江省POI测试清单");
            cells(s.createRow(3), "项目名称", "序号", "总投资（亿元）", "建设地点", "项目起止年限", "实施单位"); // shuffled columns
            cells(s.createRow(4), "一、未来社区工程。");
            Row r1 = s.createRow(5);
            cells(r1, "宁波镇海庄市未来社区", null, null, "宁波市镇海区", "2021-2024", "镇海区政府");
            r1.createCell(1).setCellValue(1);
            r1.createCell(2).setCellValue(18.25);
            Row r2 = s.createRow(6);
            cells(r2, "温州瓯海未来社区", null, "--", "温州市瓯海区", "2021", "瓯海区政府");
            r2.createCell(1).setCellValue(2);
            wb.write(out);
        }
        try (Connection c = db.connection()) {
            ImportReport r = new ImportService().importFile(c, file, line -> { });
            assertEquals("imported", r.status(), r.toString());
            assertEquals(2, r.added(), r.toString());
            assertEquals(1, r.withWarnings(), r.toString());
            assertEquals("1|18.2500|未来社区工程|poi-list.xlsx", scalar(c, """
                    SELECT concat_ws('|', p.seq, p.total_investment, p.category, d.file_name)
                    FROM project p JOIN source_document d ON d.id = p.document_id WHERE p.name = '宁波镇海庄市未来社区'"""));
            assertEquals(1, count(c, "SELECT count(*) FROM project WHERE name = '温州瓯海未来社区' AND total_investment IS NULL AND warnings::text LIKE '%total_investment%'"));
            // A second import of the very same workbook bytes changes nothing.
            String before = fingerprint(c);
            assertEquals("unchanged", new ImportService().importFile(c, file, line -> { }).status());
            assertEquals(before, fingerprint(c));
        }
    }

    private static void cells(Row row, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                row.createCell(i).setCellValue(values[i]);
            }
        }
    }
}
