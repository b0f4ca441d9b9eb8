package atlas.geocode;

import atlas.gazetteer.CsvTable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares stored placements with a hand-labelled set (bench/geocode-eval.csv): county-level
 * precision, recall and F1 over (project, county) pairs, and how precision levels are distributed.
 */
public final class Evaluation {
    public record Miss(String source, String seq, String name, Set<String> expected, Set<String> placed,
                       String expectedPrecision, String placedPrecision) {
    }

    /**
     * County-level counts of one group of labelled rows: 'single' (one county expected), 'multi'
     * (several counties, or a route), 'other' (labelled city, province or unknown: no county expected).
     */
    public record Counts(int rows, int truePositives, int falsePositives, int falseNegatives) {
        Counts plus(int tp, int fp, int fn) {
            return new Counts(rows + 1, truePositives + tp, falsePositives + fp, falseNegatives + fn);
        }

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
    }

    /** Which group a labelled row belongs to, by its label alone. */
    static String group(Set<String> expected, String expectedPrecision) {
        if (expected.isEmpty()) {
            return "other";
        }
        return expected.size() == 1 && !"route".equals(expectedPrecision) ? "single" : "multi";
    }

    public record Result(int labelled, int found, int truePositives, int falsePositives, int falseNegatives,
                         Map<String, Integer> placedPrecision, Map<String, Integer> expectedPrecision,
                         int precisionLevelAgreement, List<Miss> misses, Map<String, Counts> groups) {
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
    }

    public static Result evaluate(Connection c, Path labels) throws SQLException {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int found = 0;
        int agree = 0;
        Map<String, Integer> placedPrecision = new TreeMap<>();
        Map<String, Integer> expectedPrecision = new TreeMap<>();
        List<Miss> misses = new ArrayList<>();
        Map<String, Counts> groups = new TreeMap<>();
        List<Map<String, String>> rows = CsvTable.read(labels);
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT p.precision, array_remove(array_agg(pl.division_code ORDER BY pl.division_code), NULL)
                FROM project p JOIN source_document d ON d.id = p.document_id
                LEFT JOIN (SELECT x.* FROM placement x JOIN division dv ON dv.code = x.division_code AND dv.level = 'county') pl
                  ON pl.project_id = p.id
                WHERE d.file_name = ? AND p.table_title = ? AND p.seq = ?
                GROUP BY p.id, p.precision""")) {
            for (Map<String, String> row : rows) {
                ps.setString(1, row.get("source"));
                ps.setString(2, row.get("table"));
                ps.setString(3, row.get("seq"));
                Set<String> expected = codes(CsvTable.value(row, "expected_counties"));
                String expectedLevel = CsvTable.value(row, "expected_precision");
                expectedPrecision.merge(expectedLevel, 1, Integer::sum);
                try (ResultSet rs = ps.executeQuery()) {
                    Set<String> placed = new TreeSet<>();
                    String level = "missing";
                    if (rs.next()) {
                        found++;
                        level = rs.getString(1);
                        placed.addAll(Arrays.asList((String[]) rs.getArray(2).getArray()));
                    }
                    placedPrecision.merge(level, 1, Integer::sum);
                    if (level.equals(expectedLevel)) {
                        agree++;
                    }
                    Set<String> hit = new TreeSet<>(placed);
                    hit.retainAll(expected);
                    tp += hit.size();
                    fp += placed.size() - hit.size();
                    fn += expected.size() - hit.size();
                    groups.merge(group(expected, expectedLevel), new Counts(1, hit.size(), placed.size() - hit.size(),
                            expected.size() - hit.size()), (a, b) -> a.plus(b.truePositives(), b.falsePositives(), b.falseNegatives()));
                    if (!placed.equals(expected)) {
                        misses.add(new Miss(row.get("source"), row.get("seq"), row.get("name"), expected, placed,
                                expectedLevel, level));
                    }
                }
            }
        }
        return new Result(rows.size(), found, tp, fp, fn, placedPrecision, expectedPrecision, agree, misses, groups);
    }

    private static Set<String> codes(String s) {
        Set<String> out = new TreeSet<>();
        if (s != null) {
            for (String code : s.split(";")) {
                if (!code.isBlank()) {
                    out.add(code.trim());
                }
            }
        }
        return out;
    }
}
