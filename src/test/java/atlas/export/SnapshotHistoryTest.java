package atlas.export;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.poi.ss.usermodel.Row;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A snapshot of 金华市 counts projects once and carries each project's list entries (CSV column, XLSX sheet). */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnapshotHistoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private ExportServer server;
    private Map<String, byte[]> jinhua;

    @BeforeAll
    void start(Database db) throws Exception {
        server = new ExportServer(db);
        HttpResponse<byte[]> r = server.post("/api/exports",
                "{\"region\": \"330700\", \"generated_at\": \"2024-05-01T02:00:00Z\", \"formats\": [\"csv\", \"xlsx\"]}");
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        jinhua = ExportServer.unzip(r.body());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void theCsvRowOfTheCollegeNamesBothEntries() {
        String text = new String(jinhua.get("projects.csv"), StandardCharsets.UTF_8);
        List<String> college = text.lines().filter(l -> l.contains("金华理工学院")).toList();
        assertEquals(1, college.size(), "one project, one row: " + college);
        String row = college.get(0);
        assertEquals("金华理工学院建设工程", row.split(",")[1], "the latest entry's name (after its 编号): " + row);
        assertTrue(row.contains("2021年 附表4 序号87“金华理工学院项目” 27.93亿元") && row.contains("（同一项目）")
                && row.contains("2023年 附4 序号149“金华理工学院建设工程” 26.38亿元") && row.contains("（本条）"), row);
    }

    @Test
    void theXlsxHasASheetOfEntriesAndTheSummarySaysHowItCounts() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(jinhua.get("projects.xlsx")))) {
            Sheet s = wb.getSheet("历次条目");
            assertEquals("清单年份", s.getRow(0).getCell(1).getStringCellValue());
            List<String> college = new ArrayList<>();
            for (Row r : s) {
                if (r.getRowNum() > 0 && r.getCell(0).getStringCellValue().equals("金华理工学院建设工程")) {
                    college.add((int) r.getCell(1).getNumericCellValue() + " " + r.getCell(5).getStringCellValue() + " "
                            + r.getCell(7).getNumericCellValue());
                }
            }
            assertEquals(List.of("2021 金华理工学院项目 27.93", "2023 金华理工学院建设工程 26.38"), college);
        }
        JsonNode summary = JSON.readTree(jinhua.get("summary.json"));
        assertEquals("projects", summary.path("counting").asText());
        assertTrue(new String(jinhua.get("README.txt"), StandardCharsets.UTF_8).contains("计数方式：按项目计数"));
    }
}
