package atlas.ingest;

import atlas.ingest.ColumnMap.Field;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the rows under one header into a {@link ParsedTable}. Shared by all readers.
 * <ul>
 *   <li>a row that reads 序号 in some cell is a header repeated after a page break: dropped;</li>
 *   <li>a row with one filled cell that is either the first cell (not a number) or reads like 一、... / （一）...
 *       is a section row: it sets the category of the rows below;</li>
 *   <li>when the table has a 序号 column, a row whose 序号 cell is empty continues the row above (the row
 *       wrapped across lines or a page break): each of its cells is appended to the same column of that row;</li>
 *   <li>every other row starts a new source row.</li>
 * </ul>
 */
final class TableBuilder {
    private final String title;
    private final String caption;
    private final ColumnMap columns;
    private final List<Pending> rows = new ArrayList<>();
    private final List<RejectedRow> orphans = new ArrayList<>();
    private final List<TableLine> lines = new ArrayList<>();
    private Optional<String> category = Optional.empty();
    private Pending last;

    TableBuilder(String title, String caption, ColumnMap columns) {
        this.title = title;
        this.caption = caption;
        this.columns = columns;
    }

    /** A row being assembled from one or more physical rows. */
    private static final class Pending {
        final int firstLine;
        int lastLine;
        final Optional<String> category;
        final List<StringBuilder> cells = new ArrayList<>();
        final StringBuilder raw;

        Pending(RawRow row, Optional<String> category) {
            this.firstLine = row.firstLine();
            this.lastLine = row.lastLine();
            this.category = category;
            this.raw = new StringBuilder(row.raw());
            for (String c : row.cells()) {
                cells.add(new StringBuilder(c.strip()));
            }
        }

        void append(RawRow row) {
            lastLine = row.lastLine();
            raw.append('\n').append(row.raw());
            for (int i = 0; i < row.cells().size(); i++) {
                String c = row.cells().get(i).strip();
                while (cells.size() <= i) {
                    cells.add(new StringBuilder());
                }
                cells.get(i).append(c);
            }
        }

        List<String> values() {
            return cells.stream().map(StringBuilder::toString).toList();
        }
    }

    /** Header cells stripped, trailing blank ones dropped. */
    static List<String> headerCells(List<String> cells) {
        List<String> out = new ArrayList<>(cells.stream().map(String::strip).toList());
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    void accept(RawRow row) {
        List<String> cells = row.cells().stream().map(String::strip).toList();
        List<Integer> filled = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            if (!cells.get(i).isEmpty()) {
                filled.add(i);
            }
        }
        if (filled.isEmpty() || ColumnMap.isHeaderRow(cells)) {
            return;
        }
        if (filled.size() == 1) {
            String text = cells.get(filled.get(0));
            boolean seqCellOnly = filled.get(0) == 0 && Integer.valueOf(0).equals(columns.columns().get(Field.SEQ))
                    && !text.matches("\\d+[.、]?");
            if (Values.isSection(text) || seqCellOnly) {
                category = Optional.of(Values.sectionName(text).orElse(Values.clean(text)));
                return;
            }
        }
        lines.add(new TableLine(row.firstLine(), row.lastLine(), row.cells(), category, row.raw()));
        boolean continuation = columns.has(Field.SEQ) && columns.value(Field.SEQ, cells).isEmpty();
        if (continuation) {
            if (last == null) {
                Pending orphan = new Pending(row, category);
                SourceRow source = source(orphan);
                orphans.add(new RejectedRow(source, new RowIssue(title, "", row.firstLine(), "row",
                        "row has no 序号 and there is no row above to continue; kept as it is")));
            } else {
                last.append(row);
            }
            return;
        }
        last = new Pending(row, category);
        rows.add(last);
    }

    ParsedTable build() {
        TableKind kind = kind();
        List<ProjectRecord> projects = new ArrayList<>();
        List<RejectedRow> rejected = new ArrayList<>(orphans);
        List<RowIssue> warnings = new ArrayList<>();
        if (kind == TableKind.OTHER) {
            warnings.add(new RowIssue(title, "", 0, "table", "table has no name column (项目名称 / 平台名称); its "
                    + rows.size() + " rows are not read as projects; headers: " + columns.headers()));
        } else {
            for (Pending p : rows) {
                SourceRow source = source(p);
                ProjectParser.Result r = ProjectParser.parse(source, p.values(), columns);
                r.project().ifPresent(projects::add);
                r.rejected().ifPresent(rejected::add);
                warnings.addAll(r.warnings());
            }
        }
        rejected.sort(Comparator.comparingInt(x -> x.source().firstLine()));
        warnings.sort(Comparator.comparingInt(RowIssue::line));
        return new ParsedTable(title, caption, kind, columns.headers(), projects, rejected, warnings, lines);
    }

    private TableKind kind() {
        if (!columns.has(Field.NAME)) {
            return TableKind.OTHER;
        }
        String nameHeader = ColumnMap.normalise(columns.header(Field.NAME).orElse(""));
        return nameHeader.contains("平台") || ColumnMap.normalise(caption).contains("平台清单")
                ? TableKind.PLATFORMS : TableKind.PROJECTS;
    }

    private SourceRow source(Pending p) {
        List<String> values = p.values();
        List<String> headers = columns.headers();
        Map<String, String> cells = new LinkedHashMap<>();
        for (int i = 0; i < Math.max(values.size(), headers.size()); i++) {
            String value = i < values.size() ? values.get(i) : "";
            String header = i < headers.size() && !headers.get(i).isBlank() ? headers.get(i).strip() : "列" + (i + 1);
            if (cells.containsKey(header)) {
                header = header + "#" + (i + 1);
            }
            if (i < headers.size() || !value.isEmpty()) {
                cells.put(header, value);
            }
        }
        String seq = columns.value(Field.SEQ, values);
        return new SourceRow(title, seq, p.firstLine, p.lastLine, p.category, cells, p.raw.toString());
    }
}
