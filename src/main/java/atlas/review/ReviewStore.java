package atlas.review;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Review items: what the geocoder could not settle, and '位置有误' reports from users. */
public final class ReviewStore {
    public static final int MAX_COMMENT = 1000;

    public List<Map<String, Object>> open(Connection c, Optional<String> kind, int limit) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ReviewSql.OPEN_ITEMS)) {
            ps.setString(1, kind.orElse(null));
            ps.setString(2, kind.orElse(null));
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getLong("id"));
                    m.put("kind", rs.getString("kind"));
                    m.put("reason", rs.getString("reason"));
                    m.put("comment", rs.getString("comment"));
                    m.put("created_at", rs.getTimestamp("created_at").toInstant().toString());
                    m.put("project_id", rs.getString("fid"));
                    m.put("project_name", rs.getString("name"));
                    m.put("source", rs.getString("file_name"));
                    m.put("table", rs.getString("table_title"));
                    m.put("seq", rs.getString("seq"));
                    m.put("precision", rs.getString("precision"));
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** A user's '位置有误' report: creates one review item, nothing else. Empty when the project is unknown. */
    public Optional<Long> report(Connection c, String projectFid, String comment, String client) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ReviewSql.REPORT)) {
            ps.setString(1, comment);
            ps.setString(2, client);
            ps.setString(3, projectFid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** One open item for the terminal report: kind, the project as a reader names it, reason. */
    public record Line(String kind, String project, String reason) {
    }

    /** Every open review item, for ./atlas geocode --report. */
    public List<Line> openSummary(Connection c) throws SQLException {
        List<Line> out = new ArrayList<>();
        try (java.sql.Statement st = c.createStatement(); ResultSet rs = st.executeQuery(ReviewSql.OPEN_SUMMARY)) {
            while (rs.next()) {
                out.add(new Line(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }
}
