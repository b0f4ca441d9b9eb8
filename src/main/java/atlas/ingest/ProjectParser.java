package atlas.ingest;

import atlas.ingest.ColumnMap.Field;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the fields of one source row into a {@link ProjectRecord}, or rejects it (no name). */
final class ProjectParser {

    /** Either a project or a rejection, plus the warnings of the row. */
    record Result(Optional<ProjectRecord> project, Optional<RejectedRow> rejected, List<RowIssue> warnings) {
    }

    private ProjectParser() {
    }

    static Result parse(SourceRow source, List<String> cells, ColumnMap columns) {
        return parse(source, cells, columns, Optional.empty(), Optional.empty());
    }

    /**
     * @param captionUnit the unit printed above the table (单位：万元), for money columns whose header names none
     * @param subcategory the sub-section the row is under
     */
    static Result parse(SourceRow source, List<String> cells, ColumnMap columns, Optional<MoneyUnit> captionUnit,
                        Optional<String> subcategory) {
        Issues issues = new Issues(source, columns);
        String name = Values.clean(columns.value(Field.NAME, cells));
        if (name.isEmpty()) {
            RowIssue reason = issues.issue(Field.NAME, "row has no 项目名称 (name); not imported as a project, kept with its raw text");
            return new Result(Optional.empty(), Optional.of(new RejectedRow(source, reason)), List.of());
        }
        String seq = source.seq();
        if (columns.has(Field.SEQ) && !seq.matches("\\d+[.、]?")) {
            issues.add(Field.SEQ, "field 序号 '" + seq + "' is not a number");
        }

        Optional<String> category = source.category();
        String categoryCell = Values.clean(columns.value(Field.CATEGORY, cells));
        if (!categoryCell.isEmpty()) {
            category = Optional.of(categoryCell);
        }

        List<String> codes = List.of();
        if (columns.has(Field.CODE)) {
            String cell = columns.value(Field.CODE, cells);
            codes = ProjectCodes.find(cell);
            if (codes.isEmpty() && !Values.isPlaceholder(cell)) {
                issues.add(Field.CODE, "field " + issues.label(Field.CODE) + " '" + cell + "' holds no project code");
            }
            for (String code : codes) {
                if (!ProjectCodes.isWellFormed(code)) {
                    issues.add(Field.CODE, "field " + issues.label(Field.CODE) + " '" + code
                            + "' does not have the usual shape (yymm-division-industry-type-serial); kept as printed");
                }
            }
        }

        Optional<String> nature = Optional.empty();
        String natureCell = Values.clean(columns.value(Field.NATURE, cells));
        if (!Values.isPlaceholder(natureCell)) {
            if (natureCell.contains("续建")) {
                nature = Optional.of("续建");
            } else if (natureCell.contains("新建")) {
                nature = Optional.of("新建");
            } else {
                nature = Optional.of(natureCell);
                issues.add(Field.NATURE, "field 建设性质 '" + natureCell + "' is neither 新建 nor 续建; kept as printed");
            }
        }

        Optional<Integer> start = Optional.empty();
        Optional<Integer> end = Optional.empty();
        String yearsCell = Values.clean(columns.value(Field.YEARS, cells));
        if (!Values.isPlaceholder(yearsCell)) {
            Optional<int[]> years = Values.years(yearsCell);
            if (years.isEmpty()) {
                issues.add(Field.YEARS, "field " + issues.label(Field.YEARS) + " '" + yearsCell + "' is not a year range");
            } else {
                int[] y = years.get();
                start = Optional.of(y[0]);
                end = y[1] == 0 ? Optional.empty() : Optional.of(y[1]);
                if (y[1] != 0 && y[1] < y[0]) {
                    issues.add(Field.YEARS, "field " + issues.label(Field.YEARS) + " '" + yearsCell + "' ends before it starts");
                }
            }
        }

        Optional<MoneyUnit> rowUnit = rowUnit(cells, columns, issues);
        Optional<BigDecimal> total = amount(Field.TOTAL_INVESTMENT, cells, columns, issues, true, unit(Field.TOTAL_INVESTMENT, columns, rowUnit, captionUnit));
        Optional<BigDecimal> planned = amount(Field.PLANNED_INVESTMENT, cells, columns, issues, false, unit(Field.PLANNED_INVESTMENT, columns, rowUnit, captionUnit));

        String progress = Values.clean(columns.value(Field.PROGRESS, cells));
        List<String> units = Values.units(Values.clean(columns.value(Field.UNITS, cells)));
        String location = Values.clean(columns.value(Field.LOCATION, cells));
        String content = Values.clean(columns.value(Field.CONTENT, cells));

        ProjectRecord record = new ProjectRecord(seq, name, category, codes, nature, location, start, end,
                total, planned, progress, units, content, source, issues.list, subcategory);
        return new Result(Optional.of(record), Optional.empty(), issues.list);
    }

