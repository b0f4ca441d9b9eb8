package atlas.ingest;

import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the tables of a Word document (.docx, POI XWPF). Each table is read like a sheet
 * ({@link GridTableReader}); cells spanning columns (gridSpan) or rows (vMerge) are merged regions. The
 * paragraphs just above a table give its title (附表4), caption and unit (单位：万元). Tables without a name
 * column (说明, signatures) are skipped with a note. Line numbers are the row numbers within the table.
 */
public final class DocxReader {
    /** Paragraphs above a table read as its title, caption and unit: the table's own heading, not the body text. */
    private static final int LINES_ABOVE = 3;

    private DocxReader() {
    }

    /** Every table of the document with a name column; at least one, else an error naming what was found. */
    public static ReadTables readAll(String fileName, byte[] bytes) throws DocumentException {
        try (XWPFDocument doc = open(fileName, bytes)) {
            List<ParsedTable> tables = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            List<String> above = new ArrayList<>();
            int n = 0;
            for (IBodyElement element : doc.getBodyElements()) {
                if (element instanceof XWPFParagraph p) {
                    String text = p.getText().strip();
                    if (!text.isEmpty()) {
                        above.add(text);
                    }
                } else if (element instanceof XWPFTable t) {
                    n++;
                    String name = "表" + n;
                    List<String> heading = headingLines(above);
                    GridTableReader.Result result = GridTableReader.read(grid(name, heading, t), name);
                    if (result.table().isPresent()) {
                        tables.add(result.table().get());
                    } else {
                        skipped.add("table " + n + (heading.isEmpty() ? "" : " (" + String.join(" ", heading) + ")")
                                + ": no header row with a name column (项目名称 / 平台名称), not a list; first row: "
                                + result.firstRow());
                    }
                    above.clear();
                }
            }
            if (tables.isEmpty()) {
                throw new DocumentException(fileName, n == 0 ? "the Word document holds no table"
                        : "no table has a header row with a name column (项目名称 / 重点实施项目名称 / 平台名称); " + skipped);
            }
            return new ReadTables(tables, skipped);
        } catch (IOException e) {
            throw new DocumentException(fileName, "cannot read as a .docx document: " + e.getMessage(), e);
        }
    }

    private static XWPFDocument open(String fileName, byte[] bytes) throws DocumentException {
        try {
            return new XWPFDocument(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new DocumentException(fileName, "cannot read as a .docx document: " + e.getMessage(), e);
        }
    }

    /** The paragraphs from the last 附表 line on, else the last few (the body text above is not the caption). */
    private static List<String> headingLines(List<String> above) {
        int from = Math.max(0, above.size() - LINES_ABOVE);
        for (int i = above.size() - 1; i >= from; i--) {
            if (ColumnMap.normalise(above.get(i)).matches("^(附表|附件|附)[0-9]+(-[0-9]+)?[:：]?$")) {
                return List.copyOf(above.subList(i, above.size()));
            }
        }
        return List.copyOf(above.subList(Math.max(0, above.size() - 2), above.size()));
    }

    /** The table's rows, one cell per grid column (a cell spanning columns leaves the others blank), and merges. */
    private static Grid grid(String name, List<String> above, XWPFTable table) {
        List<RawRow> rows = new ArrayList<>();
        List<Grid.Merge> merges = new ArrayList<>();
        // Per grid column, the vertical merge still open: its first line and text.
        Map<Integer, int[]> openStart = new HashMap<>();
        Map<Integer, String> openText = new HashMap<>();
        Map<Integer, Integer> openSpan = new HashMap<>();
        int line = 0;
        for (XWPFTableRow row : table.getRows()) {
            line++;
            List<String> cells = new ArrayList<>();
            java.util.Set<Integer> continued = new java.util.HashSet<>();
            for (XWPFTableCell cell : row.getTableCells()) {
                int col = cells.size();
                CTTcPr pr = cell.getCTTc().getTcPr();
                int span = pr != null && pr.isSetGridSpan() ? ((BigInteger) pr.getGridSpan().getVal()).intValue() : 1;
                boolean vmerge = pr != null && pr.isSetVMerge();
                boolean restart = vmerge && pr.getVMerge().isSetVal() && pr.getVMerge().getVal() == STMerge.RESTART;
                String text = cell.getText().strip();
                if (vmerge && !restart) {
                    text = "";   // continues the cell above
                    continued.add(col);
                } else {
                    close(openStart, openText, openSpan, col, line - 1, merges);
                    if (restart) {
                        openStart.put(col, new int[]{line});
                        openText.put(col, text);
                        openSpan.put(col, span);
                        continued.add(col);
                    }
                }
                cells.add(text);
                for (int i = 1; i < span; i++) {
                    cells.add("");
                }
                if (span > 1 && !(vmerge)) {
                    merges.add(new Grid.Merge(line, line, col, col + span - 1, text));
                }
            }
            // A vertical merge ends at the last row that continues it.
            for (Integer col : new ArrayList<>(openStart.keySet())) {
                if (!continued.contains(col)) {
                    close(openStart, openText, openSpan, col, line - 1, merges);
                }
            }
            rows.add(new RawRow(line, line, cells, String.join("\t", cells)));
        }
        for (Integer col : new ArrayList<>(openStart.keySet())) {
            close(openStart, openText, openSpan, col, line, merges);
        }
        return new Grid(name, above, rows, merges);
    }

    private static void close(Map<Integer, int[]> openStart, Map<Integer, String> openText, Map<Integer, Integer> openSpan,
                              int col, int lastLine, List<Grid.Merge> merges) {
        int[] start = openStart.remove(col);
        if (start != null) {
            int span = openSpan.remove(col);
            String text = openText.remove(col);
            if (lastLine > start[0]) {
                merges.add(new Grid.Merge(start[0], lastLine, col, col + span - 1, text));
            } else if (span > 1) {
                merges.add(new Grid.Merge(start[0], start[0], col, col + span - 1, text));
            }
        }
    }
}
