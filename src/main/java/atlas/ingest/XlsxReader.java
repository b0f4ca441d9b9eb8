package atlas.ingest;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the first sheet of an .xlsx workbook that has a header row with a name column (项目名称...).
 * A single-cell row above the header like '附表4' is the title (else the sheet name), other single-cell rows
 * above it are the caption. Section rows (only the first cell filled, e.g. 一、...) set the category.
 * Line numbers are Excel row numbers (1-based).
 */
public final class XlsxReader {
    private static final Pattern TITLE = Pattern.compile("^(附表|附件|附)\\s*[0-9]+(\\s*-\\s*[0-9]+)?\\s*[:：]?$");

    /** A project list's sheet XML is a few MB at most: a larger entry is refused before it is inflated. */
    static final long MAX_ENTRY_BYTES = 100L * 1024 * 1024;

    static {
        // Zip-bomb guards (POI checks them while inflating): an entry that expands more than 100× or
        // beyond MAX_ENTRY_BYTES is refused.
        org.apache.poi.openxml4j.util.ZipSecureFile.setMinInflateRatio(0.01);
        org.apache.poi.openxml4j.util.ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
    }

    private XlsxReader() {
    }

    /** The table of a workbook. */
    public static ParsedTable read(String fileName, byte[] bytes) throws DocumentException {
        try (Workbook workbook = open(fileName, bytes)) {
            DataFormatter formatter = new DataFormatter();
            FormulaEvaluator evaluator = workbook.getCreationHelper().createFormulaEvaluator();
            List<String> seen = new ArrayList<>();
            for (Sheet sheet : workbook) {
                List<RawRow> rows = new ArrayList<>();
                for (Row row : sheet) {
                    List<String> cells = new ArrayList<>();
                    for (int c = 0; c < Math.max(row.getLastCellNum(), 0); c++) {
                        cells.add(text(row.getCell(c), formatter, evaluator));
                    }
                    int n = row.getRowNum() + 1;
                    rows.add(new RawRow(n, n, cells, String.join("\t", cells)));
                }
                ParsedTableOrHeaders result = readSheet(sheet.getSheetName(), rows);
                if (result.table != null) {
                    return result.table;
                }
                seen.add(sheet.getSheetName() + ": " + result.firstRow);
            }
            throw new DocumentException(fileName, "no sheet has a header row with a name column"
                    + " (项目名称 / 重点实施项目名称 / 平台名称); first rows found: " + seen);
        } catch (IOException e) {
            throw new DocumentException(fileName, "cannot read as an .xlsx workbook: " + e.getMessage(), e);
        }
    }

    /** Opens the workbook; POI's own errors (not a workbook, corrupt zip) become a DocumentException. */
    private static Workbook open(String fileName, byte[] bytes) throws DocumentException {
        try {
            return new XSSFWorkbook(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new DocumentException(fileName, "cannot read as an .xlsx workbook: " + e.getMessage(), e);
        }
    }

    private record ParsedTableOrHeaders(ParsedTable table, List<String> firstRow) {
    }

    private static ParsedTableOrHeaders readSheet(String sheetName, List<RawRow> rows) {
        String title = null;
        StringBuilder caption = new StringBuilder();
        List<String> firstRow = List.of();
        for (int r = 0; r < rows.size(); r++) {
            List<String> cells = rows.get(r).cells();
            List<String> filled = cells.stream().map(String::strip).filter(c -> !c.isEmpty()).toList();
            if (filled.isEmpty()) {
                continue;
            }
            if (firstRow.isEmpty()) {
                firstRow = TableBuilder.headerCells(cells);
            }
            ColumnMap columns = ColumnMap.match(TableBuilder.headerCells(cells));
            if (columns.has(ColumnMap.Field.NAME)) {
                TableBuilder table = new TableBuilder(title != null ? title : sheetName, caption.toString(), columns);
                rows.subList(r + 1, rows.size()).forEach(table::accept);
                return new ParsedTableOrHeaders(table.build(), firstRow);
            }
            if (filled.size() == 1) {
                String text = filled.get(0);
                if (title == null && TITLE.matcher(text).matches()) {
                    title = text.replaceAll("\\s+", "");
                } else {
                    caption.append(caption.length() == 0 ? "" : " ").append(text);
                }
            }
        }
        return new ParsedTableOrHeaders(null, firstRow);
    }

    /** Cell text; plain numbers without formatting artefacts (94.5, not 94.50 or 9.45E1). */
    private static String text(Cell cell, DataFormatter formatter, FormulaEvaluator evaluator) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        if (type == CellType.NUMERIC && !DateUtil.isCellDateFormatted(cell)) {
            return BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
        }
        return formatter.formatCellValue(cell, evaluator);
    }
}
