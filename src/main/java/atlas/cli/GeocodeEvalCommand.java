package atlas.cli;

import atlas.geocode.Evaluation;
import atlas.geocode.RowEvaluation;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** ./atlas geocode --eval FILE: county-level precision, recall, F1 and the misses. */
final class GeocodeEvalCommand {
    private GeocodeEvalCommand() {
    }

    static int run(Connection c, Path labels, PrintStream out) throws SQLException {
        if (labels.getFileName().toString().endsWith(".tsv")) {
            return runRows(c, labels, out);
        }
        Evaluation.Result r = Evaluation.evaluate(c, labels);
        out.printf("labelled projects: %d (found in the database: %d)%n", r.labelled(), r.found());
        if (r.found() < r.labelled()) {
            // Without the labelled rows every one of them counts as a miss; say so instead of printing F1 0.
            out.printf("%d labelled projects are not in the database: import their lists first "
                    + "(./atlas demo, or ./atlas import geodata/lists/*.txt)%n", r.labelled() - r.found());
            if (r.found() == 0) {
                return 1;
            }
        }
        out.printf("county-level precision %.3f  recall %.3f  F1 %.3f  (TP %d, FP %d, FN %d)%n",
                r.precision(), r.recall(), r.f1(), r.truePositives(), r.falsePositives(), r.falseNegatives());
        for (Map.Entry<String, Evaluation.Counts> g : r.groups().entrySet()) {
            Evaluation.Counts k = g.getValue();
            if (g.getKey().equals("other")) {
                // No county is expected there: only counties placed anyway can be counted.
                out.printf("  %-6s %3d rows: %d counties placed where the label has none%n", g.getKey(), k.rows(), k.falsePositives());
                continue;
            }
            out.printf("  %-6s %3d rows: precision %.3f  recall %.3f  F1 %.3f  (TP %d, FP %d, FN %d)%n", g.getKey(), k.rows(),
                    k.precision(), k.recall(), k.f1(), k.truePositives(), k.falsePositives(), k.falseNegatives());
        }
        out.println("  (single: one county labelled; multi: several counties or a route; other: labelled city, province or unknown)");
        out.printf("precision level agrees with the label for %d of %d%n", r.precisionLevelAgreement(), r.labelled());
        out.println("placed precision levels:   " + r.placedPrecision());
        out.println("labelled precision levels: " + r.expectedPrecision());
        out.println("misses (" + r.misses().size() + "):");
        for (Evaluation.Miss m : r.misses()) {
            out.printf("  %s #%s %s: expected %s (%s), placed %s (%s)%n", m.source().substring(0, 3), m.seq(), m.name(),
                    m.expected(), m.expectedPrecision(), m.placed(), m.placedPrecision());
        }
        return 0;
    }

    /** A set of rows from other lists (bench/placement-dev.tsv): placed as a CSV import would place them, not stored. */
    private static int runRows(Connection c, Path labels, PrintStream out) throws SQLException {
        RowEvaluation.Result r = RowEvaluation.evaluate(c, labels);
        out.printf("rows: %d, labelled %d, readable from the row (from_row = yes) %d; placed in %.1f ms%n",
                r.outcomes().size(), r.labelled().rows(), r.fromRow().rows(), r.nanos() / 1e6);
        for (var e : java.util.Map.of("from_row = yes", r.fromRow(), "all labelled  ", r.labelled()).entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())).toList()) {
            RowEvaluation.Score s = e.getValue();
            out.printf("%s: county-level precision %.3f  recall %.3f  F1 %.3f  (TP %d, FP %d, FN %d)%n", e.getKey(),
                    s.precision(), s.recall(), s.f1(), s.truePositives(), s.falsePositives(), s.falseNegatives());
        }
        out.println("misses (" + r.misses().size() + "):");
        for (RowEvaluation.Outcome o : r.misses()) {
            out.printf("  %s #%s%s %s | %s | %s: expected %s, placed %s (%s) %s%n", o.row().source(), o.row().seq(),
                    o.row().fromRow() ? "" : " (context)", o.row().name(), o.row().location(), o.row().units(),
                    o.row().expected(), o.placed(), o.precision(), o.evidence());
        }
        return 0;
    }
}