    /**
     * An amount in 亿元. Placeholders ('待核定', '--', '/') give empty with a warning (for 总投资 also a blank
     * cell); text that is not a number gives empty with a warning: the row is still imported.
     */
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1e12");
    /** Above this a single project is implausible (the largest in the bundled lists are a few hundred 亿元). */
    static final BigDecimal IMPLAUSIBLE = new BigDecimal("2000");

    /** The unit of a money field in a row: its header's, else the row's unit column, else the caption's, else 亿元. */
    static MoneyUnit unit(Field field, ColumnMap columns, Optional<MoneyUnit> rowUnit, Optional<MoneyUnit> captionUnit) {
        return columns.headerUnit(field).or(() -> rowUnit).or(() -> captionUnit).orElse(MoneyUnit.YI);
    }

    /** The unit named in the row's unit column (单位: 万元), if the table has one and the cell names a unit. */
    static Optional<MoneyUnit> rowUnit(List<String> cells, ColumnMap columns, Issues issues) {
        if (!columns.has(Field.MONEY_UNIT)) {
            return Optional.empty();
        }
        String cell = Values.clean(columns.value(Field.MONEY_UNIT, cells));
        Optional<MoneyUnit> unit = MoneyUnit.parse(cell);
        if (unit.isEmpty() && issues != null && !Values.isPlaceholder(cell)) {
            issues.add(Field.MONEY_UNIT, "field " + issues.label(Field.MONEY_UNIT) + " '" + cell
                    + "' is not a unit of money (亿元 / 万元 / 元); the row's amounts are read in the table's unit");
        }
        return unit;
    }

    private static Optional<BigDecimal> amount(Field field, List<String> cells, ColumnMap columns, Issues issues,
                                               boolean warnBlank, MoneyUnit unit) {
        if (!columns.has(field)) {
            return Optional.empty();
        }
        String cell = Values.clean(columns.value(field, cells));
        String label = issues.label(field);
        if (Values.isPlaceholder(cell)) {
            if (!cell.isEmpty() || warnBlank) {
                issues.add(field, "field " + label + " '" + cell + "' gives no amount; imported without it");
            }
            return Optional.empty();
        }
        // A unit printed in the cell itself (125000万元) wins over the column's.
        Optional<BigDecimal> value = Values.number(cell).map(n -> Values.cellUnit(cell).orElse(unit).toYi(n));
        if (value.isEmpty()) {
            issues.add(field, "field " + label + " '" + cell + "' is not a number; imported without it");
        } else if (value.get().abs().compareTo(MAX_AMOUNT) >= 0) {
            // No single project costs a trillion 亿元: a typo or a wrong unit; keep the row, not the number.
            issues.add(field, "field " + label + " '" + cell + "' is implausibly large (≥ 10^12 亿元); imported without it");
            return Optional.empty();
        } else if (value.get().signum() < 0) {
            issues.add(field, "field " + label + " '" + cell + "' is negative");
        } else if (value.get().compareTo(IMPLAUSIBLE) > 0) {
            issues.add(field, "field " + label + " '" + cell + "' read in " + Values.cellUnit(cell).orElse(unit).label()
                    + " is " + value.get().toPlainString() + " 亿元, over 2,000 亿元 for one project: check the unit; kept as read");
        }
        return value;
    }

    /** Collects the issues of one row. */
    private static final class Issues {
        final SourceRow source;
        final ColumnMap columns;
        final List<RowIssue> list = new ArrayList<>();

        Issues(SourceRow source, ColumnMap columns) {
            this.source = source;
            this.columns = columns;
        }

        /** The header as printed without spaces and unit, e.g. 总投资 or 2023年计划投资; the canonical name if absent. */
        String label(Field field) {
            return columns.header(field).map(ColumnMap::matchKey).orElse(field.label());
        }

        RowIssue issue(Field field, String message) {
            return new RowIssue(source.tableTitle(), source.seq(), source.firstLine(), field.key(), message);
        }

        void add(Field field, String message) {
            list.add(issue(field, message));
        }
    }
}
