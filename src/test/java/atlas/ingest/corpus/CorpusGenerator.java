package atlas.ingest.corpus;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the spreadsheet test corpus (src/test/resources/ingest/corpus) the way officials lay out their lists:
 * title rows, unit lines, headers merged over two or three rows, section rows with counts and subtotals,
 * 合计 / 小计 / 总计 rows, merged data cells, 说明 sheets, .xls, .docx and GBK CSV.
 * The expected figures of each file are written down by hand in expected.tsv beside the files, not taken
 * from the importer. The projects are made up; the layouts follow published 发改委 lists.
 *
 * <p>Run: {@code mvn -q test-compile && java -cp "target/test-classes:target/classes:$(mvn -q
 * dependency:build-classpath -Dmdep.outputFile=/dev/stdout)" atlas.ingest.corpus.CorpusGenerator}
 */
public final class CorpusGenerator {
    private final Path dir;

    private CorpusGenerator(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/ingest/corpus");
        Files.createDirectories(dir);
        CorpusGenerator g = new CorpusGenerator(dir);
        g.twoRowHeader();
        g.captionUnitAndExplanationSheet();
        g.headerUnitCsv();
        g.unitColumn();
        g.synonyms();
        g.sectionsAndSubtotals();
        g.totalsMismatchCsv();
        g.mergedDataCells();
        g.legacyXls();
        g.wordTables();
        g.gbkCsv();
        g.implausibleValues();
        g.looksLikeWanCsv();
        g.threeRowHeader();
        g.twoListSheets();
        g.groupRowAboveTheNames();
    }

    // ---- helpers ----

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

    private static void merge(Sheet sheet, int firstRow, int lastRow, int firstCol, int lastCol) {
        sheet.addMergedRegion(new CellRangeAddress(firstRow, lastRow, firstCol, lastCol));
    }

    private void write(String name, Workbook wb) throws IOException {
        try (wb; OutputStream out = Files.newOutputStream(dir.resolve(name))) {
            wb.write(out);
        }
    }

    private void text(String name, String text, Charset charset) throws IOException {
        Files.write(dir.resolve(name), text.getBytes(charset));
    }

    // ---- files ----

    /** 01: title, unit caption, 投资 merged over 总投资 and 2024年计划投资, sections with counts, 合计. */
    private void twoRowHeader() throws IOException {
        Workbook wb = new XSSFWorkbook();
        Sheet s = wb.createSheet("重大项目");
        row(s, 0, "附表1");
        row(s, 1, "某市2024年重大建设项目计划表");
        merge(s, 1, 1, 0, 7);
        row(s, 2, null, null, null, null, null, null, null, "单位：亿元");
        row(s, 3, "序号", "项目名称", "建设地点", "建设性质", "建设起止年限", "投资", null, "责任单位");
        row(s, 4, null, null, null, null, null, "总投资", "2024年计划投资", null);
        for (int c : new int[]{0, 1, 2, 3, 4, 7}) {
            merge(s, 3, 4, c, c);
        }
        merge(s, 3, 3, 5, 6);
        row(s, 5, "一、交通基础设施（4项）");
        merge(s, 5, 5, 0, 7);
        row(s, 6, 1, "杭临城际铁路延伸线", "临安区", "续建", "2021-2025", 45.6, 8.2, "市交通集团");
        row(s, 7, 2, "城西快速路二期", "西湖区", "新建", "2024-2027", 32.15, 5.0, "市城投集团");
        row(s, 8, 3, "港区疏港公路", "钱塘区", "续建", "2022-2025", 18.4, 4.6, "钱塘区管委会");
        row(s, 9, 4, "机场东枢纽配套道路", "萧山区", "新建", "2024-2026", 12.8, 3.1, "萧山区交通运输局");
        row(s, 10, "二、社会民生（3项）");
        merge(s, 10, 10, 0, 7);
        row(s, 11, 5, "市第一人民医院新院区", "钱塘区", "新建", "2024-2027", 26.5, 4.0, "市卫生健康委");
        row(s, 12, 6, "城东未来社区", "上城区", "续建", "2022-2025", 15.2, 3.8, "上城区政府");
        row(s, 13, 7, "职业技术学院迁建", "富阳区", "续建", "2023-2026", 9.75, 2.5, "市教育局");
        row(s, 14, "三、产业发展（3项）");
        merge(s, 14, 14, 0, 7);
        row(s, 15, 8, "集成电路产业园二期", "滨江区", "新建", "2024-2028", 60, 6, "高新区管委会");
        row(s, 16, 9, "新能源汽车零部件基地", "桐庐县", "续建", "2023-2025", 22.3, 7.7, "桐庐县经信局");
        row(s, 17, 10, "智能装备产业园", "建德市", "新建", "2024-2026", 14.6, 3.9, "建德市政府");
        row(s, 18, "合计", null, null, null, null, 257.3, 48.8);
        merge(s, 18, 18, 0, 4);
        write("01-two-row-header.xlsx", wb);
    }

