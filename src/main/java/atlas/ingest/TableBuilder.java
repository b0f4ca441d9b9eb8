package atlas.ingest;

import atlas.ingest.ColumnMap.Field;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
 *   <li>a row labelled 合计 / 小计 / 总计 / 共计 is a totals row: never a project, checked against the sum of the
 *       rows it covers (合计 / 总计: the table; 小计: the section it is in);</li>
 *   <li>a section row sets the category of the rows below: a row whose one filled cell is either the first cell
 *       (not a number) or reads like 一、... / （一）..., or a row 一、... (or 序号 一 beside a name) whose other cells
 *       are amounts, which are then the section's subtotal. （一）... under 一、... is a sub-section (second level).
 *       A count after the name (（5项）) is not part of the category;</li>
 *   <li>when the table has a 序号 column, a row whose 序号 cell is empty continues the row above (the row
 *       wrapped across lines or a page break): each of its cells is appended to the same column of that row;</li>
 *   <li>every other row starts a new source row.</li>
 * </ul>
 */
final class TableBuilder {
    /** A value this many times its list's median is reported as implausible. */
    private static final BigDecimal FAR_ABOVE_MEDIAN = new BigDecimal("200");
    /** A list whose median project costs this much (亿元) was almost surely printed in 万元. */
    private static final BigDecimal MEDIAN_TOO_LARGE = new BigDecimal("1000");
    /** A list whose median project costs this little (亿元, i.e. 20 万元) was almost surely printed in 亿元. */
    private static final BigDecimal MEDIAN_TOO_SMALL = new BigDecimal("0.002");

    private final String title;
    private final String caption;
    private final ColumnMap columns;
    private final List<Pending> rows = new ArrayList<>();
    private final List<RejectedRow> orphans = new ArrayList<>();
    private final List<Total> totals = new ArrayList<>();
    private Optional<MoneyUnit> captionUnit;
    private String captionUnitText;
    private int headerRows = 1;
    private final List<TableLine> lines = new ArrayList<>();
    private Optional<String> category = Optional.empty();
    private Optional<String> subcategory = Optional.empty();
    private boolean sawTopLevel;
    private Pending last;

    TableBuilder(String title, String caption, ColumnMap columns) {
        this.title = title;
        this.caption = caption;
        this.columns = columns;
        this.captionUnit = MoneyUnit.inCaption(caption);
        this.captionUnitText = caption;
    }

    /** A line above the table that declares its unit (单位：万元); the first one found counts. */
    TableBuilder unitLine(String line) {
        if (captionUnit.isEmpty()) {
            captionUnit = MoneyUnit.inCaption(line);
            captionUnitText = line;
        }
        return this;
    }

    /** How many rows the header spans (for the report). */
    TableBuilder headerRows(int n) {
        headerRows = n;
        return this;
    }

    /** A row being assembled from one or more physical rows. */
    private static final class Pending {
        final int firstLine;
        int lastLine;
        final Optional<String> category;
        final Optional<String> subcategory;
        final List<StringBuilder> cells = new ArrayList<>();
        final StringBuilder raw;

