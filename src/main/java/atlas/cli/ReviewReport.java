package atlas.cli;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** ./atlas geocode --report: every open review item with its project and reason. */
final class ReviewReport {
    private ReviewReport() {
    }

    static void print(Connection c, PrintStream out) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT r.kind, coalesce(p.table_title || ' 序号 ' || p.seq || ' ' || p.name, r.project_key), r.reason
                FROM review_item r LEFT JOIN project p ON p.project_key = r.project_key
                WHERE r.status = 'open' ORDER BY r.kind, p.document_id, p.line_from""")) {
            int n = 0;
            while (rs.next()) {
                out.printf("%-12s %s: %s%n", rs.getString(1), rs.getString(2), rs.getString(3));
                n++;
            }
            out.println(n + " open review items");
        }
    }
}