    /** 02: 填报说明 sheet first; 单位：万元 above a plain 总投资; 合计 at the top; an unmapped 备注 column. */
    private void captionUnitAndExplanationSheet() throws IOException {
        Workbook wb = new XSSFWorkbook();
        Sheet notes = wb.createSheet("填报说明");
        row(notes, 0, "填报说明");
        row(notes, 1, "1. 金额单位为万元，保留整数。");
        row(notes, 2, "2. 建设地址填写到县（市、区）。");
        Sheet s = wb.createSheet("项目表");
        row(s, 0, "2024年某县重点建设项目表");
        row(s, 1, "单位：万元");
        row(s, 2, "序号", "项目名称", "建设地址", "总投资", "年度计划", "建设年限", "牵头单位", "备注");
        row(s, 3, "合计", null, null, 529300, 96000);
        row(s, 4, 1, "县城综合客运枢纽", "诸暨市", 125000, 20000, "2023-2026", "县交通运输局", "省重点");
        row(s, 5, 2, "浦阳江治理三期", "诸暨市", 86000, 15000, "2024-2027", "县水利局", null);
        row(s, 6, 3, "城南污水处理厂扩建", "诸暨市", 43500, 8000, "2024-2025", "县住建局", null);
        row(s, 7, 4, "高新区标准厂房", "诸暨市", 210000, 30000, "2024-2028", "高新区管委会", "市重点");
        row(s, 8, 5, "城市书房提升", "诸暨市", 9800, 3000, "2024", "县文广旅游局", null);
        row(s, 9, 6, "人民医院医技楼", "诸暨市", 15600, 5600, "2023-2025", "县卫健局", null);
        row(s, 10, 7, "老旧小区改造（二期）", "诸暨市", 32000, 12000, "2024-2025", "县住建局", null);
        row(s, 11, 8, "农贸市场改造", "诸暨市", 7400, 2400, "2024", "县市场监管局", null);
        write("02-caption-unit-and-notes-sheet.xlsx", wb);
    }

    /** 03: 总投资（万元） in the header, sub-sections only （一）, 小计 per section and 合计. */
    private void headerUnitCsv() throws IOException {
        text("03-header-unit.csv", """
                某区2024年政府投资项目计划
                序号,项目名称,建设地点,总投资（万元）,年度投资计划（万元）,责任单位
                （一）市政交通,,,,,
                1,文一路综合整治,拱墅区,36000,12000,区建设局
                2,运河二通道配套桥梁,拱墅区,58000,20000,区交通局
                小计,,,94000,32000,
                （二）水利环境,,,,,
                3,运河水质提升,拱墅区,12500,6000,区林水局
                4,城北排涝泵站,拱墅区,8800,4400,区林水局
                5,河道生态修复,拱墅区,4600,2300,区林水局
                小计,,,25900,12700,
                合计,,,119900,44700,
                """, StandardCharsets.UTF_8);
    }

    /** 04: a 单位 column saying, row by row, whether the amounts are in 万元 or 亿元. */
    private void unitColumn() throws IOException {
        Workbook wb = new XSSFWorkbook();
        Sheet s = wb.createSheet("Sheet1");
        row(s, 0, "序号", "项目名称", "所在地", "单位", "总投资", "年度计划投资", "业主单位");
        row(s, 1, 1, "瓯江大桥", "鹿城区", "亿元", 28.6, 4.2, "市交投集团");
        row(s, 2, 2, "城市书房", "鹿城区", "万元", 3200, 1600, "鹿城区文广局");
        row(s, 3, 3, "滨江公园", "瓯海区", "万元", 18500, 6000, "瓯海区住建局");
        row(s, 4, 4, "轨道交通S2线", "龙湾区", "亿元", 212.5, 30, "市铁投集团");
        row(s, 5, 5, "老旧小区改造", "鹿城区", "万元", 9600, 4800, "鹿城区住建局");
        row(s, 6, 6, "南站综合体", "瓯海区", "亿元", 46.3, 8.5, "市城发集团");
        write("04-unit-column.xlsx", wb);
    }