        Pending(RawRow row, Optional<String> category, Optional<String> subcategory) {
            this.firstLine = row.firstLine();
            this.lastLine = row.lastLine();
            this.category = category;
            this.subcategory = subcategory;
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

    /**
     * A printed total and the rows it covers: the whole table (category empty and wholeTable), a section
     * (category) or a sub-section (category and subcategory).
     */
    private record Total(String label, int line, List<String> cells, boolean wholeTable,
                         Optional<String> category, Optional<String> subcategory) {
        String scope() {
            if (wholeTable) {
                return "table";
            }
            return category.orElse("") + subcategory.map(s -> " / " + s).orElse("");
        }

        boolean covers(Pending p) {
            return wholeTable || (p.category.equals(category) && (subcategory.isEmpty() || p.subcategory.equals(subcategory)));
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
        Optional<String> totalLabel = totalLabel(cells, filled);
        if (totalLabel.isPresent()) {
            String label = totalLabel.get();
            boolean sub = Values.isSubtotalLabel(label) && category.isPresent();
            totals.add(new Total(label, row.firstLine(), cells, !sub, sub ? category : Optional.empty(),
                    sub ? subcategory : Optional.empty()));
            return;
        }
        if (section(cells, filled, row)) {
            return;
        }
        lines.add(new TableLine(row.firstLine(), row.lastLine(), row.cells(), category, row.raw()));
        boolean continuation = columns.has(Field.SEQ) && columns.value(Field.SEQ, cells).isEmpty();
        if (continuation) {
            if (last == null) {
                Pending orphan = new Pending(row, category, subcategory);
                SourceRow source = source(orphan);
                orphans.add(new RejectedRow(source, new RowIssue(title, "", row.firstLine(), "row",
                        "row has no 序号 and there is no row above to continue; kept as it is")));
            } else {
                last.append(row);
            }
            return;
        }
        last = new Pending(row, category, subcategory);
        rows.add(last);
    }

    /** The label when the row is a totals row: its 序号 or name cell (or first cell) reads 合计 / 小计 / 总计. */
    private Optional<String> totalLabel(List<String> cells, List<Integer> filled) {
        for (String c : List.of(columns.value(Field.SEQ, cells), columns.value(Field.NAME, cells), cells.get(filled.get(0)))) {
            if (!c.isEmpty() && Values.isTotalLabel(c)) {
                return Optional.of(Values.clean(c));
            }
        }
        return Optional.empty();
    }

    /** Reads a section row (see the class comment); false when the row is not one. */
    private boolean section(List<String> cells, List<Integer> filled, RawRow row) {
        int firstIndex = filled.get(0);
        String first = cells.get(firstIndex);
        int style;
        String name;
        List<Integer> nameCells;
        if (filled.size() == 1) {
            style = Values.sectionStyle(first);
            boolean seqCellOnly = firstIndex == 0 && Integer.valueOf(0).equals(columns.columns().get(Field.SEQ))
                    && !first.matches("\\d+[.、]?");
            if (style == 0 && !seqCellOnly) {
                return false;
            }
            name = style > 0 ? Values.sectionName(first).orElseThrow() : Values.sectionTitle(Values.clean(first));
            nameCells = List.of(firstIndex);
        } else if (Values.sectionStyle(first) > 0) {
            style = Values.sectionStyle(first);
            name = Values.sectionName(first).orElseThrow();
            nameCells = List.of(firstIndex);
        } else if (columns.has(Field.SEQ) && columns.has(Field.NAME) && Values.ordinalStyle(columns.value(Field.SEQ, cells)) > 0
                && !columns.value(Field.NAME, cells).isEmpty()) {
            style = Values.ordinalStyle(columns.value(Field.SEQ, cells));
            name = Values.sectionTitle(Values.clean(columns.value(Field.NAME, cells)));
            nameCells = List.of(columns.columns().get(Field.SEQ), columns.columns().get(Field.NAME));
        } else {
            return false;
        }
        // Other filled cells may only be the section's subtotals (and the unit of its row).
        for (int i : filled) {
            if (!nameCells.contains(i) && !isSubtotalCell(i, cells.get(i))) {
                return false;
            }
        }
        boolean subSection = style == 2 && sawTopLevel;
        if (subSection) {
            subcategory = Optional.of(name);
        } else {
            category = Optional.of(name);
            subcategory = Optional.empty();
            sawTopLevel |= style == 1;
        }
        if (filled.size() > nameCells.size()) {
            totals.add(new Total(Values.clean(first), row.firstLine(), cells, false, category, subcategory));
        }
        return true;
    }

    private boolean isSubtotalCell(int column, String cell) {
        Integer total = columns.columns().get(Field.TOTAL_INVESTMENT);
        Integer planned = columns.columns().get(Field.PLANNED_INVESTMENT);
        Integer unit = columns.columns().get(Field.MONEY_UNIT);
        if (Integer.valueOf(column).equals(unit)) {
            return true;
        }
        return (Integer.valueOf(column).equals(total) || Integer.valueOf(column).equals(planned))
                && (Values.number(cell).isPresent() || Values.isPlaceholder(cell));
    }

    ParsedTable build() {
        TableKind kind = kind();
        List<ProjectRecord> projects = new ArrayList<>();
        List<Pending> projectRows = new ArrayList<>();
        List<RejectedRow> rejected = new ArrayList<>(orphans);
        List<RowIssue> tableWarnings = new ArrayList<>();
        List<TableReading.TotalCheck> checks = new ArrayList<>();
        if (kind == TableKind.OTHER) {
            tableWarnings.add(new RowIssue(title, "", 0, "table", "table has no name column (项目名称 / 平台名称); its "
                    + rows.size() + " rows are not read as projects; headers: " + columns.headers()));
        } else {
            for (Pending p : rows) {
                SourceRow source = source(p);
                ProjectParser.Result r = ProjectParser.parse(source, p.values(), columns, captionUnit, p.subcategory);
                r.project().ifPresent(x -> {
                    projects.add(x);
                    projectRows.add(p);
                });
                r.rejected().ifPresent(rejected::add);
            }
            for (Field f : List.of(Field.TOTAL_INVESTMENT, Field.PLANNED_INVESTMENT)) {
                if (columns.has(f)) {
                    checkPlausible(f, projects, tableWarnings);
                }
            }
            for (Total t : totals) {
                checkTotal(t, projects, projectRows, checks, tableWarnings);
            }
        }
        List<RowIssue> warnings = new ArrayList<>(tableWarnings);
        projects.forEach(p -> warnings.addAll(p.warnings()));
        rejected.sort(Comparator.comparingInt(x -> x.source().firstLine()));
        warnings.sort(Comparator.comparingInt(RowIssue::line));
        TableReading reading = new TableReading(headerRows, unitsRead(), columns.mapped(), columns.unmapped(), checks);
        return new ParsedTable(title, caption, kind, columns.headers(), projects, rejected, warnings, reading, lines);
    }

    /** Values far above the list's median, and a list whose median looks 10^4 off, are warned about. */
    private void checkPlausible(Field field, List<ProjectRecord> projects, List<RowIssue> tableWarnings) {
        List<BigDecimal> values = new ArrayList<>();
        for (ProjectRecord p : projects) {
            amountOf(field, p).filter(v -> v.signum() > 0).ifPresent(values::add);
        }
        if (values.size() < 3) {
            return;
        }
        List<BigDecimal> sorted = values.stream().sorted().toList();
        BigDecimal median = sorted.get(sorted.size() / 2);
        String label = columns.header(field).map(ColumnMap::matchKey).orElse(field.label());
        String unit = unitRead(field);
        if (median.compareTo(MEDIAN_TOO_LARGE) >= 0) {
            tableWarnings.add(new RowIssue(title, "", 0, field.key(), "the " + values.size() + " amounts of " + label
                    + " read in " + unit + " have a median of " + plain(median) + " 亿元: they look 10^4 too large;"
                    + " if the list is in 万元, say so above the table (单位：万元) or in the header (" + label + "（万元）)"));
        } else if (median.compareTo(MEDIAN_TOO_SMALL) < 0) {
            tableWarnings.add(new RowIssue(title, "", 0, field.key(), "the " + values.size() + " amounts of " + label
                    + " read in " + unit + " have a median of " + plain(median) + " 亿元: they look 10^4 too small;"
                    + " check the unit printed for the list"));
        }
        if (values.size() < 5 || median.signum() <= 0) {
            return;
        }
        BigDecimal limit = median.multiply(FAR_ABOVE_MEDIAN);
        for (int i = 0; i < projects.size(); i++) {
            ProjectRecord p = projects.get(i);
            Optional<BigDecimal> v = amountOf(field, p);
            if (v.isPresent() && v.get().compareTo(limit) > 0 && v.get().compareTo(ProjectParser.IMPLAUSIBLE) <= 0) {
                BigDecimal times = v.get().divide(median, 0, RoundingMode.HALF_UP);
                projects.set(i, p.withWarning(new RowIssue(title, p.seq(), p.source().firstLine(), field.key(),
                        "field " + label + " " + plain(v.get()) + " 亿元 is " + times + "× the median of its list ("
                                + plain(median) + " 亿元): check the unit; kept as read")));
            }
        }
    }

    private void checkTotal(Total t, List<ProjectRecord> projects, List<Pending> projectRows,
                            List<TableReading.TotalCheck> checks, List<RowIssue> tableWarnings) {
        Optional<MoneyUnit> rowUnit = ProjectParser.rowUnit(t.cells(), columns, null);
        for (Field f : List.of(Field.TOTAL_INVESTMENT, Field.PLANNED_INVESTMENT)) {
            String cell = Values.clean(columns.value(f, t.cells()));
            Optional<BigDecimal> number = Values.number(cell);
            if (number.isEmpty()) {
                continue;
            }
            MoneyUnit unit = Values.cellUnit(cell).orElse(ProjectParser.unit(f, columns, rowUnit, captionUnit));
            BigDecimal printed = unit.toYi(number.get());
            // Agreement to the printed precision: 4739.84 allows ±0.005, 125000 (万元) ±0.5 万元.
            BigDecimal tolerance = unit.toYi(new BigDecimal("0.5").movePointLeft(Math.max(number.get().scale(), 0)));
            BigDecimal sum = BigDecimal.ZERO;
            int covered = 0;
            int without = 0;
            for (int i = 0; i < projects.size(); i++) {
                if (!t.covers(projectRows.get(i))) {
                    continue;
                }
                covered++;
                Optional<BigDecimal> v = amountOf(f, projects.get(i));
                if (v.isPresent()) {
                    sum = sum.add(v.get());
                } else {
                    without++;
                }
            }
            boolean matches = printed.subtract(sum).abs().compareTo(tolerance) <= 0;
            checks.add(new TableReading.TotalCheck(t.label(), t.line(), t.scope(), f.key(), printed, sum, covered, without, matches));
            if (!matches) {
                String label = columns.header(f).map(ColumnMap::matchKey).orElse(f.label());
                tableWarnings.add(new RowIssue(title, "", t.line(), f.key(), "totals row '" + t.label() + "' ("
                        + ("table".equals(t.scope()) ? "the table" : "section " + t.scope()) + "): " + label + " prints "
                        + plain(printed) + " 亿元 but its " + covered + " rows sum to " + plain(sum) + " 亿元 (difference "
                        + plain(printed.subtract(sum)) + (without > 0 ? "; " + without + " rows have no amount" : "") + ")"));
            }
        }
    }

    private static Optional<BigDecimal> amountOf(Field f, ProjectRecord p) {
        return f == Field.TOTAL_INVESTMENT ? p.totalInvestment() : p.plannedInvestment();
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    /** Per money column: the unit read and where it was read. */
    private Map<String, String> unitsRead() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Field f : List.of(Field.TOTAL_INVESTMENT, Field.PLANNED_INVESTMENT)) {
            columns.header(f).ifPresent(h -> out.put(h, unitRead(f)));
        }
        return out;
    }

    private String unitRead(Field f) {
        Optional<MoneyUnit> header = columns.headerUnit(f);
        if (header.isPresent()) {
            return header.get().label() + " (header)";
        }
        String fallback = captionUnit.map(u -> u.label() + " (caption: " + captionUnitText.strip() + ")")
                .orElse("亿元 (no unit printed: 亿元 assumed)");
        if (columns.has(Field.MONEY_UNIT)) {
            return "per row (column " + columns.header(Field.MONEY_UNIT).orElseThrow() + "), else " + fallback;
        }
        return fallback;
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
