package atlas.export;

import atlas.layers.ProjectStats;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * projects.xlsx, written as rows arrive (SXSSF keeps a window of 200 rows in memory): sheet 项目 with
 * a frozen header, widths, '0.00' for 亿元 and a 合计 row; sheet 汇总 with totals by 区县 and by 类别.
 */
final class ProjectsWorkbook implements AutoCloseable {
    private static final int[] WIDTHS = {10, 46, 22, 34, 10, 14, 18, 8, 8, 26, 16, 10, 18, 40, 34, 22, 26, 10, 8, 60};
    private static final int[] ENTRY_WIDTHS = {46, 8, 40, 8, 8, 46, 18, 14, 18, 10, 40, 30};
    private static final int TOTAL = ProjectRow.HEADERS.indexOf("总投资(亿元)");
    private static final int PLANNED = ProjectRow.HEADERS.indexOf("年度计划投资(亿元)");
    private final SXSSFWorkbook wb = new SXSSFWorkbook(200);
    private final SXSSFSheet sheet;
    /** 历次条目: every list entry of the exported projects that have more than one. */
    private final SXSSFSheet entrySheet;
    private int nextEntry = 1;
    private final CellStyle header;
    private final CellStyle money;
    private final CellStyle year;
    private final CellStyle bold;
    private final CellStyle moneyBold;
    private int next = 1;
    private BigDecimal total = BigDecimal.ZERO;
    private BigDecimal planned = BigDecimal.ZERO;

    ProjectsWorkbook() {
        wb.setCompressTempFiles(true);
        header = wb.createCellStyle();
        Font hf = wb.createFont();
        hf.setBold(true);
        header.setFont(hf);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setBorderBottom(BorderStyle.THIN);
        header.setWrapText(true);
        money = wb.createCellStyle();
        money.setDataFormat(wb.createDataFormat().getFormat("0.00"));
        year = wb.createCellStyle();
        year.setDataFormat(wb.createDataFormat().getFormat("0"));
        bold = wb.createCellStyle();
        bold.setFont(hf);
        bold.setBorderTop(BorderStyle.THIN);
        moneyBold = wb.createCellStyle();
        moneyBold.cloneStyleFrom(money);
        moneyBold.setFont(hf);
        moneyBold.setBorderTop(BorderStyle.THIN);

        sheet = wb.createSheet("项目");
        Row h = sheet.createRow(0);
        for (int i = 0; i < ProjectRow.HEADERS.size(); i++) {
            Cell c = h.createCell(i);
            c.setCellValue(ProjectRow.HEADERS.get(i));
            c.setCellStyle(header);
            sheet.setColumnWidth(i, WIDTHS[i] * 256);
        }
        sheet.createFreezePane(0, 1);
        entrySheet = wb.createSheet("历次条目");
        Row eh = entrySheet.createRow(0);
        for (int i = 0; i < ProjectRow.ENTRY_HEADERS.size(); i++) {
            Cell c = eh.createCell(i);
            c.setCellValue(ProjectRow.ENTRY_HEADERS.get(i));
            c.setCellStyle(header);
            entrySheet.setColumnWidth(i, ENTRY_WIDTHS[i] * 256);
        }
        entrySheet.createFreezePane(0, 1);
    }

    void add(ProjectRow p) {
        fill(sheet.createRow(next++), p.values());
        for (List<Object> entry : p.entryRows()) {
            fill(entrySheet.createRow(nextEntry++), entry);
        }
        if (p.totalInvestment() != null) {
            total = total.add(p.totalInvestment());
        }
        if (p.plannedInvestment() != null) {
            planned = planned.add(p.plannedInvestment());
        }
    }

