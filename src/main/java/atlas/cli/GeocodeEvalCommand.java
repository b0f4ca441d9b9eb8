package atlas.cli;

import atlas.geocode.Evaluation;

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
}
