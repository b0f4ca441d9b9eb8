package atlas.ingest;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two bundled official lists (geodata/lists/) parse into the numbers a reader of the PDF would count. */
@Tag("unit")
class SeedListsTest {
    static final Path LISTS = Path.of(System.getProperty("atlas.home", "."), "geodata", "lists");
    static ParsedDocument metro;   // 000: 浙江省大都市区建设 2021 年 (附表4 = 92 projects)
    static ParsedDocument bay;     // 001: 浙江省大湾区建设 2023 年 (附4 = 294 projects)

    @BeforeAll
    static void read() throws DocumentException {
        metro = DocumentReader.read(LISTS.resolve("000_88eec6f24652ebc7.txt"));
        bay = DocumentReader.read(LISTS.resolve("001_30a6bebbb49a94f9.txt"));
    }

    static ParsedTable table(ParsedDocument doc, String title) {
        return doc.table(title).orElseThrow(() -> new AssertionError("no table " + title));
    }

    static ProjectRecord project(ParsedTable table, String seq) {
        return table.projects().stream().filter(p -> p.seq().equals(seq)).findFirst()
                .orElseThrow(() -> new AssertionError("no 序号 " + seq + " in " + table.title()));
    }

    static BigDecimal sum(ParsedTable table, Function<ProjectRecord, Optional<BigDecimal>> field) {
        return table.projects().stream().map(field).flatMap(Optional::stream).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static List<String> categories(ParsedTable table) {
        return table.projects().stream().map(p -> p.category().orElse("")).distinct().toList();
    }

    @Test
    void metropolitanListHas92ProjectsInOrderUnderTenCategories() {
        ParsedTable t = table(metro, "附表 4");
        assertEquals(TableKind.PROJECTS, t.kind());
        assertEquals("浙江省大都市区建设 2021 年重大项目清单", t.caption());
        assertEquals(92, t.projects().size());
        for (int i = 0; i < 92; i++) {
            assertEquals(String.valueOf(i + 1), t.projects().get(i).seq());
        }
        assertEquals(List.of("交通节点新城开发工程", "老旧小区综合改造工程", "高品质步行街提升工程", "城市阳台景观塑造工程",
                "海绵城市和绿心绿道网络连接工程", "文化活力街区打造工程", "优质高校院所引育工程", "区域医疗中心共建工程",
                "千年古城复兴工程", "一体化合作先行区共建工程"), categories(t));
        assertTrue(t.rejected().isEmpty());
    }

    @Test
    void metropolitanTotalsMatchAnIndependentCount() {
        ParsedTable t = table(metro, "附表4");
        // Computed once with awk over the raw lines of the table (lines 148-297), rows whose first cell is a number:
        //   awk -F'\t' 'NR>=148 && NR<=297 && $1 ~ /^[0-9]+$/ && $6 ~ /^[0-9.]+$/ {s+=$6} END {printf "%.2f", s}'
        // gives 4739.84 over 91 numeric cells (序号 92 reads '--'); column 7 the same way gives 542.29.
        assertEquals(0, new BigDecimal("4739.84").compareTo(sum(t, ProjectRecord::totalInvestment)));
        assertEquals(0, new BigDecimal("542.29").compareTo(sum(t, ProjectRecord::plannedInvestment)));
    }

    @Test
    void rowWrappedAcrossAPageBreakIsJoinedCellByCell() {
        // 序号 36 (line 202) continues on line 205, after the header repeated on line 204.
        ProjectRecord p = project(table(metro, "附表4"), "36");
        assertEquals(202, p.source().firstLine());
        assertEquals(205, p.source().lastLine());
        assertEquals(List.of("温州市鹿城区文广旅体局"), p.responsibleUnits());
        assertTrue(p.content().contains("“诗、禅、古航标”三大文化特质"), p.content());
        assertTrue(p.progress().endsWith("完成一期码头泊位、岸线；购置游船1艘。完成‘两馆’外立面、智能监控和灯光。"), p.progress());
        assertEquals("城市阳台景观塑造工程", p.category().orElseThrow());
        assertEquals(2, p.source().raw().lines().count());
        // The name column wraps too (附4 序号 127 continues on line 304).
        ProjectRecord q = project(table(bay, "附4"), "127");
        assertTrue(q.name().endsWith("〔2021〕20号地块项目)"), q.name());
    }

    @Test
    void metropolitanFieldsAreNormalised() {
        ParsedTable t = table(metro, "附表4");
        ProjectRecord first = project(t, "1");
        assertEquals("杭州西站枢纽综合配套设施及疏解通道项目", first.name());
        assertEquals("杭州市余杭区", first.locationText());
        assertEquals(Optional.of(2019), first.startYear());
        assertEquals(Optional.of(2022), first.endYear());
        assertEquals(new BigDecimal("94.5"), first.totalInvestment().orElseThrow());
        assertEquals(new BigDecimal("16.2"), first.plannedInvestment().orElseThrow());
        assertEquals("续建实施", first.source().cell("项目进度"));
        // '2019-2022 年' (序号 57)
        assertEquals(Optional.of(2022), project(t, "57").endYear());
        // '市科技局，浙南科技城管委会' (序号 86)
        assertEquals(List.of("市科技局", "浙南科技城管委会"), project(t, "86").responsibleUnits());
    }

    @Test
    void placeholderInvestmentIsEmptyWithAWarning() {
        ProjectRecord dash = project(table(metro, "附表4"), "92");          // '--'
        assertTrue(dash.totalInvestment().isEmpty());
        assertTrue(dash.plannedInvestment().isEmpty());
        assertTrue(dash.warnings().stream().anyMatch(w -> w.field().equals("total_investment")
                && w.describe().equals("附表4 序号 92 (line 296): field 总投资 '--' gives no amount; imported without it")));
        ProjectRecord tbd = project(table(bay, "附4"), "128");              // '待核定'
        assertTrue(tbd.totalInvestment().isEmpty());
        assertTrue(tbd.warnings().stream().anyMatch(w -> w.field().equals("total_investment") && w.message().contains("'待核定'")));
        assertTrue(table(bay, "附4").warnings().containsAll(tbd.warnings()));
    }

    @Test
    void bayAreaListHas294ProjectsInTenCategories() {
        ParsedTable t = table(bay, "附 4");
        assertEquals(TableKind.PROJECTS, t.kind());
        assertEquals(294, t.projects().size());
        assertTrue(t.rejected().isEmpty());
        assertEquals(List.of("以融入长三角一体化为重点的基础设施互联互通工程", "以三大科创走廊为重点的重大科创平台建设工程",
                "以集聚高端产业为重点的“万亩千亿”新产业平台培育工程", "以新金融为重点的金融港湾建设工程",
                "以供应链提升为重点的湾区现代物流体系建设工程", "以打造油气全产业链为重点的国际油气贸易中心建设工程",
                "以城市大脑为重点的“数字湾区”建设工程", "以应用支撑为重点的智慧海洋建设工程",
                "以高品质生活为重点的未来社区建设工程", "以美丽海湾建设为重点的生态海岸带建设工程"), categories(t));
        Map<String, Long> perCategory = t.projects().stream()
                .collect(Collectors.groupingBy(p -> p.category().orElse(""), Collectors.counting()));
        assertEquals(121L, perCategory.get("以融入长三角一体化为重点的基础设施互联互通工程"));
        assertEquals(3L, perCategory.get("以新金融为重点的金融港湾建设工程"));
    }

    @Test
    void bayAreaTotalsMatchAnIndependentCount() {
        ParsedTable t = table(bay, "附4");
        // awk -F'\t' 'NR>=148 && NR<=516 && $1 ~ /^[0-9]+$/ && $5 ~ /^[0-9.]+$/ {s+=$5} END {printf "%.2f", s}'
        // over the raw lines gives 31721.27 (293 numeric cells, 序号 128 reads 待核定); column 6 gives 4035.40;
        // column 4 counts 续建 235 and 新建 59.
        assertEquals(0, new BigDecimal("31721.27").compareTo(sum(t, ProjectRecord::totalInvestment)));
        assertEquals(0, new BigDecimal("4035.40").compareTo(sum(t, ProjectRecord::plannedInvestment)));
        Map<String, Long> nature = t.projects().stream()
                .collect(Collectors.groupingBy(p -> p.nature().orElse(""), Collectors.counting()));
        assertEquals(Map.of("续建", 235L, "新建", 59L), nature);
    }

    @Test
    void projectCodesAreFoundAndNormalised() {
        ParsedTable t = table(bay, "附4");
        assertEquals(List.of("2018-330000-53-01-029162-000"), project(t, "1").projectCodes());
        // '一期 : 2016-330100-48-01-013555-002; 二期 2016-330100-48-01-013555-001'
        assertEquals(List.of("2016-330100-48-01-013555-002", "2016-330100-48-01-013555-001"), project(t, "93").projectCodes());
        // '北区项目代码 2012-... 南区项目代码 2103-...'
        assertEquals(List.of("2012-331002-04-01-758929", "2103-331002-04-01-852366"), project(t, "142").projectCodes());
        // '2105-330110-04-01 - 544556': spaces around the dash dropped
        assertEquals(List.of("2105-330110-04-01-544556"), project(t, "261").projectCodes());
        assertEquals(Optional.of("330110"), ProjectCodes.divisionCode(project(t, "261").projectCodes().get(0)));
        // '/' means no code, without a warning
        ProjectRecord none = project(t, "45");
        assertTrue(none.projectCodes().isEmpty());
        assertTrue(none.warnings().isEmpty());
        // a misprinted code is kept as printed, with a warning
        ProjectRecord typo = project(t, "140");
        assertEquals(List.of("209-330591-04-01-262386"), typo.projectCodes());
        assertEquals(1, typo.warnings().size());
        assertEquals(7, project(t, "96").projectCodes().size());
    }

    @Test
    void otherTablesAreClassifiedByTheirHeaders() {
        assertEquals(List.of("附表1", "附表2", "附表3", "附表4", "附表5"), metro.tables().stream().map(ParsedTable::title).toList());
        assertEquals(List.of("附1", "附2", "附3", "附4", "附5"), bay.tables().stream().map(ParsedTable::title).toList());
        ParsedTable platforms = table(metro, "附表3");
        assertEquals(TableKind.PLATFORMS, platforms.kind());
        assertEquals(10, platforms.projects().size());
        assertEquals("重大城市创新平台", project(platforms, "1").name());
        ParsedTable bayPlatforms = table(bay, "附3");
        assertEquals(TableKind.PLATFORMS, bayPlatforms.kind());
        assertEquals(14, bayPlatforms.projects().size());
        assertEquals("湖州南太湖新区", project(bayPlatforms, "4").name());
        for (String title : List.of("附表1", "附表2", "附表5")) {
            ParsedTable other = table(metro, title);
            assertEquals(TableKind.OTHER, other.kind());
            assertTrue(other.projects().isEmpty());
            assertFalse(other.warnings().isEmpty());
        }
    }

    @Test
    void documentCarriesTheHashOfItsBytes() throws Exception {
        byte[] bytes = Files.readAllBytes(LISTS.resolve("000_88eec6f24652ebc7.txt"));
        assertEquals(DocumentReader.sha256(bytes), metro.sha256());
        assertEquals(64, metro.sha256().length());
        assertEquals("000_88eec6f24652ebc7.txt", metro.fileName());
    }
}
