package atlas.worklists;

import atlas.ingest.ParsedTable;
import atlas.ingest.StackedCellText;
import atlas.ingest.TableLine;
import atlas.ingest.TextDecoding;
import atlas.ingest.TextTableReader;
import atlas.worklists.ListColumns.Role;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the 改革 / 政策 / 平台 / 项目 / 任务 lists of a text document with the ingest table reader, and turns
 * each list's rows into work items. Unlike a project list, a row without 序号 that has its own 完成时限 is an
 * item of its own under the numbered row above (a 细化具体项目任务, or a second task of one 任务名称); a row
 * without 序号 and without a deadline continues the row above (wrapped across a page break).
 */
public final class WorkListReader {
    private static final Pattern YEAR = Pattern.compile("((?:19|20)\\d{2})\\s*年");
    private static final Pattern CODE = Pattern.compile("\\d{4}-[0-9A-Za-z]{6}-\\d{2}-\\d{2}-\\d{6}(-\\d{3})?");
    private static final Pattern NUMBERED = Pattern.compile("\\d+\\s*[*＊]?[.、]?");

    private WorkListReader() {
    }

    /** A row that could not become an item, with its reason. */
    public record Rejected(String table, int line, String raw, String reason) {
    }

    /** One list of the document. */
    public record WorkList(String table, String caption, String kind, int year, List<WorkItem> items,
                           List<Rejected> rejected) {
    }

    /** The lists of a document; documentYear fills a deadline's year when the list's caption names none. */
    public static List<WorkList> read(String fileName, byte[] bytes, int documentYear) {
        String text = TextDecoding.decode(bytes);
        java.util.function.IntUnaryOperator lineOf = line -> line;
        if (StackedCellText.isStacked(text)) {
            StackedCellText rows = StackedCellText.toRows(text);
            text = rows.text();
            lineOf = rows::original;
        }
        int year = documentYear > 0 ? documentYear : firstYear(text);
        List<WorkList> out = new ArrayList<>();
        for (ParsedTable t : TextTableReader.read(text)) {
            ListColumns cols = ListColumns.match(t.headers());
            Optional<String> kind = cols.kind(t.caption() + " " + t.title());
            if (kind.isEmpty() || !cols.has(Role.TITLE) && !cols.has(Role.CONTENT)) {
                continue;
            }
            Matcher y = YEAR.matcher(t.caption() + " " + t.title());
            int listYear = y.find() ? Integer.parseInt(y.group(1)) : year;
            out.add(new Lister(fileName, t, cols, kind.get(), listYear, lineOf).list());
        }
        return out;
    }

