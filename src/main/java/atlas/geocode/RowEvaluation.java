package atlas.geocode;

import atlas.gazetteer.Gazetteer;
import atlas.ingest.DocumentException;
import atlas.ingest.DocumentReader;
import atlas.ingest.ParsedTable;
import atlas.ingest.ProjectRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scores the geocoder on labelled rows from lists it has never seen (bench/placement-dev.tsv): each
 * page's rows go in as a user's CSV would (序号, 项目名称, 建设地点, 责任单位) through the importer's
 * reader, are placed by the geocoder and their list's context, and their counties are compared with the
 * labels. Nothing is stored.
 */
public final class RowEvaluation {
    /** One labelled row: fromRow says a careful reader can tell its counties from the row alone. */
    public record Row(int line, String source, String seq, String name, String location, String units,
                      Set<String> expected, boolean fromRow) {
    }

    public record Outcome(Row row, Set<String> placed, String precision, String evidence) {
        boolean right() {
            return placed.equals(row.expected());
        }
    }

    /** County-level counts over (row, county) pairs. */
    public record Score(int rows, int truePositives, int falsePositives, int falseNegatives) {
        public double precision() {
            return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        }

        public double recall() {
            return truePositives + falseNegatives == 0 ? 1 : (double) truePositives / (truePositives + falseNegatives);
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        static Score of(List<Outcome> outcomes) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (Outcome o : outcomes) {
                Set<String> hit = new TreeSet<>(o.placed());
                hit.retainAll(o.row().expected());
                tp += hit.size();
                fp += o.placed().size() - hit.size();
                fn += o.row().expected().size() - hit.size();
            }
            return new Score(outcomes.size(), tp, fp, fn);
        }
    }

    /** fromRow: the rows labelled from_row = yes; labelled: every row with a label. */
    public record Result(Score fromRow, Score labelled, List<Outcome> outcomes, long nanos) {
        public List<Outcome> misses() {
            return outcomes.stream().filter(o -> !o.row().expected().isEmpty() && !o.right()).toList();
        }
    }

    private RowEvaluation() {
    }

    /** The labelled rows of a TAB-separated file with the columns of bench/placement-dev.tsv. */
    public static List<Row> read(Path tsv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tsv + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(tsv + " is empty");
        }
        List<String> header = List.of(lines.get(0).split("\t", -1));
        int[] col = new int[7];
        String[] names = {"source_id", "seq", "project_name", "location_text", "unit_text", "county_codes", "from_row"};
        for (int i = 0; i < names.length; i++) {
            col[i] = header.indexOf(names[i]);
            if (col[i] < 0) {
                throw new IllegalArgumentException(tsv + ": no column " + names[i] + " in the header " + header);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            String[] cells = lines.get(n).split("\t", -1);
            if (cells.length < header.size()) {
                throw new IllegalArgumentException(tsv + " line " + (n + 1) + ": " + cells.length + " cells, the header has " + header.size());
            }
            Set<String> expected = new TreeSet<>();
            for (String code : cells[col[5]].split("[;,]")) {
                if (!code.isBlank()) {
                    if (!code.trim().matches("33[0-9]{4}")) {
                        throw new IllegalArgumentException(tsv + " line " + (n + 1) + ": county code '" + code + "' is not a Zhejiang code");
                    }
                    expected.add(code.trim());
                }
            }
            rows.add(new Row(n + 1, cells[col[0]], cells[col[1]], cells[col[2]], cells[col[3]], cells[col[4]],
                    expected, cells[col[6]].trim().equals("yes")));
        }
        return rows;
    }

    /** The rows as the CSV a user would import: 序号 is the row's line, so every record finds its label. */
    static String asCsv(List<Row> rows) {
        StringBuilder csv = new StringBuilder("序号,项目名称,建设地点,责任单位\n");
        for (Row r : rows) {
            csv.append(r.line()).append(',').append(quote(r.name())).append(',').append(quote(r.location()))
                    .append(',').append(quote(r.units())).append('\n');
        }
        return csv.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    public static Result evaluate(Connection c, Path tsv) throws SQLException {
        Gazetteer gazetteer = Gazetteer.load(c);
        return evaluate(new Geocoder(gazetteer, GeocodeStore.planAreas(c), atlas.lines.LineStore.read(c)),
                new ListContext(gazetteer), read(tsv));
    }

    /** Each page's rows are one list, as a user would import each page's table on its own. */
    static Result evaluate(Geocoder geocoder, ListContext listContext, List<Row> rows) {
        java.util.Map<String, List<Row>> pages = new java.util.LinkedHashMap<>();
        rows.forEach(r -> pages.computeIfAbsent(r.source(), k -> new ArrayList<>()).add(r));
        java.util.Map<String, Row> byLine = new java.util.HashMap<>();
        rows.forEach(r -> byLine.put(String.valueOf(r.line()), r));
        List<Row> placedRows = new ArrayList<>();
        List<Placement> placements = new ArrayList<>();
        List<Long> lists = new ArrayList<>();
        long started = System.nanoTime();
        long page = 0;
        for (java.util.Map.Entry<String, List<Row>> e : pages.entrySet()) {
            page++;
            ParsedTable table;
            try {
                table = DocumentReader.read(e.getKey() + ".csv", asCsv(e.getValue()).getBytes(StandardCharsets.UTF_8)).tables().get(0);
            } catch (DocumentException ex) {
                throw new IllegalStateException("the labelled rows of " + e.getKey() + " do not read as a CSV list: " + ex.getMessage(), ex);
            }
            if (!table.rejected().isEmpty()) {
                throw new IllegalStateException("the CSV reader rejected rows of " + e.getKey() + ": " + table.rejected());
            }
            for (ProjectRecord p : table.projects()) {
                Row row = byLine.get(p.seq().replaceAll("[.、]$", ""));
                if (row == null) {
                    throw new IllegalStateException("row 序号 " + p.seq() + " came back from the CSV reader without its label");
                }
                placedRows.add(row);
                lists.add(page);
                placements.add(geocoder.place(new ProjectFacts(row.line(), "eval:" + row.line(), p.name(), p.projectCodes(),
                        p.locationText(), p.responsibleUnits(), p.content())));
            }
        }
        placements = listContext.apply(lists, placements, java.util.Collections.nCopies(placements.size(), false));
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < placements.size(); i++) {
            Placement placed = placements.get(i);
            String evidence = String.join("；", new LinkedHashSet<>(placed.counties().stream().map(Placement.PlacedCounty::evidence).toList()));
            outcomes.add(new Outcome(placedRows.get(i), new TreeSet<>(placed.countyCodes()), placed.precision(), evidence));
        }
        long nanos = System.nanoTime() - started;
        if (outcomes.size() != rows.size()) {
            throw new IllegalStateException(rows.size() - outcomes.size() + " labelled rows were rejected by the CSV reader");
        }
        List<Outcome> labelled = outcomes.stream().filter(o -> !o.row().expected().isEmpty()).toList();
        return new Result(Score.of(labelled.stream().filter(o -> o.row().fromRow()).toList()), Score.of(labelled), outcomes, nanos);
    }
}
