package atlas.worklists;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The work items of a snapshot's region as work-items.csv (UTF-8 with BOM) and work-items.xlsx (a sheet per kind). */
public final class WorkItemsExport {
    public static final List<String> HEADERS = List.of("编号", "类别", "来源文件", "清单", "表", "序号", "所属序号", "子项",
            "分类", "名称", "内容", "目标", "完成时限", "完成日期", "牵头单位", "其他单位", "省牵头单位", "区县代码",
            "地级市代码", "定位精度");
    /** Sheet names in document order of the lists. */
    static final Map<String, String> SHEETS = new java.util.LinkedHashMap<>();

    static {
        SHEETS.put("reform", "重大改革");
        SHEETS.put("policy", "重大政策");
        SHEETS.put("platform", "重大平台");
        SHEETS.put("project", "重大项目");
        SHEETS.put("task", "重点任务");
    }

    /** One exported item, its values in the order of HEADERS. */
    public record Row(List<String> values) {
        public Row {
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        }

        String kind() {
            return values.get(1);
        }
    }

    private WorkItemsExport() {
    }

    public static List<Row> rows(Connection c, WorkItemQuery q) throws SQLException {
        return WorklistSql.exportRows(c, q);
    }

    public static void writeCsv(List<Row> rows, Writer out) throws IOException {
        out.write('\uFEFF');
        line(out, HEADERS);
        for (Row r : rows) {
            line(out, r.values());
        }
        out.flush();
    }

    private static void line(Writer out, List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i) == null ? "" : values.get(i);
            if (i > 0) {
                out.write(',');
            }
            boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
            out.write(quote ? '"' + v.replace("\"", "\"\"") + '"' : v);
        }
        out.write("\r\n");
    }

    /** Five sheets, one per kind, each with its items (overdue first); dated generatedAt so the bytes repeat. */
    public static void writeXlsx(List<Row> rows, String regionName, Instant generatedAt, OutputStream out) throws IOException {
        // Streamed (a window of 200 rows), as projects.xlsx is: a province holds over a thousand items.
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
            CellStyle header = wb.createCellStyle();
            Font bold = wb.createFont();
            bold.setBold(true);
            header.setFont(bold);
            for (Map.Entry<String, String> kind : SHEETS.entrySet()) {
                Sheet s = wb.createSheet(kind.getValue());
                org.apache.poi.ss.usermodel.Row head = s.createRow(0);
                for (int i = 0; i < HEADERS.size(); i++) {
                    Cell cell = head.createCell(i);
                    cell.setCellValue(HEADERS.get(i));
                    cell.setCellStyle(header);
                }
                int r = 1;
                for (Row row : rows) {
                    if (!row.kind().equals(kind.getKey())) {
                        continue;
                    }
                    org.apache.poi.ss.usermodel.Row x = s.createRow(r++);
                    for (int i = 0; i < row.values().size(); i++) {
                        String v = row.values().get(i);
                        if (v != null && !v.isEmpty()) {
                            x.createCell(i).setCellValue(i == 1 ? SHEETS.getOrDefault(v, v) : v);
                        }
                    }
                }
                s.createFreezePane(0, 1);
            }
            var props = wb.getXSSFWorkbook().getProperties().getCoreProperties();
            props.setCreated(java.util.Optional.of(java.util.Date.from(generatedAt)));
            props.setModified(java.util.Optional.of(java.util.Date.from(generatedAt)));
            props.setCreator("Project Atlas");
            props.setTitle(regionName + " 四大建设清单事项");
            wb.write(out);
            wb.dispose();
        }
    }
}