    /** 05: synonyms (项目属地, 性质, 起止年限, 总投资额, 实施单位) and two columns no synonym maps. */
    private void synonyms() throws IOException {
        Workbook wb = new XSSFWorkbook();
        Sheet s = wb.createSheet("清单");
        row(s, 0, "序号", "项目名称", "项目属地", "性质", "起止年限", "总投资额（亿元）", "2024年计划投资（亿元）", "实施单位", "联系人", "联系电话");
        row(s, 1, 1, "临港物流园", "舟山市定海区", "新建", "2024-2026", 15.2, 3, "定海区交投", "王某", "0580-0000001");
        row(s, 2, 2, "海洋科创中心", "舟山市普陀区", "续建", "2022-2025", 8.6, 2.1, "普陀区科技局", "李某", "0580-0000002");
        row(s, 3, 3, "跨海大桥连接线", "岱山县", "续建", "2021-2025", 33.0, 6.5, "岱山县交通局", "张某", "0580-0000003");
        row(s, 4, 4, "渔港改造", "嵊泗县", "新建", "2024-2025", 4.75, 1.2, "嵊泗县海洋局", "赵某", "0580-0000004");
        row(s, 5, 5, "海岛供水工程", "舟山市定海区", "续建", "2023-2025", 11.1, 2.8, "市水务集团", "钱某", "0580-0000005");
        write("05-synonyms-and-unmapped.xlsx", wb);
    }

    /** 06: 一、 sections with subtotals on their own row, （一） sub-sections, and a 合计 that does not add up. */
    private void sectionsAndSubtotals() throws IOException {
        Workbook wb = new XSSFWorkbook();
        Sheet s = wb.createSheet("项目");
        row(s, 0, "序号", "项目名称", "建设地点", "总投资（亿元）", "2024年计划投资（亿元）", "责任单位");
        row(s, 1, "一、交通工程（4项）", null, null, 86.5, 14.5);
        merge(s, 1, 1, 0, 2);
        row(s, 2, "（一）铁路（2项）");
        row(s, 3, 1, "城际铁路联络线", "嘉善县", 30, 5, "县交通局");
        row(s, 4, 2, "铁路货运站改造", "平湖市", 25.5, 4.5, "平湖市交通局");
        row(s, 5, "（二）公路（2项）");
        row(s, 6, 3, "沿海公路拓宽", "海盐县", 20, 3, "海盐县交通局");
        row(s, 7, 4, "国道改线", "桐乡市", 11, 2, "桐乡市交通局");
        row(s, 8, "二、民生工程（3项）", null, null, 19.9, 6);
        merge(s, 8, 8, 0, 2);
        row(s, 9, 5, "妇幼保健院迁建", "南湖区", 8.4, 2.5, "南湖区卫健局");
        row(s, 10, 6, "体育公园", "秀洲区", 6.5, 2.0, "秀洲区体育局");
        row(s, 11, 7, "养老服务中心", "海宁市", 5.0, 1.5, "海宁市民政局");
        row(s, 12, "合计", null, null, 110.4, 20.5);
        write("06-sections-subsections-subtotals.xlsx", wb);
    }

    /** 07: a 总计 whose planned sum is wrong, and a row with no name (rejected, not a total). */
    private void totalsMismatchCsv() throws IOException {
        text("07-totals-mismatch.csv", """
                序号,项目名称,建设地点,总投资(亿元),年度计划投资(亿元),责任单位
                1,南浔古镇保护提升,南浔区,12.3,2.1,南浔区政府
                2,湖州港航物流中心,吴兴区,7.7,1.9,市港航局
                3,,德清县,5,1,德清县政府
                4,安吉两山创新园,安吉县,10,3,安吉县政府
                总计,,,30,6,
                """, StandardCharsets.UTF_8);
    }

