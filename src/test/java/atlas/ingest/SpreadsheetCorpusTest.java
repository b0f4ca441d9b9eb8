package atlas.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spreadsheet corpus (src/test/resources/ingest/corpus, written by corpus/CorpusGenerator) read with the
 * figures written down by hand in its expected.tsv: rows, sums, categories, units, totals and report notes.
 */
class SpreadsheetCorpusTest {
    static final Path CORPUS = Path.of(System.getProperty("atlas.home", "."), "src", "test", "resources", "ingest", "corpus");

    record Expected(String file, String table, int projects, int rejected, String total, String planned, String categories,
                    String unitTotal, String unitPlanned, int checks, int mismatches, String unmapped, int skipped, String report) {
        @Override
        public String toString() {
            return file + " / " + table;
        }
    }

    static List<Expected> expected() throws IOException {
        List<Expected> out = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("expected.tsv"), StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.startsWith("file\t") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            out.add(new Expected(f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[4], f[5], f[6], f[7], f[8],
                    Integer.parseInt(f[9]), Integer.parseInt(f[10]), f[11], Integer.parseInt(f[12]), f[13]));
        }
        return out;
    }

    static ParsedDocument read(String file) throws DocumentException {
        return DocumentReader.read(CORPUS.resolve(file));
    }

    static BigDecimal sum(ParsedTable t, Function<ProjectRecord, Optional<BigDecimal>> field) {
        return t.projects().stream().map(field).flatMap(Optional::stream).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void corpusHasAtLeastTwelveFilesEachWithExpectations() throws IOException {
        List<String> files;
        try (var list = Files.list(CORPUS)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".tsv") && !n.endsWith(".md")).sorted().toList();
        }
        assertTrue(files.size() >= 12, files.toString());
        assertEquals(files, expected().stream().map(Expected::file).distinct().sorted().toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expected")
    void fileReadsAsWrittenDown(Expected e) throws Exception {
        ParsedDocument doc = read(e.file());
        ParsedTable t = doc.tables().stream().filter(x -> x.title().equals(e.table())).findFirst()
                .orElseThrow(() -> new AssertionError("no table " + e.table() + " in " + doc.tables().stream().map(ParsedTable::title).toList()));
        String report = String.join("\n", t.warnings().stream().map(RowIssue::describe).toList()) + "\n" + String.join("\n", doc.skipped());
        assertEquals(e.projects(), t.projects().size(), report);
        assertEquals(e.rejected(), t.rejected().size(), report);
        if (!e.total().equals("-")) {
            assertEquals(0, new BigDecimal(e.total()).compareTo(sum(t, ProjectRecord::totalInvestment)), "总投资 sum " + sum(t, ProjectRecord::totalInvestment));
        }
        if (!e.planned().equals("-")) {
            assertEquals(0, new BigDecimal(e.planned()).compareTo(sum(t, ProjectRecord::plannedInvestment)), "计划投资 sum " + sum(t, ProjectRecord::plannedInvestment));
        } else {
            assertTrue(t.projects().stream().allMatch(p -> p.plannedInvestment().isEmpty()));
        }
        List<String> categories = t.projects().stream().map(p -> p.category().orElse("")).distinct().toList();
        assertEquals(e.categories().equals("-") ? List.of("") : List.of(e.categories().split("\\|")), categories);
        List<String> units = new ArrayList<>(t.reading().units().values());
        assertTrue(units.get(0).startsWith(e.unitTotal()), units.toString());
        if (!e.unitPlanned().equals("-")) {
            assertTrue(units.get(1).startsWith(e.unitPlanned()), units.toString());
        }
        assertEquals(e.checks(), t.reading().totals().size(), t.reading().totals().toString());
        assertEquals(e.mismatches(), t.reading().totals().stream().filter(c -> !c.matches()).count(), t.reading().totals().toString());
        assertEquals(e.unmapped().equals("-") ? List.of() : List.of(e.unmapped().split("\\|")), t.reading().unmapped());
        assertEquals(e.skipped(), doc.skipped().size(), doc.skipped().toString());
        if (!e.report().equals("-")) {
            for (String needle : e.report().split(" ; ")) {
                assertTrue(report.contains(needle), "'" + needle + "' not in the report:\n" + report);
            }
        }
        // A totals row is never a project nor a rejected row.
        assertTrue(t.projects().stream().noneMatch(p -> Values.isTotalLabel(p.name()) || Values.isTotalLabel(p.seq())));
        assertTrue(t.rejected().stream().noneMatch(r -> r.source().raw().contains("合计") || r.source().raw().contains("小计")));
    }

    @Test
    void twoRowHeaderNamesColumnsByTheirPathAndKeepsBothAmounts() throws Exception {
        ParsedTable t = read("01-two-row-header.xlsx").tables().get(0);
        assertEquals(List.of("序号", "项目名称", "建设地点", "建设性质", "建设起止年限", "投资/总投资", "投资/2024年计划投资", "责任单位"), t.headers());
        assertEquals("某市2024年重大建设项目计划表", t.caption());
        ProjectRecord p = t.projects().get(1);
        assertEquals("城西快速路二期", p.name());
        assertEquals(new BigDecimal("32.15"), p.totalInvestment().orElseThrow());
        assertEquals(new BigDecimal("5"), p.plannedInvestment().orElseThrow().stripTrailingZeros());
        assertEquals(Optional.of(2024), p.startYear());
        assertEquals(List.of("市城投集团"), p.responsibleUnits());
        assertEquals(2, t.reading().headerRows());
        assertTrue(t.warnings().isEmpty(), t.warnings().toString());
    }

    @Test
    void captionUnitConvertsAPlainHeaderAndIsReported() throws Exception {
        ParsedTable t = read("02-caption-unit-and-notes-sheet.xlsx").tables().get(0);
        ProjectRecord first = t.projects().get(0);
        assertEquals(0, new BigDecimal("12.5").compareTo(first.totalInvestment().orElseThrow()), "125000 万元 is 12.5 亿元");
        assertEquals(0, new BigDecimal("2").compareTo(first.plannedInvestment().orElseThrow()));
        assertEquals("万元 (caption: 单位：万元)", t.reading().units().get("总投资"));
        assertEquals("2024年某县重点建设项目表", t.caption());
    }

    @Test
    void unitColumnAppliesRowByRow() throws Exception {
        ParsedTable t = read("04-unit-column.xlsx").tables().get(0);
        assertEquals(List.of("28.6", "0.32", "1.85", "212.5", "0.96", "46.3"),
                t.projects().stream().map(p -> p.totalInvestment().orElseThrow().stripTrailingZeros().toPlainString()).toList());
        assertEquals("money_unit", t.reading().mapped().get("单位"));
    }

    @Test
    void subSectionsAreASecondLevelAndSectionSubtotalsAreChecked() throws Exception {
        ParsedTable t = read("06-sections-subsections-subtotals.xlsx").tables().get(0);
        assertEquals(List.of("铁路", "铁路", "公路", "公路", "", "", ""),
                t.projects().stream().map(p -> p.subcategory().orElse("")).toList());
        TableReading.TotalCheck transport = t.reading().totals().get(0);
        assertEquals("交通工程", transport.scope());
        assertEquals(4, transport.rows());
        assertTrue(transport.matches());
        TableReading.TotalCheck wrong = t.reading().totals().stream().filter(c -> !c.matches()).findFirst().orElseThrow();
        assertEquals("合计", wrong.label());
        assertEquals("table", wrong.scope());
        assertEquals(0, new BigDecimal("110.4").compareTo(wrong.printed()));
        assertEquals(0, new BigDecimal("106.4").compareTo(wrong.summed()));
        assertEquals(13, wrong.line());
    }

    @Test
    void mergedDataCellsApplyToEveryRowTheyCover() throws Exception {
        ParsedTable t = read("08-merged-data-cells.xlsx").tables().get(0);
        assertEquals(List.of("德清县", "德清县", "德清县", "安吉县"), t.projects().stream().map(ProjectRecord::locationText).toList());
        assertEquals(List.of("续建", "续建", "新建", "新建"), t.projects().stream().map(p -> p.nature().orElse("")).toList());
        assertEquals(List.of("德清县交通局"), t.projects().get(1).responsibleUnits());
        assertEquals(List.of("德清县住建局"), t.projects().get(2).responsibleUnits());
    }

    @Test
    void wordTableWithSpannedAndMergedCellsIsRead() throws Exception {
        ParsedDocument doc = read("10-word-tables.docx");
        ParsedTable t = doc.tables().get(0);
        assertEquals("某市2024年重大项目清单", t.caption(), "the body text above is not the caption");
        assertEquals(List.of("序号", "项目名称", "建设地点", "投资/总投资", "投资/年度计划", "责任单位"), t.headers());
        assertEquals(List.of("金华市交通局"), t.projects().get(1).responsibleUnits(), "vMerge covers the row below");
        assertEquals(1, doc.tables().size());
        assertTrue(doc.skipped().get(0).contains("填表说明"), doc.skipped().toString());
    }

    @Test
    void gbkCsvWithoutBomKeepsItsChineseText() throws Exception {
        ParsedTable t = read("11-gbk.csv").tables().get(0);
        assertEquals("某县2024年重点项目", t.caption());
        assertEquals("千岛湖环湖公路提升", t.projects().get(0).name());
        assertEquals("淳安县交通运输局", t.projects().get(0).responsibleUnits().get(0));
    }

    @Test
    void threeRowHeaderMapsTheLowestLabel() throws Exception {
        ParsedTable t = read("14-three-row-header.xlsx").tables().get(0);
        assertEquals(3, t.reading().headerRows());
        assertEquals("planned_investment", t.reading().mapped().get("资金（亿元）/2024年/计划投资"));
        assertEquals("亿元 (header)", t.reading().units().get("资金（亿元）/总投资"));
    }

    @Test
    void groupLabelsAboveTheColumnNamesArePartOfTheHeader() throws Exception {
        ParsedTable t = read("16-group-row-above.xlsx").tables().get(0);
        assertEquals("丽水市2024年重点项目", t.caption(), "the group row is not the caption");
        assertEquals("投资情况（万元）/总投资", t.headers().get(4));
        assertEquals(2, t.reading().headerRows());
    }

    @Test
    void legacyXlsReadsItsGroupHeaderUnit() throws Exception {
        ParsedTable t = read("09-legacy.xls").tables().get(0);
        assertEquals("万元 (header)", t.reading().units().get("投资（万元）/总投资"));
        assertEquals(Arrays.asList("生态环保", "生态环保", "城乡建设", "城乡建设", "城乡建设"),
                t.projects().stream().map(p -> p.category().orElse("")).toList());
    }
}
