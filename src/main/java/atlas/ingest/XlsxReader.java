package atlas.ingest;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads workbooks: .xlsx (POI XSSF) and legacy .xls (POI HSSF). Every sheet with a header row holding a name
 * column (项目名称...) is a table (see {@link GridTableReader}: title and unit lines above the header, headers of
 * up to three merged rows, merged data cells); other sheets (说明, 填表说明) are skipped with a note.
 * A single-cell row above the header like '附表4' is the title (else the sheet name).
 * Line numbers are Excel row numbers (1-based).
 */
public final class XlsxReader {
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

    /** The first table of an .xlsx workbook. */
    public static ParsedTable read(String fileName, byte[] bytes) throws DocumentException {
        return readAll(fileName, bytes).tables().get(0);
    }

    /** Every table of a workbook (.xlsx or, by its OLE2 signature, .xls); at least one, else an error. */
    public static ReadTables readAll(String fileName, byte[] bytes) throws DocumentException {
        boolean ole = bytes.length >= 4 && (bytes[0] & 0xff) == 0xD0 && (bytes[1] & 0xff) == 0xCF
                && (bytes[2] & 0xff) == 0x11 && (bytes[3] & 0xff) == 0xE0;
        String kind = ole ? ".xls" : ".xlsx";
        try (Workbook workbook = open(fileName, bytes, ole)) {
            DataFormatter formatter = new DataFormatter();
            FormulaEvaluator evaluator = workbook.getCreationHelper().createFormulaEvaluator();
            List<ParsedTable> tables = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            for (Sheet sheet : workbook) {
                GridTableReader.Result result = GridTableReader.read(grid(sheet, formatter, evaluator), sheet.getSheetName());
                if (result.table().isPresent()) {
                    tables.add(result.table().get());
                } else {
                    seen.add(sheet.getSheetName() + ": " + result.firstRow());
                    skipped.add("sheet " + sheet.getSheetName() + (result.firstRow().isEmpty() ? ": empty"
                            : ": no header row with a name column (项目名称 / 平台名称), not a list; first row: " + result.firstRow()));
                }
            }
            if (tables.isEmpty()) {
                throw new DocumentException(fileName, "no sheet has a header row with a name column"
                        + " (项目名称 / 重点实施项目名称 / 平台名称); first rows found: " + seen);
            }
            return new ReadTables(tables, skipped);
        } catch (IOException e) {
            throw new DocumentException(fileName, "cannot read as an " + kind + " workbook: " + e.getMessage(), e);
        }
    }

    /** Opens the workbook; POI's own errors (not a workbook, corrupt zip) become a DocumentException. */
    private static Workbook open(String fileName, byte[] bytes, boolean ole) throws DocumentException {
        try {
            return ole ? new HSSFWorkbook(new ByteArrayInputStream(bytes)) : new XSSFWorkbook(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new DocumentException(fileName, "cannot read as an " + (ole ? ".xls" : ".xlsx") + " workbook: " + e.getMessage(), e);
        }
    }

    /** The sheet's rows (as they are stored: blank rows may be missing) and merged regions. */
    private static Grid grid(Sheet sheet, DataFormatter formatter, FormulaEvaluator evaluator) {
        List<RawRow> rows = new ArrayList<>();
        java.util.Map<Integer, List<String>> byLine = new java.util.HashMap<>();
        for (Row row : sheet) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < Math.max(row.getLastCellNum(), 0); c++) {
                cells.add(text(row.getCell(c), formatter, evaluator));
            }
            int n = row.getRowNum() + 1;
            rows.add(new RawRow(n, n, cells, String.join("\t", cells)));
            byLine.put(n, cells);
        }
        List<Grid.Merge> merges = new ArrayList<>();
        for (CellRangeAddress a : sheet.getMergedRegions()) {
            List<String> first = byLine.getOrDefault(a.getFirstRow() + 1, List.of());
            String text = a.getFirstColumn() < first.size() ? first.get(a.getFirstColumn()).strip() : "";
            merges.add(new Grid.Merge(a.getFirstRow() + 1, a.getLastRow() + 1, a.getFirstColumn(), a.getLastColumn(), text));
        }
        return new Grid(sheet.getSheetName(), List.of(), rows, merges);
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