    /** 08: 建设地点 merged over three rows, 建设性质 and 责任单位 over two. */
    private void mergedDataCells() throws IOException {
        Workbook wb = new XSSFWorkbook();
        Sheet s = wb.createSheet("项目");
        row(s, 0, "序号", "项目名称", "建设地点", "建设性质", "总投资（亿元）", "年度计划投资（亿元）", "责任单位");
        row(s, 1, 1, "莫干山景区道路提升", "德清县", "续建", 6.2, 1.1, "德清县交通局");
        row(s, 2, 2, "下渚湖湿地保护", null, null, 4.8, 0.9, null);
        row(s, 3, 3, "地理信息小镇二期", null, "新建", 3.5, 0.6, "德清县住建局");
        row(s, 4, 4, "安吉竹产业园", "安吉县", "新建", 9.9, 2.4, "安吉县政府");
        merge(s, 1, 3, 2, 2);
        merge(s, 1, 2, 3, 3);
        merge(s, 1, 2, 6, 6);
        write("08-merged-data-cells.xlsx", wb);
    }

    /** 09: legacy .xls (HSSF): 说明 sheet, unit in the merged group header 投资（万元）, sections with counts. */
    private void legacyXls() throws IOException {
        Workbook wb = new HSSFWorkbook();
        Sheet notes = wb.createSheet("说明");
        row(notes, 0, "本表由各县（市、区）发改局填报，12月底前报送。");
        Sheet s = wb.createSheet("附表");
        row(s, 0, "附表3");
        row(s, 1, "衢州市2024年生态和城乡建设项目表");
        row(s, 2, "序号", "项目名称", "建设地点", "投资（万元）", null, "责任单位");
        row(s, 3, null, null, null, "总投资", "年度计划", null);
        for (int c : new int[]{0, 1, 2, 5}) {
            merge(s, 2, 3, c, c);
        }
        merge(s, 2, 2, 3, 4);
        row(s, 4, "一、生态环保（2项）");
        row(s, 5, 1, "污水处理厂提标改造", "衢江区", 32000, 8000, "衢江区住建局");
        row(s, 6, 2, "乌溪江生态修复", "柯城区", 18500, 5200, "柯城区林水局");
        row(s, 7, "二、城乡建设（3项）");
        row(s, 8, 3, "美丽乡村示范带", "龙游县", 12600, 4300, "龙游县农业农村局");
        row(s, 9, 4, "城中村改造", "柯城区", 56000, 15000, "柯城区政府");
        row(s, 10, 5, "农贸市场提升", "江山市", 4800, 2400, "江山市市场监管局");
        write("09-legacy.xls", wb);
    }