    private void fill(Row r, List<Object> v) {
        for (int i = 0; i < v.size(); i++) {
            Object x = v.get(i);
            if (x == null) {
                continue;
            }
            Cell c = r.createCell(i);
            if (x instanceof BigDecimal d) {
                c.setCellValue(d.doubleValue());
                c.setCellStyle(money);
            } else if (x instanceof Integer n) {
                c.setCellValue(n);
                c.setCellStyle(year);
            } else {
                c.setCellValue(x.toString());
            }
        }
    }

    /** The 合计 row, the 汇总 sheet and the document properties; then the bytes. */
    void finish(ProjectStats.Stats byCounty, ProjectStats.Stats byCategory, String regionName, Instant generatedAt, OutputStream out)
            throws IOException {
        int projects = next - 1;
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(projects, 1), 0, ProjectRow.HEADERS.size() - 1));
        Row t = sheet.createRow(next);
        cell(t, 0, "合计（" + projects + " 个项目）", bold);
        cell(t, TOTAL, total, moneyBold);
        cell(t, PLANNED, planned, moneyBold);

        Sheet s = wb.createSheet("汇总");
        s.setColumnWidth(0, 12 * 256);
        s.setColumnWidth(1, 44 * 256);
        s.setColumnWidth(2, 10 * 256);
        s.setColumnWidth(3, 16 * 256);
        int r = 0;
        cell(s.createRow(r++), 0, regionName + "：" + byCounty.count() + " 个项目，总投资 " + Labels.yi(orZero(byCounty.totalInvestment())) + " 亿元", bold);
        r++;
        cell(s.createRow(r++), 0, "按区县", bold);
        r = headerRow(s, r, "区县代码", "区县");
        for (ProjectStats.Group g : byCounty.groups()) {
            Row row = s.createRow(r++);
            cell(row, 0, g.key(), null);
            cell(row, 1, g.name(), null);
            cell(row, 2, g.count(), null);
            cell(row, 3, g.totalInvestment(), money);
        }
        cell(s.createRow(r++), 0, "注：跨多个区县的项目在每个区县各计一次（含全部投资），故各区县之和可能大于合计；定位到地级市或全省的项目不计入区县。", null);
        r++;
        cell(s.createRow(r++), 0, "按类别", bold);
        r = headerRow(s, r, "", "类别");
        for (ProjectStats.Group g : byCategory.groups()) {
            Row row = s.createRow(r++);
            cell(row, 1, g.name(), null);
            cell(row, 2, g.count(), null);
            cell(row, 3, g.totalInvestment(), money);
        }
        Row sum = s.createRow(r);
        cell(sum, 1, "合计", bold);
        cell(sum, 2, byCategory.count(), bold);
        cell(sum, 3, orZero(byCategory.totalInvestment()), moneyBold);

        var props = wb.getXSSFWorkbook().getProperties().getCoreProperties();
        props.setCreated(java.util.Optional.of(java.util.Date.from(generatedAt)));
        props.setModified(java.util.Optional.of(java.util.Date.from(generatedAt)));
        props.setCreator("Project Atlas");
        props.setTitle(regionName + " 四大建设项目");
        wb.write(out);
    }

    private int headerRow(Sheet s, int r, String a, String b) {
        Row h = s.createRow(r);
        String[] names = {a, b, "项目数", "总投资(亿元)"};
        for (int i = 0; i < names.length; i++) {
            cell(h, i, names[i], header);
        }
        return r + 1;
    }

    private static BigDecimal orZero(BigDecimal d) {
        return d == null ? BigDecimal.ZERO : d;
    }

    private static void cell(Row row, int col, Object v, CellStyle style) {
        if (v == null) {
            return;
        }
        Cell c = row.createCell(col);
        if (v instanceof BigDecimal d) {
            c.setCellValue(d.doubleValue());
        } else if (v instanceof Number n) {
            c.setCellValue(n.doubleValue());
        } else {
            c.setCellValue(v.toString());
        }
        if (style != null) {
            c.setCellStyle(style);
        }
    }

    @Override
    public void close() throws IOException {
        wb.close();  // also deletes SXSSF's temporary files
    }
}
