package atlas.ingest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV lists as users export them from Excel: GBK or UTF-8, quoted cells, columns in any order. */
@Tag("unit")
class CsvReaderTest {
    @TempDir
    Path dir;

    private ParsedTable read(String name, byte[] bytes) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        ParsedDocument doc = DocumentReader.read(file);
        assertEquals(1, doc.tables().size());
        return doc.tables().get(0);
    }

    @Test
    void gbkCsvWithQuotedCommasAndLineBreaksIsRead() throws Exception {
        String csv = """
                浙江省重大项目清单,,,,,
                序号,项目名称,建设地点,项目起止年限,总投资（亿元）,责任单位
                一、交通工程,,,,,
                1,杭州至德清城际铁路,"德清县、杭州市余杭区",2020-2024,196,"德清县政府, 省交通集团"
                2,"温州""S3""线一期","温州市
                瓯海区",2021,"1,234.5",温州市政府
                二、民生工程,,,,,
                3,嘉兴市文化艺术中心,嘉兴市秀洲区,2019—2021,11,嘉兴市秀湖实业投资有限公司
                """;
        ParsedTable t = read("清单.csv", csv.getBytes(Charset.forName("GBK")));
        assertEquals("清单.csv", t.title());
        assertEquals("浙江省重大项目清单", t.caption());
        assertEquals(3, t.projects().size());
        ProjectRecord p1 = t.projects().get(0);
        assertEquals("杭州至德清城际铁路", p1.name());
        assertEquals(Optional.of("交通工程"), p1.category());
        assertEquals(List.of("德清县政府", "省交通集团"), p1.responsibleUnits());
        assertEquals(new BigDecimal("196"), p1.totalInvestment().orElseThrow());
        ProjectRecord p2 = t.projects().get(1);
        assertEquals("温州\"S3\"线一期", p2.name());
        assertEquals("温州市瓯海区", p2.locationText());
        assertEquals(new BigDecimal("1234.5"), p2.totalInvestment().orElseThrow());
        assertEquals(Optional.of(2021), p2.startYear());
        assertEquals(Optional.of(2021), p2.endYear());
        assertEquals(5, p2.source().firstLine());
        assertEquals(6, p2.source().lastLine());
        ProjectRecord p3 = t.projects().get(2);
        assertEquals(Optional.of("民生工程"), p3.category());
        assertEquals(Optional.of(2019), p3.startYear());
        assertEquals(Optional.of(2021), p3.endYear());
        assertTrue(t.warnings().isEmpty(), t.warnings().toString());
    }

    @Test
    void utf8BomCsvWithShuffledColumnsIsMappedByHeaderName() throws Exception {
        String csv = "\uFEFF总投资 (亿元),责任单位,项目代码,项目名称,序号,建设性质,2023年计划投资(亿元)\r\n"
                + "382.5,杭州市政府,2018-330000-53-01-029162-000,铁路杭州萧山机场站枢纽,1,续建,50\r\n"
                + "待核定,省科技厅,/,之江实验室二期,2,新建,\r\n";
        ParsedTable t = read("bay.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals("序号", t.headers().get(4));
        ProjectRecord p = t.projects().get(0);
        assertEquals("1", p.seq());
        assertEquals("铁路杭州萧山机场站枢纽", p.name());
        assertEquals(new BigDecimal("382.5"), p.totalInvestment().orElseThrow());
        assertEquals(new BigDecimal("50"), p.plannedInvestment().orElseThrow());
        assertEquals(List.of("2018-330000-53-01-029162-000"), p.projectCodes());
        assertEquals(Optional.of("续建"), p.nature());
        assertEquals(List.of("杭州市政府"), p.responsibleUnits());
        assertEquals("382.5", p.source().cell("总投资 (亿元)"));
        ProjectRecord q = t.projects().get(1);
        assertTrue(q.totalInvestment().isEmpty());
        assertEquals(List.of("total_investment"), q.warnings().stream().map(RowIssue::field).toList());
    }

    @Test
    void textInAnInvestmentColumnGivesAWarningAndNoAmount() throws Exception {
        String csv = "序号,项目名称,总投资\n12,某某新城开发,约30亿\n13,某某公园,8\n";
        ParsedTable t = read("附4.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(2, t.projects().size(), "the row is still imported");
        ProjectRecord p = t.projects().get(0);
        assertTrue(p.totalInvestment().isEmpty());
        assertEquals(1, p.warnings().size());
        assertEquals("附4.csv 序号 12 (line 2): field 总投资 '约30亿' is not a number; imported without it",
                p.warnings().get(0).describe());
        assertEquals(p.warnings(), t.warnings());
    }

    @Test
    void amountsInTenThousandYuanAreConvertedToYiYuan() throws Exception {
        String csv = "序号,项目名称,总投资（万元）\n1,某项目,125000\n";
        ParsedTable t = read("wan.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(0, new BigDecimal("12.5").compareTo(t.projects().get(0).totalInvestment().orElseThrow()));
    }

    @Test
    void rowWithoutANameIsRejectedWithItsRawText() throws Exception {
        String csv = "序号,项目名称,总投资\n1,,5\n2,某项目,6\n";
        ParsedTable t = read("noname.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, t.projects().size());
        assertEquals(1, t.rejected().size());
        RejectedRow r = t.rejected().get(0);
        assertEquals("1,,5", r.source().raw());
        assertEquals("name", r.reason().field());
        assertTrue(r.reason().message().contains("项目名称"));
    }

    @Test
    void missingNameColumnIsAnErrorNamingTheHeaders() throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "序号,地点,金额\n1,杭州,3\n");
        DocumentException e = assertThrows(DocumentException.class, () -> DocumentReader.read(file));
        assertEquals("bad.csv", e.fileName());
        assertTrue(e.getMessage().contains("no name column"), e.getMessage());
        assertTrue(e.getMessage().contains("[序号, 地点, 金额]"), e.getMessage());
    }

    @Test
    void missingNameColumnIsAnErrorFromColumnMapToo() {
        DocumentException e = assertThrows(DocumentException.class,
                () -> ColumnMap.require("x.txt", "附表9", List.of("序号", "改革事项")));
        assertTrue(e.getMessage().contains("附表9") && e.getMessage().contains("改革事项"), e.getMessage());
    }
}
