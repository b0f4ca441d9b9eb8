package atlas.ingest;

import atlas.ingest.ColumnMap.Field;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Header names through header-synonyms.tsv, headers of two rows in CSV, sections and totals in text. */
class HeaderSynonymsTest {

    private static Field fieldOf(String header) {
        ColumnMap m = ColumnMap.match(List.of("序号", "项目名称", header));
        return m.columns().entrySet().stream().filter(e -> e.getValue() == 2).map(Map.Entry::getKey).findFirst().orElse(null);
    }

    @Test
    void theSynonymsOfficialsUseMapToTheirFields() {
        Map<Field, List<String>> synonyms = Map.of(
                Field.LOCATION, List.of("建设地点", "建设地址", "项目属地", "所在地", "所属县（市、区）", "区县"),
                Field.TOTAL_INVESTMENT, List.of("总投资", "总投资额", "计划总投资", "总投资额（万元）"),
                Field.PLANNED_INVESTMENT, List.of("年度计划", "2024年计划投资", "年度投资计划", "2024年度投资计划", "2024年计划完成投资"),
                Field.YEARS, List.of("建设起止年限", "建设年限", "起止年限", "建设周期"),
                Field.UNITS, List.of("责任单位", "牵头单位", "实施单位", "业主单位", "主管单位", "项目业主"),
                Field.NATURE, List.of("建设性质", "性质"));
        synonyms.forEach((field, headers) -> headers.forEach(h -> assertEquals(field, fieldOf(h), h)));
        assertEquals(null, fieldOf("联系人"));
        assertEquals(null, fieldOf("累计完成投资"), "work done so far is not the annual plan");
        assertTrue(ColumnMap.match(List.of("序号", "项目名称及主要建设内容")).has(Field.NAME));
        assertEquals(List.of("联系人"), ColumnMap.match(List.of("序号", "项目名称", "联系人")).unmapped());
    }

    @Test
    void everyFieldHasSynonymsFromTheResource() {
        for (Field f : Field.values()) {
            assertTrue(!ColumnMap.synonyms(f).isEmpty(), f + " has no synonym in header-synonyms.tsv");
        }
    }

    @Test
    void csvTwoRowHeaderWithTheGroupLabelPrintedOnce() throws Exception {
        String csv = """
                序号,项目名称,建设地点,投资（万元）,,责任单位
                ,,,总投资,年度计划,
                1,某大桥,温州市鹿城区,50000,8000,市交投
                2,某公园,温州市瓯海区,12000,3000,瓯海区政府
                """;
        ParsedTable t = DocumentReader.read("two.csv", csv.getBytes(StandardCharsets.UTF_8)).tables().get(0);
        assertEquals(List.of("序号", "项目名称", "建设地点", "投资（万元）/总投资", "投资（万元）/年度计划", "责任单位"), t.headers());
        assertEquals(2, t.projects().size());
        assertEquals(0, new BigDecimal("5").compareTo(t.projects().get(0).totalInvestment().orElseThrow()));
        assertEquals(0, new BigDecimal("0.8").compareTo(t.projects().get(0).plannedInvestment().orElseThrow()));
        assertTrue(t.rejected().isEmpty());
    }

    @Test
    void aWrappedFirstRowIsNotTakenForASecondHeaderRow() throws Exception {
        // The row under the header continues project 1 (no 序号); its cells are under mapped columns: data, not header.
        String csv = "序号,项目名称,建设规模和内容,总投资\n1,某快速路,主线长,12\n,,约 8 公里,\n";
        ParsedTable t = DocumentReader.read("wrap.csv", csv.getBytes(StandardCharsets.UTF_8)).tables().get(0);
        assertEquals(List.of("序号", "项目名称", "建设规模和内容", "总投资"), t.headers());
        assertEquals("主线长约 8 公里", t.projects().get(0).content());
    }

    @Test
    void textTablesGetCountlessSectionsSubSectionsAndCheckedTotals() throws Exception {
        String text = "附表 4\n某市重大项目清单\n序号\t项目名称\t总投资（亿元）\n"
                + "一、交通工程（共3个项目）\n（一）轨道交通\n1\t地铁一号线\t100\n2\t地铁二号线\t80\n"
                + "（二）公路\n3\t快速路\t20\n小计\t\t20\n合计\t\t210\n";
        ParsedTable t = DocumentReader.read("list.txt", text.getBytes(StandardCharsets.UTF_8)).tables().get(0);
        assertEquals(3, t.projects().size());
        assertEquals(List.of(Optional.of("交通工程")), t.projects().stream().map(ProjectRecord::category).distinct().toList());
        assertEquals(List.of("轨道交通", "轨道交通", "公路"), t.projects().stream().map(p -> p.subcategory().orElse("")).toList());
        List<TableReading.TotalCheck> checks = t.reading().totals();
        assertEquals(2, checks.size());
        assertEquals("交通工程 / 公路", checks.get(0).scope());
        assertTrue(checks.get(0).matches());
        assertEquals(false, checks.get(1).matches());
        assertTrue(t.warnings().stream().anyMatch(w -> w.message().contains("prints 210 亿元 but its 3 rows sum to 200 亿元")),
                t.warnings().toString());
        assertTrue(t.rejected().isEmpty(), "totals rows are not rejected rows");
    }
}
