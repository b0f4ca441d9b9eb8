package atlas.ingest;

import java.util.List;

/**
 * A sheet, a Word table or a CSV file as its readers see it: rows of cell texts plus the merged regions.
 * In a merged region only the first (top-left) cell holds the text; {@link GridTableReader} decides what the
 * other cells mean (a header's label spans its columns; a data cell merged down applies to each row).
 *
 * @param name   sheet or table name (the table's title when no 附表 line is printed above it)
 * @param above  text lines printed above the grid (paragraphs before a Word table), top to bottom
 * @param rows   rows in order (blank ones may be missing); a row's first line is its row number (1-based)
 * @param merges merged regions
 */
record Grid(String name, List<String> above, List<RawRow> rows, List<Merge> merges) {
    Grid {
        above = List.copyOf(above);
        rows = List.copyOf(rows);
        merges = List.copyOf(merges);
    }

    /**
     * Rows firstLine..lastLine (the rows' line numbers) and columns firstCol..lastCol (0-based), inclusive;
     * text is what its first cell holds.
     */
    record Merge(int firstLine, int lastLine, int firstCol, int lastCol, String text) {
        boolean spansRows() {
            return lastLine > firstLine;
        }
    }
}
