package atlas.ingest;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Workbooks made with POI, laid out like the official lists. */
@Tag("unit")
class XlsxReaderTest {
    @TempDir
    Path dir;

    private static void row(Sheet sheet, int index, Object... values) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Number n) {
                row.createCell(i).setCellValue(n.doubleValue());
            } else if (values[i] != null) {
                row.createCell(i).setCellValue(values[i].toString());
            }
        }
    }

    private Path write(String name, Workbook wb) throws Exception {
        Path file = dir.resolve(name);
        try (wb; OutputStream out = Files.newOutputStream(file)) {
            wb.write(out);
        }
        return file;
    }

    @Test
    void workbookWithTitleSectionsAndNumbersIsRead() throws Exception {
        Workbook wb = new XSSFWorkbook();
        wb.createSheet("说明");                                   // no header here: skipped
        Sheet s = wb.createSheet("项目");
        row(s, 0, "附表 4");
        row(s, 1, "浙江省大都市区建设 2021 年重大项目清单");
        row(s, 3, "序号", "项目名称", "建设地点", "项目起止年限", "总投资\n（亿元）", "年度计划投资(亿元)", "实施单位");
        row(s, 4, "一、交通节点新城开发工程。");
        row(s, 5, 1, "杭州西站枢纽综合配套设施", "杭州市余杭区", "2019-2022", 94.5, 16.2, "杭州市西站枢纽开发有限公司");
        row(s, 6, 2, "绍兴高铁北站 TOD 项目", "绍兴镜湖新区", "2020-2024", 83.9, 18, "绍兴市政府");
        row(s, 7, "二、老旧小区综合改造工程。");
        row(s, 8, 3, "台州黄岩东浦社区", "台州市黄岩区", "2021-", "待核定", 5, "黄岩经济开发区管委会");
        Path file = write("list.xlsx", wb);

        ParsedDocument doc = DocumentReader.read(file);
        ParsedTable t = doc.tables().get(0);
        assertEquals("附表4", t.title());
        assertEquals("浙江省大都市区建设 2021 年重大项目清单", t.caption());
        assertEquals(3, t.projects().size());
        ProjectRecord p1 = t.projects().get(0);
        assertEquals("1", p1.seq());
        assertEquals(new BigDecimal("94.5"), p1.totalInvestment().orElseThrow());
        assertEquals(Optional.of("交通节点新城开发工程"), p1.category());
        assertEquals(6, p1.source().firstLine());
        assertEquals(new BigDecimal("18"), t.projects().get(1).plannedInvestment().orElseThrow());
        ProjectRecord p3 = t.projects().get(2);
        assertEquals(Optional.of("老旧小区综合改造工程"), p3.category());
        assertEquals(Optional.of(2021), p3.startYear());
        assertTrue(p3.endYear().isEmpty());
        assertTrue(p3.totalInvestment().isEmpty());
        assertEquals(List.of("total_investment"), p3.warnings().stream().map(RowIssue::field).toList());
    }

    @Test
    void workbookWithoutANameColumnIsAnError() throws Exception {
        Workbook wb = new XSSFWorkbook();
        Sheet s = wb.createSheet("Sheet1");
        row(s, 0, "序号", "金额");
        row(s, 1, 1, 5);
        Path file = write("noname.xlsx", wb);
        DocumentException e = assertThrows(DocumentException.class, () -> DocumentReader.read(file));
        assertTrue(e.getMessage().startsWith("noname.xlsx: "), e.getMessage());
        assertTrue(e.getMessage().contains("[序号, 金额]"), e.getMessage());
    }
}
