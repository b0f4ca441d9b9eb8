package atlas.ingest;

import atlas.ingest.ColumnMap.Field;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the table in a grid (a sheet, a Word table, a CSV file) and reads it with {@link TableBuilder}.
 * <ul>
 *   <li>The header is the first row with a name column (项目名称 ...). Rows above it with one filled cell are the
 *       title (附表4) or the caption; a line such as 单位：万元 gives the unit of the money columns.</li>
 *   <li>The header may span up to three rows: a row below it whose 序号 and name cells are empty (merged from
 *       above) and which labels columns under a group label (投资 merged over 总投资 and 2024年计划投资) is part of
 *       the header. A column's name is its path, 投资/总投资; without merge information (CSV) an empty group
 *       cell takes the label on its left.</li>
 *   <li>A data cell merged over several rows (a place, a unit) applies to each row it covers; a cell merged
 *       across columns only (a section heading) stays in its first column. The 序号 and name columns are not
 *       copied down: a row with an empty 序号 continues the row above.</li>
 * </ul>
 */
final class GridTableReader {
    private static final Pattern TITLE = Pattern.compile("^(附表|附件|附)\\s*[0-9]+(\\s*-\\s*[0-9]+)?\\s*[:：]?$");
    private static final Pattern UNIT_ONLY = Pattern.compile("^[(（]?(计量|金额|投资|资金)?单位[:：]?(亿元|万元|元)[)）]?$");
    private static final int MAX_HEADER_ROWS = 3;

    private GridTableReader() {
    }

    /** The table of the grid, or empty with the first row's cells (for a message saying what was found). */
    record Result(Optional<ParsedTable> table, List<String> firstRow) {
    }

    static Result read(Grid grid, String defaultTitle) {
        Map<Long, Grid.Merge> covered = coveredCells(grid);
        List<RawRow> rows = grid.rows();
        String title = null;
        StringBuilder caption = new StringBuilder();
        List<String> unitLines = new ArrayList<>();
        for (String line : grid.above()) {
            title = aboveLine(line.strip(), title, caption, unitLines);
        }
        List<String> firstRow = List.of();
        int lastFilled = -1;
        for (int r = 0; r < rows.size(); r++) {
            List<String> cells = rows.get(r).cells();
            List<String> filled = cells.stream().map(String::strip).filter(c -> !c.isEmpty()).toList();
            if (filled.isEmpty()) {
                continue;
            }
            if (firstRow.isEmpty()) {
                firstRow = TableBuilder.headerCells(cells);
            }
            ColumnMap top = ColumnMap.match(TableBuilder.headerCells(cells));
            if (top.has(Field.NAME)) {
                int start = groupRowAbove(rows, covered, r, lastFilled) ? lastFilled : r;
                return new Result(Optional.of(table(grid, covered, start, r, top, title != null ? title : defaultTitle,
                        caption.toString(), unitLines)), firstRow);
            }
            lastFilled = r;
            if (filled.size() == 1) {
                title = aboveLine(filled.get(0), title, caption, unitLines);
            } else {
                // e.g. 填报单位：某市发改委 | 单位：万元 | 2024年5月
                filled.stream().filter(c -> MoneyUnit.inCaption(c).isPresent()).forEach(unitLines::add);
            }
        }
        return new Result(Optional.empty(), firstRow);
    }

    /** A line above the header: the title (附表4), a unit line, or part of the caption. Returns the title. */
    private static String aboveLine(String text, String title, StringBuilder caption, List<String> unitLines) {
        if (text.isEmpty()) {
            return title;
        }
        if (title == null && TITLE.matcher(ColumnMap.normalise(text)).matches()) {
            return text.replaceAll("\\s+", "");
        }
        if (MoneyUnit.inCaption(text).isPresent()) {
            unitLines.add(text);
            if (UNIT_ONLY.matcher(ColumnMap.normalise(text)).matches()) {
                return title;
            }
        }
        caption.append(caption.length() == 0 ? "" : " ").append(text);
        return title;
    }

    /**
     * True when the row above the one naming 项目名称 is the top of the header: group labels such as
     * 项目基本情况 | 投资情况（万元） over the columns, at least one merged across columns or naming a unit.
     */
    private static boolean groupRowAbove(List<RawRow> rows, Map<Long, Grid.Merge> covered, int header, int above) {
        if (above < 0 || rows.get(above).lastLine() != rows.get(header).firstLine() - 1) {
            return false;
        }
        List<String> cells = rows.get(above).cells();
        int filled = 0;
        boolean group = false;
        for (int c = 0; c < cells.size(); c++) {
            String text = cells.get(c).strip();
            if (text.isEmpty()) {
                continue;
            }
            filled++;
            if (Values.number(text).isPresent()) {
                return false;
            }
            int line = rows.get(above).firstLine();
            Grid.Merge m = covered.get(key(line, c + 1));
            group |= (m != null && m.firstCol() == c && m.firstLine() == line) || MoneyUnit.inHeader(text).isPresent();
        }
        return filled >= 2 && group;
    }

