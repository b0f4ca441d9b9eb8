package atlas.export;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A city's snapshot carries the city's work items: a CSV and a workbook with one sheet per kind. */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkItemsSnapshotTest {
    private static final String HANGZHOU = "{\"region\": \"330100\", \"formats\": [\"csv\", \"xlsx\"], \"generated_at\": \"2024-05-01T02:00:00Z\"}";
    private ExportServer server;
    private Map<String, byte[]> zip;
    private Map<String, Integer> expected;

    @BeforeAll
    void start(Database db) throws Exception {
        server = new ExportServer(db);
        zip = export();
        expected = new LinkedHashMap<>();
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT kind, count(*) FROM work_item WHERE '330100' = ANY (city_codes) GROUP BY kind")) {
            while (rs.next()) {
                expected.put(rs.getString(1), rs.getInt(2));
            }
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Map<String, byte[]> export() throws Exception {
        HttpResponse<byte[]> r = server.post("/api/exports", HANGZHOU);
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        return ExportServer.unzip(r.body());
    }

    @Test
    void theCsvHoldsEveryItemPlacedInTheCity() {
        String csv = new String(zip.get("work-items.csv"), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\uFEFF编号,类别,来源文件"), csv.substring(0, 40));
        List<String> lines = new ArrayList<>(List.of(csv.split("\r\n")));
        int total = expected.values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(total > 700, "杭州's own list alone has 733 items: " + total);
        // Cells hold no line breaks (the lists' text is joined), so one line is one item.
        assertEquals(total + 1, lines.size());
        assertTrue(csv.contains("杭州市城乡建设委员会"));
    }

    @Test
    void theWorkbookHasASheetPerKindWithItsItems() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(zip.get("work-items.xlsx")))) {
            List<String> names = new ArrayList<>();
            wb.forEach(s -> names.add(s.getSheetName()));
            assertEquals(List.of("重大改革", "重大政策", "重大平台", "重大项目", "重点任务"), names);
            Map<String, String> kinds = Map.of("reform", "重大改革", "policy", "重大政策", "platform", "重大平台",
                    "project", "重大项目", "task", "重点任务");
            for (Map.Entry<String, String> k : kinds.entrySet()) {
                Sheet s = wb.getSheet(k.getValue());
                assertEquals(expected.getOrDefault(k.getKey(), 0).intValue(), s.getLastRowNum(), k.getValue());
                assertEquals("完成时限", s.getRow(0).getCell(12).getStringCellValue());
            }
        }
        assertArrayEquals(zip.get("work-items.xlsx"), export().get("work-items.xlsx"), "the same request gives the same bytes");
    }
}