    /** 10: a Word document: 附件1, caption and 单位：万元 above a table with gridSpan and vMerge; a 说明 table. */
    private void wordTables() throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); OutputStream out = Files.newOutputStream(dir.resolve("10-word-tables.docx"))) {
            doc.createParagraph().createRun().setText("关于印发某市2024年重大项目清单的通知");
            doc.createParagraph().createRun().setText("各县（市、区）人民政府，市政府各部门：现将清单印发给你们，请认真贯彻落实。");
            doc.createParagraph().createRun().setText("附件1");
            doc.createParagraph().createRun().setText("某市2024年重大项目清单");
            doc.createParagraph().createRun().setText("单位：万元");
            String[][] rows = {
                    {"序号", "项目名称", "建设地点", "投资", null, "责任单位"},
                    {"", "", "", "总投资", "年度计划", ""},
                    {"一、交通（2项）", null, null, null, null, null},
                    {"1", "环城北路改造", "婺城区", "45000", "12000", "金华市交通局"},
                    {"2", "金义快速路连接线", "金东区", "38000", "9000", ""},
                    {"二、文体（2项）", null, null, null, null, null},
                    {"3", "市体育中心", "婺城区", "62000", "18000", "金华市体育局"},
                    {"4", "城市图书馆", "金东区", "21000", "7000", "金东区政府"},
                    {"合计", "", "", "166000", "46000", ""},
            };
            XWPFTable table = doc.createTable(rows.length, 6);
            for (int r = 0; r < rows.length; r++) {
                XWPFTableRow row = table.getRow(r);
                for (int c = 0; c < 6; c++) {
                    if (rows[r][c] != null) {
                        row.getCell(c).setText(rows[r][c]);
                    }
                }
            }
            // Header: 投资 spans two columns; 序号, 项目名称, 建设地点, 责任单位 span both header rows.
            span(table.getRow(0), 3, 2);
            for (int c : new int[]{0, 1, 2}) {
                vmerge(table.getRow(0).getCell(c), true);
                vmerge(table.getRow(1).getCell(c), false);
            }
            vmerge(table.getRow(0).getCell(4), true);      // 责任单位 (column 5 of the grid, cell 4 after the span)
            vmerge(table.getRow(1).getCell(5), false);
            // Section rows span the whole table.
            span(table.getRow(2), 0, 6);
            span(table.getRow(5), 0, 6);
            // 责任单位 of project 1 covers project 2.
            vmerge(table.getRow(3).getCell(5), true);
            vmerge(table.getRow(4).getCell(5), false);
            doc.createParagraph().createRun().setText("填表说明");
            XWPFTable notes = doc.createTable(2, 1);
            notes.getRow(0).getCell(0).setText("说明");
            notes.getRow(1).getCell(0).setText("投资额以万元计，年度计划为2024年度。");
            doc.write(out);
        }
    }

    /** Makes cell {@code first} span {@code n} grid columns, removing the cells it covers. */
    private static void span(XWPFTableRow row, int first, int n) {
        XWPFTableCell cell = row.getCell(first);
        CTTcPr pr = cell.getCTTc().isSetTcPr() ? cell.getCTTc().getTcPr() : cell.getCTTc().addNewTcPr();
        pr.addNewGridSpan().setVal(BigInteger.valueOf(n));
        for (int i = 1; i < n; i++) {
            row.removeCell(first + 1);
        }
    }

    private static void vmerge(XWPFTableCell cell, boolean restart) {
        CTTcPr pr = cell.getCTTc().isSetTcPr() ? cell.getCTTc().getTcPr() : cell.getCTTc().addNewTcPr();
        if (restart) {
            pr.addNewVMerge().setVal(STMerge.RESTART);
        } else {
            pr.addNewVMerge();
        }
    }

    /** 11: GBK without a BOM: 附表2, caption, 单位：亿元, sections with counts, a 待核定 amount. */
    private void gbkCsv() throws IOException {
        text("11-gbk.csv", """
                附表2,,,,,,
                某县2024年重点项目,,,,,,
                单位：亿元,,,,,,
                序号,项目名称,建设地点,项目起止年限,总投资,年度计划投资,责任单位
                一、基础设施（3项）,,,,,,
                1,千岛湖环湖公路提升,淳安县,2023-2025,18.6,5.2,淳安县交通运输局
                2,新安江大桥,建德市,2024-2027,9.3,1.8,建德市交通运输局
                3,县城供水管网改造,淳安县,2024-2025,2.45,1.2,淳安县水务集团
                二、产业项目（3项）,,,,,,
                4,文旅综合体,淳安县,2024-2028,待核定,3,淳安县文旅局
                5,农产品冷链物流中心,建德市,2023-2025,4.8,2.1,建德市农业农村局
                6,生物医药产业园,建德市,2024-2027,25,6,建德市经信局
                """.replace("\n", "\r\n"), Charset.forName("GBK"));
    }

    /** 12: one amount over 2,000 亿元 and one hundreds of times the list's median. */
    private void implausibleValues() throws IOException {
        Workbook wb = new XSSFWorkbook();
        Sheet s = wb.createSheet("项目");
        row(s, 0, "序号", "项目名称", "建设地点", "总投资（亿元）", "责任单位");
        row(s, 1, 1, "乡村道路硬化", "文成县", 2.1, "文成县交通局");
        row(s, 2, 2, "中心小学扩建", "泰顺县", 3.4, "泰顺县教育局");
        row(s, 3, 3, "山塘水库加固", "文成县", 2.8, "文成县水利局");
        row(s, 4, 4, "县域物流中心", "泰顺县", 5200, "泰顺县商务局");
        row(s, 5, 5, "卫生院改造", "文成县", 1200, "文成县卫健局");
        row(s, 6, 6, "文化礼堂建设", "泰顺县", 3.0, "泰顺县文广局");
        row(s, 7, 7, "垃圾中转站", "文成县", 4.5, "文成县综合执法局");
        write("12-implausible-values.xlsx", wb);
    }

    /** 13: a list in 万元 that prints no unit at all. */
    private void looksLikeWanCsv() throws IOException {
        text("13-no-unit-looks-wan.csv", """
                序号,项目名称,建设地点,总投资
                1,县城综合客运枢纽,诸暨市,125000
                2,浦阳江治理三期,诸暨市,86000
                3,城南污水处理厂扩建,诸暨市,43500
                4,城市快速路,诸暨市,21000
                5,城市书房提升,诸暨市,9800
                """, StandardCharsets.UTF_8);
    }

    /** 14: a header of three merged rows: 资金（亿元） / 2024年 / 计划投资, and an unmapped 其中：上半年. */
    private void threeRowHeader() throws IOException {
        Workbook wb = new XSSFWorkbook();
        Sheet s = wb.createSheet("项目");
        row(s, 0, "宁波市2024年交通项目表");
        row(s, 1, "序号", "项目名称", "建设地点", "资金（亿元）", null, null);
        row(s, 2, null, null, null, "总投资", "2024年", null);
        row(s, 3, null, null, null, null, "计划投资", "其中：上半年");
        for (int c : new int[]{0, 1, 2}) {
            merge(s, 1, 3, c, c);
        }
        merge(s, 1, 1, 3, 5);
        merge(s, 2, 3, 3, 3);
        merge(s, 2, 2, 4, 5);
        row(s, 4, 1, "甬舟铁路配套工程", "北仑区", 12, 2, 1);
        row(s, 5, 2, "象山湾疏港高速", "象山县", 7.5, 1.5, 0.7);
        row(s, 6, 3, "宁波西枢纽", "海曙区", 30.25, 6, 2.5);
        row(s, 7, 4, "慈溪客运中心", "慈溪市", 4, 1, 0.4);
        write("14-three-row-header.xlsx", wb);
    }

    /** 15: two list sheets (市本级, 区县) and a 说明 sheet; sections as 序号 一 beside a name, with subtotals. */
    private void twoListSheets() throws IOException {
        Workbook wb = new XSSFWorkbook();
        Sheet notes = wb.createSheet("说明");
        row(notes, 0, "说明：本表分市本级和区县两部分。");
        Sheet city = wb.createSheet("市本级");
        row(city, 0, "序号", "项目名称", "建设地点", "总投资（亿元）", "年度计划投资（亿元）");
        row(city, 1, "一", "交通", null, 40, 8);
        row(city, 2, 1, "绍兴北站综合枢纽", "越城区", 25, 5);
        row(city, 3, 2, "城市快速路北延", "柯桥区", 15, 3);
        row(city, 4, "二", "生态", null, 6, 1.5);
        row(city, 5, 3, "鉴湖水环境治理", "越城区", 6, 1.5);
        Sheet county = wb.createSheet("区县");
        row(county, 0, "序号", "项目名称", "建设地点", "总投资（亿元）", "年度计划投资（亿元）");
        row(county, 1, 1, "诸暨高铁新城", "诸暨市", 10, 1);
        row(county, 2, 2, "嵊州越剧小镇", "嵊州市", 20, 2);
        row(county, 3, 3, "新昌智能装备园", "新昌县", 30, 3);
        write("15-two-list-sheets.xlsx", wb);
    }

    /** 16: group labels above the row naming the columns: 项目基本情况 | 投资情况（万元）, each merged across. */
    private void groupRowAboveTheNames() throws IOException {
        Workbook wb = new XSSFWorkbook();
        Sheet s = wb.createSheet("项目");
        row(s, 0, "丽水市2024年重点项目");
        row(s, 1, "项目基本情况", null, null, null, "投资情况（万元）", null);
        merge(s, 1, 1, 0, 3);
        merge(s, 1, 1, 4, 5);
        row(s, 2, "序号", "项目名称", "建设地点", "责任单位", "总投资", "2024年计划投资");
        row(s, 3, 1, "瓯江航道整治", "青田县", "青田县交通局", 68000, 15000);
        row(s, 4, 2, "松阳茶叶产业园", "松阳县", "松阳县农业农村局", 23500, 8000);
        row(s, 5, 3, "缙云抽水蓄能配套道路", "缙云县", "缙云县交通局", 41200, 12000);
        write("16-group-row-above.xlsx", wb);
    }
}