    private static int firstYear(String text) {
        Matcher m = YEAR.matcher(text.substring(0, Math.min(text.length(), 2000)));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Builds the items of one table. */
    private static final class Lister {
        private final String source;
        private final ParsedTable table;
        private final ListColumns cols;
        private final String kind;
        private final int year;
        private final List<WorkItem> items = new ArrayList<>();
        private final List<Rejected> rejected = new ArrayList<>();
        private int group;
        private int part;
        private String groupSeq = "";
        private final java.util.function.IntUnaryOperator lineOf;

        Lister(String source, ParsedTable table, ListColumns cols, String kind, int year,
               java.util.function.IntUnaryOperator lineOf) {
            this.lineOf = lineOf;
            this.source = source;
            this.table = table;
            this.cols = cols;
            this.kind = kind;
            this.year = year;
        }

        /** A row being assembled from its physical lines. */
        private static final class Row {
            final TableLine first;
            int lastLine;
            final List<StringBuilder> cells = new ArrayList<>();
            final StringBuilder raw;

            Row(TableLine line) {
                first = line;
                lastLine = line.lastLine();
                raw = new StringBuilder(line.raw());
                append(line, false);
            }

            void append(TableLine line, boolean continued) {
                lastLine = line.lastLine();
                if (continued) {
                    raw.append('\n').append(line.raw());
                }
                for (int i = 0; i < line.cells().size(); i++) {
                    while (cells.size() <= i) {
                        cells.add(new StringBuilder());
                    }
                    cells.get(i).append(line.cells().get(i).strip());
                }
            }

            List<String> values() {
                return cells.stream().map(StringBuilder::toString).toList();
            }
        }

        WorkList list() {
            Row row = null;
            for (TableLine line : table.lines()) {
                List<String> cells = line.cells().stream().map(String::strip).toList();
                String seq = cols.value(Role.SEQ, cells);
                if (!seq.isEmpty()) {
                    finish(row);
                    group++;
                    part = 1;
                    groupSeq = seq.replaceAll("[.、\\s]+$", "");
                    row = new Row(line);
                } else if (row == null) {
                    rejected.add(new Rejected(table.title(), lineOf.applyAsInt(line.firstLine()), line.raw(),
                            "row has no 序号 and there is no numbered row above it"));
                } else if (cols.has(Role.DEADLINE) && (deadlineIndex(cells).isPresent() || !cols.value(Role.DEADLINE, cells).isEmpty())
                        && (!cols.value(Role.CONTENT, cells).isEmpty() || !cols.value(Role.TITLE, cells).isEmpty())) {
                    finish(row);
                    part++;
                    row = new Row(line);
                } else {
                    row.append(line, true);
                }
            }
            finish(row);
            return new WorkList(table.title(), table.caption(), kind, year, List.copyOf(items), List.copyOf(rejected));
        }

        /** Where the deadline sits: its column, or a later one when the row is pushed right by an extra cell. */
        private Optional<Integer> deadlineIndex(List<String> cells) {
            Optional<Integer> d0 = cols.index(Role.DEADLINE);
            if (d0.isEmpty()) {
                return Optional.empty();
            }
            for (int i = d0.get(); i < cells.size(); i++) {
                if (!cells.get(i).isBlank() && Deadline.looksLike(cells.get(i))) {
                    return Optional.of(i);
                }
            }
            return Optional.empty();
        }

        private void finish(Row row) {
            if (row == null) {
                return;
            }
            List<String> cells = row.values();
            List<String> warnings = new ArrayList<>();
            String seq = part == 1 ? groupSeq : "";
            if (part == 1 && !NUMBERED.matcher(cols.value(Role.SEQ, cells)).matches()) {
                warnings.add("序号 '" + cols.value(Role.SEQ, cells) + "' is not a number");
            }
            String title = clean(cols.value(Role.TITLE, cells));
            String content = clean(cols.value(Role.CONTENT, cells));
            String unitsText = clean(cols.value(Role.UNITS, cells));
            String deadlineText = cols.value(Role.DEADLINE, cells);
            Optional<Integer> d = deadlineIndex(cells);
            int d0 = cols.index(Role.DEADLINE).orElse(-1);
            if (d.isPresent() && d.get() > d0) {
                // The row carries an extra cell: what lies between content and deadline is content,
                // what follows the deadline is the units.
                StringBuilder extra = new StringBuilder(content);
                for (int i = cols.index(Role.CONTENT).orElse(d0 - 1) + 1; i < d.get(); i++) {
                    extra.append(cells.get(i).strip());
                }
                content = clean(extra.toString());
                deadlineText = cells.get(d.get());
                StringBuilder units = new StringBuilder();
                for (int i = d.get() + 1; i < cells.size(); i++) {
                    units.append(cells.get(i).strip());
                }
                unitsText = clean(units.toString());
                warnings.add("the row has an extra cell; 完成时限 read from column " + (d.get() + 1));
            }
            if (title.isEmpty() && content.isEmpty()) {
                rejected.add(new Rejected(table.title(), lineOf.applyAsInt(row.first.firstLine()), row.raw.toString(),
                        "row has neither a name nor content"));
                return;
            }
            WorkItem previous = items.isEmpty() ? null : items.get(items.size() - 1);
            boolean titleInherited = false;
            if (title.isEmpty() && previous != null) {
                title = previous.title();
                titleInherited = true;
            }
            boolean unitsInherited = false;
            if (unitsText.isEmpty() && cols.has(Role.UNITS) && previous != null && (titleInherited || part > 1)) {
                unitsText = previous.unitsText();
                unitsInherited = true;
                warnings.add("责任单位 is empty; taken from the row above (a merged cell)");
            } else if (unitsText.isEmpty() && cols.has(Role.UNITS)) {
                warnings.add("责任单位 is empty");
            }
            Deadline deadline = Deadline.parse(deadlineText, year);
            if (cols.has(Role.DEADLINE) && deadline.date().isEmpty()) {
                warnings.add(deadlineText.isEmpty() ? "完成时限 is empty"
                        : "完成时限 '" + deadlineText + "' names no month or year");
            }
            List<String> codes = new ArrayList<>();
            Matcher m = CODE.matcher(cols.value(Role.CODE, cells));
            while (m.find()) {
                codes.add(m.group());
            }
            Map<String, String> byHeader = new LinkedHashMap<>();
            for (int i = 0; i < Math.max(cells.size(), table.headers().size()); i++) {
                String header = i < table.headers().size() && !table.headers().get(i).isBlank()
                        ? table.headers().get(i).strip() : "列" + (i + 1);
                String value = i < cells.size() ? cells.get(i) : "";
                if (i < table.headers().size() || !value.isEmpty()) {
                    byHeader.merge(header, value, (a, b) -> a + b);
                }
            }
            items.add(new WorkItem(kind, source, table.caption(), table.title(), seq, groupSeq, group, part,
                    lineOf.applyAsInt(row.first.firstLine()), lineOf.applyAsInt(row.lastLine), row.first.category().orElse(""), title, titleInherited,
                    content, clean(cols.value(Role.TARGET, cells)), clean(cols.value(Role.LOCATION, cells)), codes,
                    deadline, unitsText, Responsibility.parse(unitsText), unitsInherited, byHeader,
                    row.raw.toString(), warnings));
        }

        private static String clean(String s) {
            return s.replaceAll("[ \\t\\u3000]+", " ").strip();
        }
    }
}