    private static ParsedTable table(Grid grid, Map<Long, Grid.Merge> covered, int headerStart, int headerIndex, ColumnMap top,
                                     String title, String caption, List<String> unitLines) {
        List<RawRow> rows = grid.rows();
        int last = headerIndex;
        while (last + 1 < rows.size() && last + 1 - headerStart < MAX_HEADER_ROWS
                && isSubHeader(rows, covered, last + 1, top)) {
            last++;
        }
        List<List<String>> paths = paths(rows, covered, headerStart, last);
        ColumnMap columns = last == headerStart ? top : ColumnMap.matchPaths(paths);
        TableBuilder table = new TableBuilder(title, caption, columns).headerRows(last - headerStart + 1);
        unitLines.forEach(table::unitLine);
        List<List<String>> headerTexts = new ArrayList<>();
        for (int r = headerStart; r <= last; r++) {
            headerTexts.add(filledTexts(rows.get(r).cells()));
        }
        Integer seqColumn = columns.columns().get(Field.SEQ);
        Integer nameColumn = columns.columns().get(Field.NAME);
        for (int r = last + 1; r < rows.size(); r++) {
            RawRow row = rows.get(r);
            if (last > headerStart && headerTexts.contains(filledTexts(row.cells()))) {
                continue;   // a header row repeated after a page break
            }
            List<String> cells = new ArrayList<>(row.cells());
            while (cells.size() < paths.size()) {
                cells.add("");   // cells covered by a merge may be absent from the row
            }
            int line = row.firstLine();
            boolean filledDown = false;
            for (int c = 0; c < cells.size(); c++) {
                Grid.Merge m = covered.get(key(line, c));
                if (m == null || !m.spansRows() || m.firstCol() != c || Integer.valueOf(c).equals(seqColumn)
                        || Integer.valueOf(c).equals(nameColumn) || m.firstLine() <= rows.get(last).firstLine()) {
                    continue;
                }
                String origin = m.text();
                if (!origin.isEmpty()) {
                    cells.set(c, origin);
                    filledDown = true;
                }
            }
            table.accept(filledDown ? new RawRow(row.firstLine(), row.lastLine(), cells, String.join("\t", cells)) : row);
        }
        return table.build();
    }

    /**
     * A row under the header continues it when its 序号 and name cells are empty, it holds no number, no section
     * or totals label, and it labels at least one column whose label above is a group (blank, merged across, or
     * mapping to no field by itself).
     */
    private static boolean isSubHeader(List<RawRow> rows, Map<Long, Grid.Merge> covered, int r, ColumnMap top) {
        List<String> cells = rows.get(r).cells();
        List<Integer> filled = new ArrayList<>();
        for (int c = 0; c < cells.size(); c++) {
            if (!cells.get(c).isBlank()) {
                filled.add(c);
            }
        }
        if (filled.isEmpty() || !top.value(Field.SEQ, cells).isEmpty() || !top.value(Field.NAME, cells).isEmpty()) {
            return false;
        }
        String first = cells.get(filled.get(0));
        if (Values.isSection(first) || Values.isTotalLabel(first)) {
            return false;
        }
        boolean underGroup = false;
        for (int c : filled) {
            if (Values.number(cells.get(c)).isPresent()) {
                return false;
            }
            String above = label(rows, covered, r - 1, c);
            Grid.Merge m = covered.get(key(rows.get(r - 1).firstLine(), c));
            boolean mergedAcross = m != null && m.lastCol() > m.firstCol();
            if (above.isBlank() || mergedAcross || ColumnMap.match(List.of(above)).columns().isEmpty()) {
                underGroup = true;
            }
        }
        return underGroup;
    }

    /** Each column's header path, top to bottom, repeats of a merged cell removed. */
    private static List<List<String>> paths(List<RawRow> rows, Map<Long, Grid.Merge> covered, int first, int last) {
        int width = 0;
        for (int r = first; r <= last; r++) {
            width = Math.max(width, rows.get(r).cells().size());
        }
        String[][] labels = new String[last - first + 1][width];
        for (int r = first; r <= last; r++) {
            for (int c = 0; c < width; c++) {
                labels[r - first][c] = label(rows, covered, r, c);
            }
        }
        // Without merge information (CSV), a group label is printed once, over the first of its columns.
        for (int r = 0; r < labels.length - 1; r++) {
            for (int c = 1; c < width; c++) {
                if (labels[r][c].isEmpty() && !labels[r][c - 1].isEmpty()
                        && !labels[r + 1][c].isEmpty() && !labels[r + 1][c - 1].isEmpty()
                        && covered.get(key(rows.get(first + r).firstLine(), c)) == null) {
                    labels[r][c] = labels[r][c - 1];
                }
            }
        }
        List<List<String>> paths = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            List<String> path = new ArrayList<>();
            for (String[] row : labels) {
                String l = row[c].strip();
                if (!l.isEmpty() && (path.isEmpty() || !path.get(path.size() - 1).equals(l))) {
                    path.add(l);
                }
            }
            paths.add(path);
        }
        while (!paths.isEmpty() && paths.get(paths.size() - 1).isEmpty()) {
            paths.remove(paths.size() - 1);
        }
        return paths;
    }

    /** The text a header cell shows: its own, or that of the merged region covering it. */
    private static String label(List<RawRow> rows, Map<Long, Grid.Merge> covered, int r, int c) {
        RawRow row = rows.get(r);
        String own = c < row.cells().size() ? row.cells().get(c).strip() : "";
        if (!own.isEmpty()) {
            return own;
        }
        Grid.Merge m = covered.get(key(row.firstLine(), c));
        return m == null ? "" : m.text();
    }

    private static List<String> filledTexts(List<String> cells) {
        return cells.stream().map(ColumnMap::normalise).filter(c -> !c.isEmpty()).toList();
    }

    /** Every cell of a merged region except its first, by (line, column). */
    private static Map<Long, Grid.Merge> coveredCells(Grid grid) {
        Map<Long, Grid.Merge> out = new HashMap<>();
        for (Grid.Merge m : grid.merges()) {
            for (int line = m.firstLine(); line <= m.lastLine(); line++) {
                for (int c = m.firstCol(); c <= m.lastCol(); c++) {
                    if (line != m.firstLine() || c != m.firstCol()) {
                        out.put(key(line, c), m);
                    }
                }
            }
        }
        return out;
    }

    private static long key(int line, int column) {
        return ((long) line << 20) | column;
    }
}
