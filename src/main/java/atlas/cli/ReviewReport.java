package atlas.cli;

import atlas.review.ReviewStore;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** ./atlas geocode --report: every open review item with its project and reason. */
final class ReviewReport {
    private ReviewReport() {
    }

    static void print(Connection c, PrintStream out) throws SQLException {
        List<ReviewStore.Line> lines = new ReviewStore().openSummary(c);
        for (ReviewStore.Line l : lines) {
            out.printf("%-12s %s: %s%n", l.kind(), l.project(), l.reason());
        }
        out.println(lines.size() + " open review items");
    }
}
